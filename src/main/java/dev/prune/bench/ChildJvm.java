package dev.prune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code prune} in a fresh JVM with the flags {@code bin/prune} gives it, to time it from the
 * outside: wall time, CPU time and peak resident memory, through GNU time when it is installed,
 * else by reading the kernel's high-water mark (VmHWM in /proc) while the process runs.
 */
final class ChildJvm {

    /** Wall time, CPU time (user + system), exit code and peak resident set of one child run; NaN when unknown. */
    record Outcome(double seconds, double cpuSeconds, int exitCode, double peakMegabytes) {}

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private ChildJvm() {
    }

    static Outcome prune(List<String> args, Path workDir) throws IOException {
        List<String> command = new ArrayList<>();
        Path report = null;
        if (Files.isExecutable(GNU_TIME)) {
            report = Files.createTempFile("prune-bench-time", ".txt");
            command.addAll(List.of(GNU_TIME.toString(), "-o", report.toString(), "-f", "%U %S %M"));
        }
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx4g");
        if (args.get(0).equals("check")) {
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        }
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
        double cpu = Double.NaN;
        if (report != null) {
            String[] cells = Files.readString(report).strip().split("\\s+");
            Files.deleteIfExists(report);
            if (cells.length >= 3) {
                cpu = Double.parseDouble(cells[cells.length - 3]) + Double.parseDouble(cells[cells.length - 2]);
                peak = Double.parseDouble(cells[cells.length - 1]) / 1024.0;
            }
        }
        return new Outcome(seconds, cpu, p.exitValue(), peak);
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
