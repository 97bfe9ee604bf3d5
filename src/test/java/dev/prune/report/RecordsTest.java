package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.interp.CheckpointSink;
import dev.prune.interp.Interpreter;
import dev.prune.interp.RunListener;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run directory's files, written by a run on the fake engine, and a resume after a crash. */
class RecordsTest {
    @TempDir
    Path tmp;

    static final String RECIPE = """
            seed 3
            model lenet_300_100
            data shapes(train=600, test=100, val=50)
            lr 0.1
            train 2 epochs
            let eps = 2
            prune global l1 by 20% every cycle; lr s_cyc(max=0.1, k=4); freeze layers where delta < eps
            rewind to init
            retrain 2 epochs
            run 4 cycles
            expect sparsity >= 50%
            expect accuracy >= 99% at sparsity >= 30%
            report
            """;

    static List<Step> steps() {
        return FrontEnd.standard().check(new SourceFile("r.prune", RECIPE)).requireSteps();
    }

    /** Runs the recipe on the fake engine into dir; {@code sink} wraps the checkpoints (null: none). */
    static Interpreter run(Path dir, java.util.function.UnaryOperator<CheckpointSink> sink) {
        RunDirectory files = RunDirectory.create(dir, RECIPE);
        Manifest manifest = Manifest.start(dir, dir.resolve("r.prune"), RECIPE, Map.of(), null, 1, List.of(),
                List.of("run", "r.prune"));
        Interpreter interpreter = interpreter(dir, files, manifest);
        interpreter.checkpointTo(sink.apply(new Checkpoints(files)));
        try {
            interpreter.execute(steps());
        } finally {
            manifest.finish(interpreter.seed(), "ok", 0);
        }
        return interpreter;
    }

    private static Interpreter interpreter(Path dir, RunDirectory files, Manifest manifest) {
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(new ArrayList<>()), Registry.standard(),
                new Interpreter.Options(null, 1, dir), RunListener.all(List.of(files, manifest)), () -> false);
        interpreter.evaluateEachEpoch(true);
        return interpreter;
    }

    @Test
    void aRunLeavesTablesTheirJsonTwinsAManifestASummaryAndPlots() throws IOException {
        Path dir = tmp.resolve("run");
        run(dir, s -> s);
        List<List<String>> cycles = RunFiles.csv(dir.resolve("cycles.csv"));
        assertEquals(6, cycles.size(), "header and cycles 0-4");
        List<Map<String, Object>> json = RunFiles.jsonLines(dir.resolve("cycles.jsonl"));
        assertEquals(5, json.size());
        for (int c = 0; c < 5; c++) {
            List<String> header = cycles.get(0);
            for (int k = 0; k < header.size(); k++) {
                String cell = cycles.get(c + 1).get(k);
                Object value = json.get(c).get(header.get(k));
                if (value instanceof Number n) {
                    assertEquals(Double.parseDouble(cell), n.doubleValue(), header.get(k));
                } else {
                    assertEquals(cell.isEmpty() ? null : cell, value == null ? null : value.toString(), header.get(k));
                }
            }
        }
        assertEquals(0.36, RunFiles.num(json.get(2), "sparsity"), 1e-6);
        assertEquals("out", json.get(2).get("frozen"), "the output layer changes least and freezes");

        List<List<String>> epochs = RunFiles.csv(dir.resolve("epochs.csv"));
        assertEquals(List.of("phase", "cycle", "epoch", "epochs", "iteration", "iterations", "train_loss", "lr",
                "accuracy", "loss", "val_accuracy", "sparsity", "frozen", "seconds", "sparsity_fc1", "sparsity_fc2",
                "sparsity_out"), epochs.get(0));
        assertEquals(1 + 1 + 4, epochs.size(), "the fake engine reports one epoch per train request");
        assertEquals(List.of("cycle 2", "2", "1", "6", "60"), epochs.get(3).subList(0, 5));

        List<List<String>> lr = RunFiles.csv(dir.resolve("lr.csv"));
        assertEquals(LrLog.HEADER, lr.get(0));
        assertEquals(List.of("0", "train", "0", "0.1"), lr.get(1));
        assertTrue(lr.size() > 10, "s_cyc changes every iteration: " + lr.size());

        List<Map<String, Object>> claims = RunFiles.jsonLines(dir.resolve("expectations.jsonl"));
        assertEquals(2, claims.size());
        assertEquals(true, claims.get(0).get("held"));
        assertEquals(false, claims.get(1).get("held"));

        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.startsWith("# r\n"), summary);
        assertTrue(summary.contains("| cycle | sparsity | accuracy | val accuracy | loss | lr | epochs | frozen | "
                + "compression | speedup | distance | dnr | seconds |"), summary);
        assertTrue(summary.contains("| 1.56x | 1.56x | 0.5893 | 35.95% |"), summary);
        assertTrue(summary.contains("| 2 | 36.00% |"), summary);
        assertTrue(summary.contains("**FAILED**: `accuracy >= 99% at sparsity >= 30%`"), summary);
        for (String png : List.of(Summary.ACCURACY_PNG, Summary.LR_PNG, Summary.LAYERS_PNG)) {
            assertTrue(summary.contains("](" + png + ")"), png);
            BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
            assertEquals(800, image.getWidth(), png);
            assertEquals(480, image.getHeight(), png);
        }

        Map<String, Object> manifest = Manifest.read(dir);
        assertEquals(3, manifest.get("seed"));
        assertEquals(0, manifest.get("exit_code"));
        assertEquals(Map.of("held", 1, "failed", 1), manifest.get("expectations"));
        assertTrue(manifest.get("cpu") instanceof String cpu && !cpu.isBlank());
        assertEquals(Manifest.version(), manifest.get("prune_version"));
        assertTrue(manifest.get("git_commit") instanceof String commit
                && commit.matches("[0-9a-f]{40}(-dirty)?|unknown"), String.valueOf(manifest.get("git_commit")));
        Map<?, ?> data = (Map<?, ?>) manifest.get("data");
        assertEquals("shapes", data.get("name"));
        assertEquals("shapes:seed=3:train=600:test=100:val=50:size=28", data.get("fingerprint"));
        assertEquals(Map.of("engine", "fake engine"), manifest.get("engine"));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temporary file is left");
        }

        RunDirectory.create(dir, RECIPE);
        assertFalse(Files.exists(dir.resolve("summary.md")), "a new run in the same directory starts clean");
        assertFalse(Checkpoints.exists(dir));
        assertEquals(0, Files.size(dir.resolve("cycles.csv")));
    }

    /** Dies right after the cycle row of cycle {@code after + 1} is written, before its checkpoint. */
    static CheckpointSink crashingAfter(CheckpointSink sink, int after) {
        int[] saves = {0};
        return (snapshot, engine) -> {
            if (snapshot.cycles() > after) {
                throw new IllegalStateException("killed");
            }
            saves[0]++;
            sink.save(snapshot, engine);
        };
    }

    @Test
    void aResumedRunCutsTheInterruptedCycleAndEndsWithTheSameFiles() throws IOException {
        Path straight = tmp.resolve("straight");
        run(straight, s -> s);
        for (int after = 0; after <= 3; after++) {
            Path dir = tmp.resolve("crash" + after);
            int cycles = after;
            assertThrows(IllegalStateException.class, () -> run(dir, s -> crashingAfter(s, cycles)));
            assertEquals(after + 3, Files.readAllLines(dir.resolve("cycles.csv")).size(),
                    "the row of the interrupted cycle was written");

            Checkpoints.Loaded checkpoint = Checkpoints.load(dir);
            assertEquals(after, checkpoint.snapshot().cycles());
            RunDirectory files = RunDirectory.reopen(dir, checkpoint.files());
            assertEquals(after + 2, Files.readAllLines(dir.resolve("cycles.csv")).size(), "cut back");
            Manifest manifest = Manifest.resume(dir, after);
            Interpreter resumed = interpreter(dir, files, manifest);
            resumed.checkpointTo(new Checkpoints(files));
            resumed.resume(steps(), checkpoint.snapshot(), checkpoint.engine());
            manifest.finish(resumed.seed(), "ok", 0);

            for (String table : List.of("cycles.csv", "cycles.jsonl", "epochs.csv", "epochs.jsonl", "lr.csv",
                    "expectations.jsonl")) {
                assertEquals(withoutSeconds(straight.resolve(table)), withoutSeconds(dir.resolve(table)),
                        table + " after a crash in cycle " + (after + 1));
            }
            List<?> resumes = (List<?>) Manifest.read(dir).get("resumed");
            assertEquals(1, resumes.size());
            assertTrue(Files.readString(dir.resolve("summary.md")).contains("| 4 | 59.04% |"));
            try (var left = Files.list(dir.resolve(Checkpoints.FOLDER))) {
                assertEquals(2, left.count(), "state.json and the engine file it names");
            }
        }
    }

    /** Lines with the seconds cell (CSV) or field (JSON) blanked. */
    static List<String> withoutSeconds(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        int column = lines.isEmpty() ? -1 : RunFiles.cells(lines.get(0)).indexOf("seconds");
        for (String line : lines) {
            if (file.toString().endsWith(".jsonl")) {
                out.add(line.replaceAll("\"seconds\":[0-9.eE-]+", "\"seconds\":_"));
            } else if (column >= 0) {
                List<String> cells = new ArrayList<>(RunFiles.cells(line));
                cells.set(column, "_");
                out.add(String.join(",", cells));
            } else {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void aReplayWithTheSameNumbersHasNoDifferencesAndAChangedMetricIsNamed() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        run(a, s -> s);
        run(b, s -> s);
        Comparison.Result same = Comparison.of(a, b);
        assertEquals(0, same.differences(), same.lines().toString());
        assertEquals(List.of(), same.warnings());
        assertEquals("cycles: wall-clock columns not compared: seconds, seconds_saved", same.lines().get(0));
        assertTrue(same.lines().get(1).startsWith("cycles: no differences (5 rows,"), same.lines().toString());

        Path clock = b.resolve("cycles.jsonl");
        List<String> timed = new ArrayList<>(Files.readAllLines(clock));
        timed.set(2, timed.get(2).replaceFirst("\"seconds_saved\":[^,]+", "\"seconds_saved\":123.0")
                .replaceFirst("\"seconds\":[^,]+", "\"seconds\":456.0"));
        Files.write(clock, timed);
        assertEquals(0, Comparison.of(a, b).differences(), "wall-clock columns never count as differences");

        Path cycles = b.resolve("cycles.jsonl");
        List<String> rows = new ArrayList<>(Files.readAllLines(cycles));
        rows.set(3, rows.get(3).replaceFirst("\"accuracy\":[^,]+", "\"accuracy\":0.5"));
        Files.write(cycles, rows);
        String manifest = Files.readString(b.resolve("manifest.json"));
        Files.writeString(b.resolve("manifest.json"), manifest.replaceFirst("\"threads\" : 1", "\"threads\" : 2"));
        Comparison.Result changed = Comparison.of(a, b);
        assertTrue(changed.lines().stream().anyMatch(l -> l.startsWith("cycles: accuracy differs in 1 of 5 rows "
                + "(original vs replay): cycle 3: ")), changed.lines().toString());
        assertTrue(changed.warnings().get(0).startsWith("threads differs: 1 (original) vs 2 (replay)"),
                changed.warnings().toString());
    }

    @Test
    void aFullDiskIsOneSentence() {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full), "this system has no /dev/full");
        IOException e = assertThrows(IOException.class, () -> Files.write(full, new byte[] {1}));
        assertEquals("the disk is full", RunDirectory.reason(e));
    }

    @Test
    void aLinkPlantedInTheRunDirectoryIsNeverWrittenThrough() throws IOException {
        Path dir = tmp.resolve("planted");
        RunDirectory files = RunDirectory.create(dir, RECIPE);
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "keep");
        Files.createSymbolicLink(dir.resolve("expectations.jsonl"), outside);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> files.expectation("accuracy >= 1%", true, "cycle 0"));
        assertEquals("cannot write " + dir.resolve("expectations.jsonl") + ": it is a symbolic link, which a run "
                + "directory's files may not be", e.getMessage());
        assertEquals("keep", Files.readString(outside));

        Files.writeString(dir.resolve("summary.md"), "old");
        Files.createSymbolicLink(dir.resolve("summary.md.tmp"), outside);
        RunDirectory.writeAtomically(dir.resolve("summary.md"), "new");
        assertEquals("new", Files.readString(dir.resolve("summary.md")));
        assertEquals("keep", Files.readString(outside), "the link in the temporary file's place is not followed");
        assertFalse(Files.exists(dir.resolve("summary.md.tmp"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void theCheckerKnowsEveryFileARunWrites() throws IOException {
        Path dir = tmp.resolve("all");
        run(dir, s -> s);
        try (var names = Files.list(dir)) {
            for (Path p : names.toList()) {
                String name = p.getFileName().toString();
                assertTrue(dev.prune.check.RunRecords.NAMES.contains(name), name + " is not in RunRecords.NAMES");
            }
        }
    }
}
