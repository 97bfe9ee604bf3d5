package dev.prune.cli;

import dev.prune.bench.Benchmark;
import dev.prune.data.DataException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code prune bench}: the performance table of docs/performance.md, printed and written as CSV. */
@Command(name = "bench", description = "Measure training, pruning, inference, checking and memory; write a CSV table.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE.csv", defaultValue = "bench.csv", description = "CSV file (default bench.csv)")
    Path out;

    @Option(names = "--quick", description = "a tenth of the data: every section in a few minutes")
    boolean quick;

    @Option(names = "--threads", paramLabel = "N[,N...]", defaultValue = "1", split = ",",
            description = "ND4J and PyTorch threads; several (1,2) measure every epoch row at each (default 1)")
    List<Integer> threads;

    @Option(names = "--python", paramLabel = "PATH", defaultValue = "/usr/bin/python3",
            description = "python with torch for the PyTorch peer (default /usr/bin/python3)")
    String python;

    @Option(names = "--examples", paramLabel = "DIR", defaultValue = "examples",
            description = "recipes for the check and memory sections (default examples)")
    Path examples;

    @Option(names = "--only", paramLabel = "SECTION[,SECTION...]", split = ",",
            description = "run only these sections: epoch, overhead (the LeNet-300-100 epochs alone), scoring, "
                    + "inference, check, memory (default all)")
    List<String> only = new ArrayList<>();

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        for (int t : threads) {
            if (t < 1 || t > Runner.MAX_THREADS) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be between 1 and "
                        + Runner.MAX_THREADS + ", not " + t);
            }
        }
        for (String section : only) {
            if (!Benchmark.Options.SECTIONS.contains(section)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--only: there is no section '"
                        + section + "'; the sections are " + String.join(", ", Benchmark.Options.SECTIONS));
            }
        }
        Benchmark bench = new Benchmark(new Benchmark.Options(quick, threads, python, examples, Set.copyOf(only)),
                stdout);
        try {
            bench.run();
        } catch (DataException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return Main.RUN_FAILED;
        }
        bench.write(out);
        stdout.println("wrote " + out);
        return Main.OK;
    }
}
