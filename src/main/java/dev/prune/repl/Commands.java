package dev.prune.repl;

import dev.prune.builtins.Builtin;
import dev.prune.builtins.Kind;
import dev.prune.builtins.Spelling;
import dev.prune.doc.Reference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The {@code :} commands, in one table: name, argument, one line of help, and what each does. */
final class Commands {

    /** What a command does with the session and its argument; false ends the session. */
    @FunctionalInterface
    interface Action {
        boolean run(Session session, String arg, PrintWriter out);
    }

    record Command(String name, String arg, String help, List<String> choices, Action action) {}

    static final List<String> SHOW = List.of("model", "layers", "policies", "results");

    static final List<Command> ALL = List.of(
            new Command("help", "", "this list", List.of(), Commands::help),
            new Command("doc", "NAME", "a builtin, statement or stdlib module", List.of(), Commands::doc),
            new Command("show", String.join("|", SHOW), "the model; its layers (shape, sparsity, frozen); the "
                    + "policies in force; the cycles so far", SHOW, Commands::show),
            new Command("plan", "[N]", "what each of the next N cycles (default 3) would do, as 'prune plan' shows it",
                    List.of(), Commands::plan),
            new Command("load", "FILE", "run a recipe's statements in this session", List.of(), Commands::load),
            new Command("save", "FILE", "write the statements that changed the session as a runnable recipe",
                    List.of(), Commands::save),
            new Command("reset", "", "forget every statement and the model", List.of(), (s, a, out) -> {
                s.reset();
                out.println("the session starts again from nothing");
                return true;
            }),
            new Command("quit", "", "leave (Ctrl-D does too)", List.of(), (s, a, out) -> false));

    private Commands() {}

    static Optional<Command> find(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Runs a line that starts with ':'; false when the session should end. */
    static boolean run(Session session, String line, PrintWriter out) {
        String text = line.strip().substring(1);
        int space = text.indexOf(' ');
        String name = space < 0 ? text : text.substring(0, space);
        String arg = space < 0 ? "" : text.substring(space + 1).strip();
        Optional<Command> command = find(name);
        if (command.isEmpty()) {
            out.println("error: unknown command ':" + name + "'" + Spelling.hint(name,
                    ALL.stream().map(Command::name).toList()) + " (:help lists them)");
            return true;
        }
        if (!command.get().arg().isEmpty() && !command.get().arg().startsWith("[") && arg.isEmpty()
                && !name.equals("doc")) {
            out.println("error: :" + name + " needs " + command.get().arg() + ", e.g. :" + name + " "
                    + example(command.get()));
            return true;
        }
        return command.get().action().run(session, arg, out);
    }

    private static String example(Command c) {
        return c.choices().isEmpty() ? (c.arg().equals("FILE") ? "session.prune" : "s_cyc") : c.choices().get(0);
    }

    private static boolean print(PrintWriter out, String text) {
        out.print(text);
        return true;
    }

    private static boolean help(Session session, String arg, PrintWriter out) {
        out.println("Type statements of the language, as in a recipe; an unfinished one continues on the next line.");
        out.println("Tab completes; Ctrl-C stops a running cycle (or clears the line); Ctrl-D leaves.");
        for (Command c : ALL) {
            String usage = ":" + c.name() + (c.arg().isEmpty() ? "" : " " + c.arg());
            out.println(String.format(Locale.ROOT, "  %-40s %s", usage, c.help()));
        }
        return true;
    }

    private static boolean doc(Session session, String arg, PrintWriter out) {
        if (arg.isEmpty()) {
            for (Kind kind : Kind.values()) {
                out.println(String.format(Locale.ROOT, "  %-24s %s", kind.words() + "s", session.registry().ofKind(kind)
                        .stream().map(Builtin::name).collect(Collectors.joining(" "))));
            }
            out.println("':doc NAME' shows one of them");
            return true;
        }
        Optional<String> doc = Reference.of(session.registry(), arg, false);
        if (doc.isEmpty()) {
            out.println("error: '" + arg + "' is not a builtin, statement or stdlib module" + Spelling.hint(arg,
                    Reference.names(session.registry())) + " (:doc lists the builtins)");
            return true;
        }
        out.print(doc.get());
        return true;
    }

    private static boolean show(Session session, String arg, PrintWriter out) {
        switch (arg) {
            case "model": return print(out, Views.model(session));
            case "layers": return print(out, Views.layers(session));
            case "policies": return print(out, Views.policies(session));
            case "results": return print(out, Views.results(session));
            default:
                out.println("error: cannot show '" + arg + "'; :show takes " + String.join(", ", SHOW));
                return true;
        }
    }

    private static boolean plan(Session session, String arg, PrintWriter out) {
        int cycles;
        try {
            cycles = arg.isEmpty() ? 3 : Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            cycles = 0;
        }
        if (cycles < 1 || cycles > 1000) {
            out.println("error: :plan takes a number of cycles from 1 to 1000, got '" + arg + "'");
            return true;
        }
        return print(out, Views.plan(session, cycles));
    }

    private static boolean load(Session session, String arg, PrintWriter out) {
        session.load(Path.of(arg));
        return true;
    }

    private static boolean save(Session session, String arg, PrintWriter out) {
        if (session.log().isEmpty()) {
            out.println("error: nothing to save yet: no statement has changed the session");
            return true;
        }
        Path file = Path.of(arg);
        if (session.save(file) != null) {
            int n = session.log().size();
            out.println("saved " + file + " (" + n + (n == 1 ? " statement" : " statements")
                    + "); run it with 'prune run " + file + "'");
        }
        return true;
    }
}
