package dev.prune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study on two worker JVMs on 127.0.0.1: one is killed with SIGKILL in the middle of a run, the
 * other finishes that run from its last checkpoint, and the study's table is the table of the same
 * study run here. Every process the test starts is stopped by the test.
 */
@Tag("slow")
class ClusterRunTest {
    static final String RECIPE = """
            seed 1
            model mlp(784, 16, 10)
            data shapes(train=600, test=60)
            lr 0.1
            train 1 epoch
            prune l1 by 20% every cycle
            retrain 1 epoch
            run 4 cycles
            """;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final List<ProcessHandle> children = new ArrayList<>();

    @Test
    void aStudyOnWorkersSurvivesAKilledWorkerAndHasTheLocalNumbers() throws Exception {
        Path recipe = dir.resolve("tiny.prune");
        Files.writeString(recipe, RECIPE);
        try {
            int[] ports = {freePort(), freePort()};
            Worker a = worker(ports[0], null);
            Worker b = worker(ports[1], "127.0.0.1:" + ports[0]);
            String[] study = {"study", recipe.toString(), "--seeds", "1,2"};

            Path local = dir.resolve("local");
            CliTest.Result here = CliTest.prune(with(study, "--parallel", "2", "--out", local.toString()));
            assertEquals(Main.OK, here.code(), here.out() + here.err());
            a.awaitLine("worker 127.0.0.1:" + ports[0] + ":");
            b.awaitLine("worker 127.0.0.1:" + ports[1] + ":");
            assertTrue(b.output().contains("2 members in the cluster"), b.output());

            Path remote = dir.resolve("remote");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CompletableFuture<Integer> submitted = CompletableFuture.supplyAsync(() -> Main.execute(
                    with(study, "--cluster", "127.0.0.1:" + ports[0], "--out", remote.toString()),
                    new PrintWriter(out, true), new PrintWriter(err, true)));
            Pattern checkpoint = Pattern.compile("\\] (\\S+): checkpoint after cycle [0-3]: .* \\(from 127\\.0\\.0\\.1:(\\d+)\\)");
            Matcher m = awaitMatch(out, checkpoint, submitted);
            String run = m.group(1);
            Worker victim = Integer.parseInt(m.group(2)) == ports[0] ? a : b;
            Worker survivor = victim == a ? b : a;
            victim.kill();

            int code = submitted.get(240, TimeUnit.SECONDS);
            assertEquals(Main.OK, code, out + "\n" + err);
            String text = out.toString();
            assertTrue(text.contains("study tiny.prune: 2 runs on 2 workers with 2 slots"), text);
            assertTrue(text.contains("worker 127.0.0.1:" + victim.port + " left: " + run
                    + " goes on elsewhere from its last checkpoint (cycle "), text);
            assertTrue(text.contains("resume " + run + " on 127.0.0.1:" + survivor.port), text);
            assertTrue(text.contains("2 runs, 2 ran now, 2 finished ok"), text);
            assertTrue(survivor.output().contains("resume " + run), survivor.output());
            assertEquals(RecordsRunTest.withoutSeconds(local.resolve("study.csv")),
                    RecordsRunTest.withoutSeconds(remote.resolve("study.csv")));
            assertEquals(Files.readString(local.resolve("summary.md")).lines().filter(l -> l.startsWith("|")).toList(),
                    Files.readString(remote.resolve("summary.md")).lines().filter(l -> l.startsWith("|")).toList());

            // Nothing answers on the killed worker's port: one sentence, and the finished study is untouched.
            String before = Files.readString(remote.resolve("study.csv"));
            CliTest.Result unreachable = CliTest.prune("study", "--resume", remote.toString(), "--cluster",
                    "127.0.0.1:" + victim.port);
            assertEquals(Main.RECIPE_ERROR, unreachable.code(), unreachable.out() + unreachable.err());
            assertEquals("error: no prune worker answers at 127.0.0.1:" + victim.port + " (start one there with prune "
                    + "worker, or check the address); nothing was run\n", unreachable.err());
            assertEquals(before, Files.readString(remote.resolve("study.csv")));
        } finally {
            for (Process p : started) {
                children.addAll(p.descendants().toList());
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            for (ProcessHandle c : children) {
                c.destroyForcibly();
            }
        }
    }

    /** A worker JVM and everything it printed so far. */
    private final class Worker {
        final int port;
        final Process process;
        final StringBuffer text = new StringBuffer();

        Worker(int port, Process process) {
            this.port = port;
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        text.append(line).append('\n');
                    }
                } catch (IOException ended) {
                    // The worker was stopped.
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            return text.toString();
        }

        void awaitLine(String start) throws InterruptedException {
            for (int i = 0; i < 1200; i++) {
                if (output().lines().anyMatch(l -> l.startsWith(start))) {
                    return;
                }
                if (!process.isAlive()) {
                    fail("the worker on port " + port + " ended: " + output());
                }
                Thread.sleep(100);
            }
            fail("the worker on port " + port + " did not start: " + output());
        }

        /** SIGKILL, as a machine that loses power: no shutdown hook runs. */
        void kill() throws InterruptedException {
            children.addAll(process.descendants().toList());
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private Worker worker(int port, String join) throws IOException {
        List<String> command = new ArrayList<>(StudyCommand.javaPrefix());
        command.addAll(List.of("worker", "--port", Integer.toString(port), "--slots", "1", "--work",
                dir.resolve("work-" + port).toString()));
        if (join != null) {
            command.addAll(List.of("--join", join));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        started.add(p);
        return new Worker(port, p);
    }

    private static Matcher awaitMatch(StringWriter out, Pattern pattern, CompletableFuture<Integer> running)
            throws InterruptedException {
        for (int i = 0; i < 2400; i++) {
            Matcher m = pattern.matcher(out.toString());
            if (m.find()) {
                return m;
            }
            if (running.isDone()) {
                fail("the study ended before a checkpoint came from a worker: " + out);
            }
            Thread.sleep(50);
        }
        fail("no checkpoint came from a worker: " + out);
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String[] with(String[] args, String... more) {
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }
}
