package dev.prune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code prune} in a fresh JVM, the way a user does, to time it from the outside and to
 * read its peak resident memory (VmHWM in /proc, the kernel's high-water mark of the process).
 */
final class ChildJvm {

    /** Wall time, exit code and peak resident set of one child run; peak is NaN off Linux. */
    record Outcome(double seconds, int exitCode, double peakMegabytes) {}

    private ChildJvm() {
    }

    static Outcome prune(List<String> args, Path workDir) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx4g");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.prune.cli.Main");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_NUM_THREADS", "1");
        long start = System.nanoTime();
        Process p = pb.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        double peak = Double.NaN;
        try {
            while (!p.waitFor(50, TimeUnit.MILLISECONDS)) {
                peak = Math.max(Double.isNaN(peak) ? 0 : peak, highWaterMark(status));
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome(seconds, p.exitValue(), peak);
    }

    private static double highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process may have ended between the wait and the read.
        }
        return 0;
    }
}
