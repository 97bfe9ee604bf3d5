package dev.prune.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PyTorch peer: the script shipped in the jar, run with Debian's python3 on the same data.
 * Absent when python3 cannot import torch; its time then reads "not installed".
 */
final class TorchPeer {
    private final String python;
    private final Path script;

    private TorchPeer(String python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** The peer, or empty with the reason when PyTorch is not installed. */
    static Optional<TorchPeer> find(String python) throws IOException {
        if (!run(List.of(python, "-c", "import torch"), 120).isPresent()) {
            return Optional.empty();
        }
        Path script = Files.createTempFile("prune-torch-epoch", ".py");
        script.toFile().deleteOnExit();
        try (InputStream in = TorchPeer.class.getResourceAsStream("/bench/torch_epoch.py")) {
            if (in == null) {
                throw new IOException("the jar holds no bench/torch_epoch.py");
            }
            Files.write(script, in.readAllBytes());
        }
        return Optional.of(new TorchPeer(python, script));
    }

    /**
     * Wall and CPU seconds of one epoch (NaN when the script failed) and the BLAS kernel the peer's
     * library chose, as the script reports it ("unknown" when it cannot tell).
     */
    record Epoch(double seconds, double cpuSeconds, String blas) {}

    /**
     * Variables this machine kind sets as a guard for old OpenBLAS builds. They pin OpenBLAS to an
     * older kernel and a smaller cache size, which slows PyTorch's products by a third; a user's
     * machine has neither, so the peer's process alone runs without them.
     */
    static final List<String> UNSET = List.of("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE");

    Epoch epoch(Path data, String model, int batch, int limit, int warmup, int threads) throws IOException {
        Optional<String> out = run(List.of(python, script.toString(), "--data", data.toString(), "--model", model,
                "--batch", Integer.toString(batch), "--limit", Integer.toString(limit),
                "--warmup", Integer.toString(warmup), "--threads", Integer.toString(threads)), 1800);
        return out.map(TorchPeer::parse).orElse(new Epoch(Double.NaN, Double.NaN, "unknown"));
    }

    /** The script's output: a line "blas ..." and, last, "wall cpu". */
    static Epoch parse(String out) {
        String[] lines = out.strip().split("\n");
        String blas = "unknown";
        for (String line : lines) {
            if (line.startsWith("blas ")) {
                blas = line.substring(5).strip();
            }
        }
        String[] cells = lines[lines.length - 1].strip().split(" ");
        return new Epoch(Double.parseDouble(cells[0]), Double.parseDouble(cells[1]), blas);
    }

    private static Optional<String> run(List<String> command, int timeoutSeconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_NUM_THREADS", "1");
        UNSET.forEach(pb.environment()::remove);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
