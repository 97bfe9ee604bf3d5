package dev.prune.cli;

import dev.prune.cluster.Addresses;
import dev.prune.cluster.Worker;
import dev.prune.cluster.WorkerContext;
import dev.prune.study.StudyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code prune worker}: a member of a cluster that runs the runs of studies submitted with
 * {@code prune study --cluster}, each as a {@code prune run} child process, until it is stopped.
 */
@Command(name = "worker", description = "Run the runs of studies submitted with 'prune study --cluster', until stopped.")
final class WorkerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--join", paramLabel = "HOST:PORT,...", description = "workers to join (default: start a cluster)")
    String join;

    @Option(names = "--slots", paramLabel = "N", description = "runs at once (default: the number of cores)")
    Integer slots;

    @Option(names = "--port", paramLabel = "P", description = "the port to listen on (default: the first free from 5701)")
    Integer port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "the address to bind and announce (default 127.0.0.1: only this machine; "
                    + "give this machine's address for workers on other machines)")
    String host;

    @Option(names = "--work", paramLabel = "DIR", description = "where runs are kept while they run (default: a new "
            + "temporary directory)")
    Path work;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        int n = slots != null ? slots : Runtime.getRuntime().availableProcessors();
        List<String> members;
        try {
            if (n < 1) {
                throw new StudyException("--slots must be at least 1");
            }
            if (port != null && (port < 1 || port > 65535)) {
                throw new StudyException("--port " + port + " is not a port (1 to 65535)");
            }
            members = join == null ? List.of() : Addresses.parse(join, "--join");
        } catch (StudyException x) {
            e.println("error: " + x.getMessage());
            e.flush();
            return Main.RECIPE_ERROR;
        }
        Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("prune-worker-");
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("HH:mm:ss");
        WorkerContext context = new WorkerContext(StudyCommand.javaPrefix(), dir, new DataFingerprint(), line -> {
            synchronized (o) {
                o.println(LocalTime.now().format(clock) + " " + line);
                o.flush();
            }
        });
        Worker worker;
        try {
            worker = Worker.start(host, port, members, n, context);
        } catch (IllegalStateException x) {
            e.println("error: " + x.getMessage());
            e.flush();
            return Main.RUN_FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            stopped.countDown();
        }));
        o.println("worker " + worker.address() + ": " + n + " slot" + (n == 1 ? "" : "s") + ", runs kept in " + dir
                + ", " + worker.members() + " member" + (worker.members() == 1 ? "" : "s") + " in the cluster; "
                + "submit with prune study RECIPE --cluster " + worker.address() + "; Ctrl-C stops it");
        o.flush();
        stopped.await();
        return Main.OK;
    }
}
