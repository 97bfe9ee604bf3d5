package dev.prune.repl;

import dev.prune.builtins.Builtin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Completion of {@code :} commands and their arguments: builtin names, what to show, file names. */
final class CommandCompletion {
    private CommandCompletion() {}

    /** The colon while the command is typed, then the start of its argument. */
    static int start(String before) {
        int colon = before.indexOf(':');
        String text = before.substring(colon + 1);
        int space = text.indexOf(' ');
        return space < 0 ? colon : before.length() - text.substring(space + 1).stripLeading().length();
    }

    static Completion.Result complete(Session session, String before) {
        int colon = before.indexOf(':');
        String text = before.substring(colon + 1);
        int space = text.indexOf(' ');
        List<Completion.Candidate> out = new ArrayList<>();
        if (space < 0) {
            for (Commands.Command c : Commands.ALL) {
                if (c.name().startsWith(text)) {
                    out.add(new Completion.Candidate(":" + c.name(), true));
                }
            }
            return new Completion.Result(colon, out);
        }
        String name = text.substring(0, space);
        String arg = text.substring(space + 1).stripLeading();
        int start = start(before);
        switch (name) {
            case "doc":
                for (Builtin<?> b : session.registry().all()) {
                    if (b.name().startsWith(arg)) {
                        out.add(new Completion.Candidate(b.name(), true));
                    }
                }
                break;
            case "show":
                Commands.SHOW.stream().filter(s -> s.startsWith(arg)).forEach(s -> out.add(new Completion.Candidate(s, true)));
                break;
            case "load":
            case "save":
                files(session.workdir(), arg, out);
                break;
            default:
                break;
        }
        return new Completion.Result(start, out);
    }

    /** Folders and recipes whose path starts with what was typed. */
    private static void files(Path workdir, String typed, List<Completion.Candidate> out) {
        int slash = typed.lastIndexOf('/');
        String folder = slash < 0 ? "" : typed.substring(0, slash + 1);
        String stem = typed.substring(slash + 1);
        Path dir = workdir.resolve(folder.isEmpty() ? "." : folder);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            list.sorted().forEach(p -> {
                String name = p.getFileName().toString();
                if (!name.startsWith(stem) || name.startsWith(".") && !stem.startsWith(".")) {
                    return;
                }
                if (Files.isDirectory(p)) {
                    out.add(new Completion.Candidate(folder + name + "/", false));
                } else if (name.endsWith(".prune")) {
                    out.add(new Completion.Candidate(folder + name, true));
                }
            });
        } catch (IOException e) {
            // An unreadable folder simply offers nothing.
        }
    }
}
