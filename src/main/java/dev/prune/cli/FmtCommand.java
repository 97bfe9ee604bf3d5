package dev.prune.cli;

import dev.prune.format.Formatter;
import dev.prune.report.RunDirectory;
import dev.prune.source.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code prune fmt [--check] FILE...}: rewrites recipes in the canonical layout. */
@Command(name = "fmt", description = "Lay out recipes canonically (spacing, indentation; comments kept).")
final class FmtCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "recipe files; - reads standard input "
            + "and writes the result to standard output")
    List<String> files;

    @Option(names = "--check", description = "change nothing; list the files that would change and exit 1 if any")
    boolean check;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int errors = 0;
        int changed = 0;
        for (String name : files) {
            SourceFile source;
            try {
                source = name.equals("-")
                        ? new SourceFile("<stdin>", new String(System.in.readAllBytes(), StandardCharsets.UTF_8))
                        : SourceFile.read(Path.of(name));
            } catch (NoSuchFileException e) {
                err.println("error: cannot read " + name + ": no such file");
                errors++;
                continue;
            }
            Formatter.Result result = Formatter.format(source);
            if (!result.ok()) {
                err.print(result.diagnostics().render());
                errors++;
                continue;
            }
            if (name.equals("-")) {
                out.print(result.text());
            } else if (!result.text().equals(source.text())) {
                changed++;
                if (check) {
                    out.println("would reformat " + name);
                } else {
                    RunDirectory.writeAtomically(Path.of(name), result.text());
                    out.println("formatted " + name);
                }
            }
        }
        out.flush();
        err.flush();
        if (errors > 0) {
            return Main.RECIPE_ERROR;
        }
        return check && changed > 0 ? Main.RUN_FAILED : Main.OK;
    }
}
