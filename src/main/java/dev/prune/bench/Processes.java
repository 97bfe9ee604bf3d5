package dev.prune.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The sections measured from outside, in a fresh JVM: {@code prune check} and the quick start. */
final class Processes {
    private Processes() {
    }

    /** Wall time of {@code prune check} on each example, JVM start included. */
    static void check(Path examples, Table table) throws IOException {
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(examples)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(examples, "*.prune")) {
                dir.forEach(files::add);
            }
        }
        files.sort(null);
        if (files.isEmpty()) {
            table.add(new Row("check", examples.toString(), "prune check", Double.NaN, "s", "no examples found"));
            return;
        }
        ChildJvm.prune(List.of("check", files.get(0).toString()), Path.of("."));
        for (Path f : files) {
            ChildJvm.Outcome o = ChildJvm.prune(List.of("check", f.toString()), Path.of("."));
            String note = o.exitCode() == 0 ? "fresh JVM" : "exit code " + o.exitCode();
            table.add(new Row("check", f.getFileName().toString(), "prune check wall", o.seconds(), "s", note));
            table.add(new Row("check", f.getFileName().toString(), "prune check cpu", o.cpuSeconds(), "s",
                    "user + system, all JVM threads"));
        }
    }

    /** Peak resident memory and wall time of {@code prune run examples/quickstart.prune}. */
    static void quickStart(Path examples, Table table) throws IOException {
        Path recipe = examples.resolve("quickstart.prune");
        if (!Files.isRegularFile(recipe)) {
            table.add(new Row("memory", recipe.toString(), "peak resident", Double.NaN, "MB", "not found"));
            return;
        }
        Path out = Files.createTempDirectory("prune-bench-run");
        ChildJvm.Outcome o = ChildJvm.prune(List.of("run", recipe.toString(), "--out", out.toString()), Path.of("."));
        String note = o.exitCode() == 0 ? "maximum resident set, -Xmx4g" : "exit code " + o.exitCode();
        table.add(new Row("memory", "quickstart.prune", "peak resident", o.peakMegabytes(), "MB", note));
        table.add(new Row("memory", "quickstart.prune", "prune run wall", o.seconds(), "s",
                String.format(Locale.ROOT, "fresh JVM, 1 thread; %.1f s CPU", o.cpuSeconds())));
    }

    /**
     * Peak resident memory of a dense ResNet-56 run (0.85 M parameters, batch 128) in a fresh JVM:
     * one epoch of a Fashion-MNIST subset and its evaluation.
     */
    static void resnet56(boolean quick, Table table) throws IOException {
        Path dir = Files.createTempDirectory("prune-bench-resnet56");
        Path recipe = dir.resolve("resnet56.prune");
        int limit = quick ? 256 : 1024;
        Files.writeString(recipe, String.join("\n", "seed 1", "model resnet(depth=56)",
                "data fashion_mnist(batch=128, limit=" + limit + ", test_limit=256)", "optimizer sgd(momentum=0.9)",
                "lr 0.05", "train 1 epoch", "report", ""));
        ChildJvm.Outcome o = ChildJvm.prune(List.of("run", recipe.toString(), "--out", dir.resolve("out").toString()),
                Path.of("."));
        String note = o.exitCode() == 0 ? "maximum resident set, -Xmx4g; 1 epoch of " + limit + " examples, batch 128"
                : "exit code " + o.exitCode();
        table.add(new Row("memory", "resnet56", "peak resident", o.peakMegabytes(), "MB", note));
        table.add(new Row("memory", "resnet56", "prune run wall", o.seconds(), "s",
                String.format(Locale.ROOT, "fresh JVM, 1 thread; %.1f s CPU", o.cpuSeconds())));
    }
}
