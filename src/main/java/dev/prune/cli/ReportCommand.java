package dev.prune.cli;

import dev.prune.report.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code prune report DIR}: draws a run directory's summary page and plots again from its tables. */
@Command(name = "report", description = "Write summary.md and the plots of a run directory from its tables.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the run directory")
    Path dir;

    @CommandLine.Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(dir.resolve("manifest.json"))) {
            spec.commandLine().getErr().println("error: " + dir + " is not a run directory: it has no manifest.json");
            return Main.RECIPE_ERROR;
        }
        new RunDirectory(dir).writeSummary();
        spec.commandLine().getOut().println("wrote " + dir.resolve("summary.md"));
        return Main.OK;
    }
}
