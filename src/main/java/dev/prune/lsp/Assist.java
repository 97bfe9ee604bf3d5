package dev.prune.lsp;

import dev.prune.ast.Statement;
import dev.prune.builtins.Builtin;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.doc.Reference;
import dev.prune.engine.NetworkSpec;
import dev.prune.front.FrontEnd;
import dev.prune.parser.Lexeme;
import dev.prune.parser.Lexemes;
import dev.prune.parser.RecipeLoader;
import dev.prune.repl.Completion;
import dev.prune.source.SourceFile;
import dev.prune.source.Span;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/** Completion, hover and go-to-definition at a position of a document. */
final class Assist {
    private static final Set<String> KEYWORDS = Set.copyOf(Lexemes.keywords());

    private final Document document;
    private final FrontEnd.Result checked;
    private final Registry registry;

    Assist(Document document) {
        this.document = document;
        this.checked = document.checked();
        this.registry = Registry.standard();
    }

    /** What the REPL's Tab offers at this point, as items that replace the word being typed. */
    List<CompletionItem> completion(Position at) {
        int offset = Positions.offset(document.text, at);
        Completion.Result found = Completion.complete(context(), document.text.substring(0, offset));
        Range replaced = new Range(Positions.position(document.text, found.start()), Positions.position(document.text, offset));
        List<CompletionItem> items = new ArrayList<>();
        for (Completion.Candidate c : found.candidates()) {
            CompletionItem item = new CompletionItem(c.value());
            item.setTextEdit(Either.forLeft(new TextEdit(replaced, c.value())));
            Builtin<?> builtin = registry.find(c.value()).orElse(null);
            if (builtin != null) {
                item.setKind(CompletionItemKind.Function);
                item.setDetail(builtin.kind().words());
                item.setDocumentation(new MarkupContent(MarkupKind.PLAINTEXT, Reference.text(builtin)));
            } else if (c.value().endsWith("=")) {
                item.setKind(CompletionItemKind.Property);
            } else if (KEYWORDS.contains(c.value())) {
                item.setKind(CompletionItemKind.Keyword);
            } else if (checked.checker().constants().containsKey(c.value())) {
                item.setKind(CompletionItemKind.Variable);
            } else {
                item.setKind(CompletionItemKind.Value);
            }
            items.add(item);
        }
        return items;
    }

    private Completion.Context context() {
        return new Completion.Context() {
            @Override
            public Registry registry() {
                return registry;
            }

            @Override
            public NetworkSpec network() {
                return checked.checker().network();
            }

            @Override
            public Collection<String> names() {
                return checked.checker().constants().keySet();
            }

            @Override
            public Collection<String> checkpoints() {
                Set<String> names = new LinkedHashSet<>(List.of("init"));
                for (Statement s : all(checked.statements())) {
                    if (s instanceof Statement.Checkpoint c) {
                        names.add(c.name());
                    }
                }
                return names;
            }
        };
    }

    /**
     * A let or param name: its definition and value; an import: the module's doc; anything else
     * {@code prune doc NAME} knows (builtins, statement words, stdlib modules): that text. Null
     * when there is nothing to say.
     */
    Hover hover(Position at) {
        Lexeme token = token(at);
        if (token == null) {
            return null;
        }
        String name = name(token);
        String text = null;
        Statement defined = definition(name);
        if (defined != null && token.kind() == Lexeme.Kind.NAME) {
            Value value = checked.checker().constants().get(name);
            text = (defined instanceof Statement.Param ? "param " : defined instanceof Statement.Sweep ? "sweep " : "let ")
                    + name + (value == null ? "" : " = " + value.show())
                    + (defined instanceof Statement.Param ? "\n(--set " + name + "=VALUE changes it)" : "");
        } else if (token.kind() != Lexeme.Kind.NUMBER) {
            text = argument(token).or(() -> Reference.of(registry, name, false)).orElse(null);
        }
        if (text == null) {
            return null;
        }
        Range range = new Range(Positions.position(document.text, token.start()), Positions.position(document.text, token.end()));
        return new Hover(new MarkupContent(MarkupKind.PLAINTEXT, text), range);
    }

    /** For a parameter's name in a call ({@code max} in {@code s_cyc(max=0.1)}): that parameter's doc. */
    private java.util.Optional<String> argument(Lexeme token) {
        List<Lexeme> code = Lexemes.of(document.text).stream()
                .filter(l -> l.kind() != Lexeme.Kind.SPACE && l.kind() != Lexeme.Kind.COMMENT
                        && l.kind() != Lexeme.Kind.NEWLINE && l.kind() != Lexeme.Kind.CONTINUATION).toList();
        int at = -1;
        for (int i = 0; i < code.size(); i++) {
            if (code.get(i).start() == token.start()) {
                at = i;
            }
        }
        if (at < 1 || at + 1 >= code.size() || !code.get(at + 1).is("=")) {
            return java.util.Optional.empty();
        }
        int depth = 0;
        for (int i = at - 1; i >= 1; i--) {
            Lexeme l = code.get(i);
            if (l.is(")") || l.is("]")) {
                depth++;
            } else if (l.is("(") || l.is("[")) {
                if (depth-- == 0) {
                    Builtin<?> call = l.is("(") ? registry.find(code.get(i - 1).text()).orElse(null) : null;
                    return call == null ? java.util.Optional.empty()
                            : call.param(token.text()).map(p -> Reference.text(call, p));
                }
            }
        }
        return java.util.Optional.empty();
    }

    /** Where a let, param or sweep name is defined, or the file an import reads; empty when neither. */
    List<Location> definition(Position at) {
        Lexeme token = token(at);
        if (token == null) {
            return List.of();
        }
        Statement.Import imported = importAt(token);
        if (imported != null) {
            URI target = RecipeLoader.target(imported, document.folder());
            return target == null ? List.of() : List.of(new Location(target.toString(),
                    new Range(new Position(0, 0), new Position(0, 0))));
        }
        if (token.kind() != Lexeme.Kind.NAME) {
            return List.of();
        }
        Statement defined = definition(token.text());
        if (defined == null) {
            return List.of();
        }
        return List.of(new Location(uri(defined.span().file()), nameRange(defined.span(), token.text())));
    }

    /** The import statement written on the token's line, when the token is its word or its string. */
    private Statement.Import importAt(Lexeme token) {
        if (!(token.kind() == Lexeme.Kind.STRING || token.is("import"))) {
            return null;
        }
        for (RecipeLoader.Unit unit : checked.units()) {
            if (unit.written() instanceof Statement.Import i && i.span().line() == token.line()) {
                return i;
            }
        }
        return null;
    }

    /** The statement that defines {@code name}: let, param or sweep, here or in an import; null when none. */
    private Statement definition(String name) {
        for (Statement s : all(checked.statements())) {
            if (s instanceof Statement.Let l && l.name().equals(name)
                    || s instanceof Statement.Param p && p.name().equals(name)
                    || s instanceof Statement.Sweep w && w.variable().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Statements with sweep blocks (and their named blocks) flattened in after their sweep. */
    private static List<Statement> all(List<Statement> statements) {
        List<Statement> out = new ArrayList<>();
        for (Statement s : statements) {
            out.add(s);
            if (s instanceof Statement.Sweep w) {
                out.addAll(all(w.body()));
            } else if (s instanceof Statement.Variant v) {
                out.addAll(all(v.body()));
            }
        }
        return out;
    }

    /** The range of {@code name} on the statement's line (the statement's own range when it is not found). */
    private static Range nameRange(Span statement, String name) {
        String line = statement.file().line(statement.line());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(name) + "\\b")
                .matcher(line);
        if (m.find(Math.min(line.length(), Math.max(0, statement.column() - 1)))) {
            return new Range(new Position(statement.line() - 1, m.start()), new Position(statement.line() - 1, m.end()));
        }
        return Positions.range(statement);
    }

    private String uri(SourceFile file) {
        if (file == document.source) {
            return document.uri;
        }
        URI stdlib = RecipeLoader.stdlibLocation(file.name());
        return stdlib != null ? stdlib.toString() : Path.of(file.name()).toAbsolutePath().toUri().toString();
    }

    /** The word at the position: a name, keyword, string or number under the cursor or just before it. */
    private Lexeme token(Position at) {
        int offset = Positions.offset(document.text, at);
        Lexeme before = null;
        for (Lexeme l : Lexemes.of(document.text)) {
            boolean word = l.kind() == Lexeme.Kind.NAME || l.kind() == Lexeme.Kind.KEYWORD
                    || l.kind() == Lexeme.Kind.STRING || l.kind() == Lexeme.Kind.NUMBER;
            if (word && l.start() <= offset && offset < l.end()) {
                return l;
            }
            if (word && l.end() == offset) {
                before = l;
            }
            if (l.start() > offset) {
                break;
            }
        }
        return before;
    }

    /** The name a token stands for: a string's contents (an import's module), else its text. */
    private static String name(Lexeme token) {
        if (token.kind() == Lexeme.Kind.STRING && token.text().length() >= 2) {
            String inner = token.text().substring(1, token.text().length() - 1);
            return inner.endsWith(".prune") ? inner.substring(0, inner.length() - ".prune".length()) : inner;
        }
        return token.text();
    }
}
