package dev.prune.repl;

import dev.prune.builtins.Builtin;
import dev.prune.builtins.Kind;
import dev.prune.builtins.MetricInfo;
import dev.prune.builtins.Param;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Type;
import dev.prune.builtins.Value;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.parser.Continuations;
import dev.prune.parser.Lexeme;
import dev.prune.parser.Lexemes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Completion from context: keywords the grammar allows next (asked of the parser), builtins of
 * the kind the statement takes, a call's parameter names, layer names of the model, metrics
 * inside conditions, let/param names, and stdlib modules after {@code import}. Pure: the text
 * before the cursor and what is known of the recipe in, candidates out. The REPL's Tab and the
 * language server both ask it.
 */
public final class Completion {

    /** @param complete whether a space follows when it is chosen (not after a builtin that takes arguments) */
    public record Candidate(String value, boolean complete) {}

    /** Candidates for the word that starts at {@code start} and ends at the cursor. */
    public record Result(int start, List<Candidate> candidates) {
        public List<String> values() {
            return candidates.stream().map(Candidate::value).toList();
        }
    }

    /** What is known of the recipe at the cursor: a session's state, or an editor's checked file. */
    public interface Context {
        Registry registry();

        /** The network as checked so far, or null. */
        NetworkSpec network();

        /** Names defined by let and param. */
        java.util.Collection<String> names();

        /** Checkpoints a rewind may go back to. */
        java.util.Collection<String> checkpoints();
    }

    private static final List<String> SELECTOR_NAMES = List.of("output", "hidden", "dense", "conv");

    private final Context context;
    private final Registry registry;

    private Completion(Context context) {
        this.context = context;
        this.registry = context.registry();
    }

    /** The REPL's completion: ':' commands, else statements in the session's context. */
    static Result complete(Session session, String before) {
        if (before.stripLeading().startsWith(":") && !before.contains("\n")) {
            return CommandCompletion.complete(session, before);
        }
        return complete(new Context() {
            @Override
            public Registry registry() {
                return session.registry();
            }

            @Override
            public NetworkSpec network() {
                return session.network();
            }

            @Override
            public java.util.Collection<String> names() {
                return session.constants().keySet();
            }

            @Override
            public java.util.Collection<String> checkpoints() {
                return session.log().checkpoints();
            }
        }, before);
    }

    /** Candidates for the word that ends at the end of {@code before}, the text of the recipe up to the cursor. */
    public static Result complete(Context context, String before) {
        return new Completion(context).at(before);
    }

    /** Where the text that candidates replace starts: the word at the cursor, or a command's argument. */
    static int start(String before) {
        if (before.stripLeading().startsWith(":") && !before.contains("\n")) {
            return CommandCompletion.start(before);
        }
        return wordStart(before);
    }

    /** Where the word under completion starts: after the last character that cannot be in a name. */
    static int wordStart(String before) {
        int start = before.length();
        while (start > 0 && (Character.isLetterOrDigit(before.charAt(start - 1)) || before.charAt(start - 1) == '_')) {
            start--;
        }
        return start;
    }

    /** An import's name being typed: after {@code import "} at the start of a statement. */
    private static final java.util.regex.Pattern IMPORT =
            java.util.regex.Pattern.compile("(?:^|[\\n;])[ \\t]*import[ \\t]+\"([A-Za-z0-9_.-]*)$");

    private Result at(String before) {
        java.util.regex.Matcher imported = IMPORT.matcher(before);
        if (imported.find()) {
            String typed = imported.group(1);
            return new Result(before.length() - typed.length(), dev.prune.parser.RecipeLoader.stdlibNames().stream()
                    .filter(n -> n.startsWith(typed)).map(n -> new Candidate(n, false)).toList());
        }
        // A continuation line is completed in the context of the lines before it: its statement
        // may have begun there ('prune l1 by 20% on' then Tab on the next line offers layers).
        String text = before.contains("\n") ? Entry.joined(before, true) : before;
        String word = text.substring(wordStart(text));
        int start = before.length() - word.length();
        String prefix = text.substring(0, text.length() - word.length());
        if (!word.isEmpty() && Character.isDigit(word.charAt(0)) || insideCommentOrString(before)) {
            return new Result(start, List.of());
        }
        Map<String, Candidate> out = new LinkedHashMap<>();
        List<Lexeme> tokens = statement(prefix);
        Lexeme call = openCall(tokens);
        if (call != null || openList(tokens)) {
            inside(tokens, call, out);
        } else {
            statementLevel(prefix, tokens, out);
        }
        List<Candidate> matching = out.values().stream().filter(c -> c.value().startsWith(word)).toList();
        return new Result(start, matching);
    }

    private static boolean insideCommentOrString(String before) {
        List<Lexeme> all = Lexemes.of(before);
        if (all.isEmpty()) {
            return false;
        }
        Lexeme last = all.get(all.size() - 1);
        return last.kind() == Lexeme.Kind.COMMENT || all.stream().anyMatch(l -> l.kind() == Lexeme.Kind.ERROR
                && l.text().equals("\""));
    }

    /** The code tokens of the statement being typed: those after the last top-level ';' or line end. */
    static List<Lexeme> statement(String prefix) {
        List<Lexeme> tokens = new ArrayList<>();
        int depth = 0;
        for (Lexeme l : Lexemes.of(prefix)) {
            switch (l.kind()) {
                case SPACE: case COMMENT: case CONTINUATION:
                    break;
                case NEWLINE:
                    if (depth == 0) {
                        tokens.clear();
                    }
                    break;
                default:
                    if (l.is(";") && depth == 0) {
                        tokens.clear();
                        break;
                    }
                    if (l.is("(") || l.is("[")) {
                        depth++;
                    } else if ((l.is(")") || l.is("]")) && depth > 0) {
                        depth--;
                    }
                    tokens.add(l);
            }
        }
        return tokens;
    }

    /** The name before the innermost open '(' when it is a call, else null. */
    private static Lexeme openCall(List<Lexeme> tokens) {
        int index = innermostOpen(tokens);
        if (index > 0 && tokens.get(index).is("(") && tokens.get(index - 1).kind() == Lexeme.Kind.NAME) {
            return tokens.get(index - 1);
        }
        return null;
    }

    private static boolean openList(List<Lexeme> tokens) {
        int index = innermostOpen(tokens);
        return index >= 0 && tokens.get(index).is("[");
    }

    private static int innermostOpen(List<Lexeme> tokens) {
        int depth = 0;
        for (int i = tokens.size() - 1; i >= 0; i--) {
            Lexeme l = tokens.get(i);
            if (l.is(")") || l.is("]")) {
                depth++;
            } else if (l.is("(") || l.is("[")) {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return -1;
    }

    /** Inside a call: its parameter names, or values of the parameter after '='. Inside a list: values. */
    private void inside(List<Lexeme> tokens, Lexeme call, Map<String, Candidate> out) {
        Lexeme last = tokens.get(tokens.size() - 1);
        Builtin<?> builtin = call == null ? null : registry.find(call.text()).orElse(null);
        if (builtin != null && (last.is("(") || last.is(","))) {
            List<String> given = named(tokens, innermostOpen(tokens));
            for (Param p : builtin.params()) {
                if (!given.contains(p.name()) && !p.name().equals(builtin.variadic())) {
                    out.put(p.name() + "=", new Candidate(p.name() + "=", false));
                }
            }
        } else if (builtin != null && last.is("=") && tokens.size() >= 2) {
            Param p = builtin.param(tokens.get(tokens.size() - 2).text()).orElse(null);
            if (p != null && p.type() == Type.SCHEDULE) {
                builtins(Kind.SCHEDULE, out);
            } else if (p != null && p.type() == Type.CRITERION) {
                builtins(Kind.CRITERION, out);
            } else if (p != null && p.type() == Type.AUGMENTATION) {
                builtins(Kind.AUGMENTATION, out);
            }
        } else if (call == null && innermostOpen(tokens) > 0 && tokens.get(innermostOpen(tokens) - 1).is("layers")) {
            layers(out);
        }
        constants(out);
    }

    /** Parameter names already given in the call that opens at {@code open}. */
    private static List<String> named(List<Lexeme> tokens, int open) {
        List<String> names = new ArrayList<>();
        for (int i = open + 1; i + 1 < tokens.size(); i++) {
            if (tokens.get(i + 1).is("=") && (tokens.get(i - 1).is("(") || tokens.get(i - 1).is(","))) {
                names.add(tokens.get(i).text());
            }
        }
        return names;
    }

    private void statementLevel(String prefix, List<Lexeme> tokens, Map<String, Candidate> out) {
        Continuations.Next next = Continuations.after(prefix);
        String first = tokens.isEmpty() ? "" : tokens.get(0).text();
        String last = tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1).text();
        boolean words = tokens.stream().anyMatch(t -> t.is("where"));
        boolean condition = words || first.equals("expect") || first.equals("finetune")
                || tokens.stream().anyMatch(t -> t.is("until"));
        for (String k : next.keywords()) {
            if (offered(k, condition, words, last)) {
                out.put(k, new Candidate(k, true));
            }
        }
        if (!next.name() || Set.of("checkpoint", "let", "param", "sweep").contains(last)) {
            return;
        }
        switch (last) {
            case "model": builtins(Kind.MODEL, out); return;
            case "data": builtins(Kind.DATASET, out); return;
            case "optimizer": builtins(Kind.OPTIMIZER, out); return;
            case "lr": builtins(Kind.SCHEDULE, out); constants(out); return;
            case "on": case "except": case "freeze": case "unfreeze": layers(out); return;
            default: break;
        }
        if (first.equals("prune") && Set.of("prune", "global", "layerwise").contains(last)) {
            builtins(Kind.CRITERION, out);
        } else if (first.equals("rewind") && last.equals("to")) {
            context.checkpoints().forEach(c -> out.put(c, new Candidate(c, true)));
        } else if (condition) {
            metrics(words, out);
            constants(out);
        } else {
            constants(out);
        }
    }

    /**
     * Whether a keyword the grammar allows here is worth offering: words that only continue or
     * start expressions ('and', 'not', 'true') are noise outside conditions, and the metrics
     * 'cycle' and 'epoch' mean nothing inside {@code layers where}.
     */
    private static boolean offered(String keyword, boolean condition, boolean layerCondition, String last) {
        switch (keyword) {
            case "and": case "or": case "not": return condition;
            case "cycle": return last.equals("every") || condition && !layerCondition;
            case "epoch": return condition && !layerCondition;
            case "true": case "false": return false;
            default: return true;
        }
    }

    private void builtins(Kind kind, Map<String, Candidate> out) {
        for (Builtin<?> b : registry.ofKind(kind)) {
            out.put(b.name(), new Candidate(b.name(), b.params().isEmpty()));
        }
    }

    private void metrics(boolean layer, Map<String, Candidate> out) {
        for (Builtin<?> b : registry.ofKind(Kind.METRIC)) {
            MetricInfo info = registry.create(new Value.Ref(b.name(), Map.of(), false), MetricInfo.class);
            if (layer ? info.forLayer() : info.forRun()) {
                out.put(b.name(), new Candidate(b.name(), true));
            }
        }
    }

    private void layers(Map<String, Candidate> out) {
        NetworkSpec network = context.network();
        if (network != null) {
            for (LayerSpec l : network.layers()) {
                out.put(l.name(), new Candidate(l.name(), true));
            }
        }
        SELECTOR_NAMES.forEach(n -> out.put(n, new Candidate(n, true)));
    }

    private void constants(Map<String, Candidate> out) {
        context.names().forEach(n -> out.put(n, new Candidate(n, true)));
    }
}
