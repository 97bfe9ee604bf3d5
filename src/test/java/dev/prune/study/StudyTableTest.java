package dev.prune.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The study's table and summary from run directories written here: no run, no ND4J. */
class StudyTableTest {
    @TempDir
    Path dir;

    private static final String EPOCHS = "phase,cycle,epoch,epochs,iteration,iterations,train_loss,lr,accuracy,loss,"
            + "val_accuracy,sparsity,frozen,seconds,sparsity_fc1\n";

    @Test
    void aStudyOfDenseRunsHasItsMeanAndStdByEpochFromTheEpochTables() throws IOException {
        Study study = Study.expand(dir.resolve("dense.prune"), List.of(), List.of(1L, 2L), 1);
        run(study.runs().get(0), "{\"seed\": 1, \"status\": \"ok\"}", null, EPOCHS
                + "train,0,1,1,10,10,0.9,0.05,0.70,0.8,,0,,1.0,0\n"
                + "train,0,2,2,20,10,0.6,0.05,0.80,0.6,,0,,1.0,0\n");
        run(study.runs().get(1), "{\"seed\": 2, \"status\": \"ok\"}", "cycle,sparsity,accuracy\n", EPOCHS
                + "train,0,1,1,10,10,0.9,0.05,0.74,0.8,,0,,1.0,0\n"
                + "train,0,2,2,20,10,0.6,0.05,0.90,0.6,,0,,1.0,0\n");

        StudyTable table = StudyReport.write(study, dir, "prune study dense.prune --seeds 1,2");
        assertEquals("epoch", table.unit());
        assertEquals(4, table.rows().size());
        String summary = Files.readString(dir.resolve("summary.md"));
        assertTrue(summary.contains("the runs recorded no cycle, so by epoch"), summary);
        assertTrue(summary.contains("| variant | epoch | sparsity | test accuracy |"), summary);
        assertTrue(summary.contains("| recipe | 1 | 0.00 ± 0.00% | 72.00 ± 2.83% |"), summary);
        assertTrue(summary.contains("| recipe | 2 | 0.00 ± 0.00% | 85.00 ± 7.07% |"), summary);
        assertTrue(Files.size(dir.resolve(StudyReport.ACCURACY_PLOT)) > 1000);
        assertEquals("epoch 2: accuracy 90.00%", StudyTable.lastRow(Study.runDir(dir, study.runs().get(1))));
    }

    @Test
    void aVariantOfASweepOverSeedsHasItsOwnSeedInTheTable() throws IOException {
        Study study = Study.expand(dir.resolve("seeds.prune"), List.of(), List.of(), 1);
        run(study.runs().get(0), "{\"seed\": 3, \"status\": \"ok\", \"variant_seeds\": {\"s=4\": 4, \"s=5\": 5}}",
                "cycle,sparsity,accuracy,variant\n0,0,0.5,\n1,0.2,0.6,s=4\n1,0.2,0.7,s=5\n1,0.2,0.8,\"s=5,m=a\"\n",
                null);
        StudyTable table = StudyTable.gather(study, dir);
        assertEquals(List.of("3", "4", "5", "5"), table.rows().stream().map(r -> r.get("seed")).toList());
        assertEquals(List.of("recipe", "s=4", "s=5", "s=5,m=a"), List.copyOf(table.stats().keySet()));
    }

    private void run(RunSpec run, String manifest, String cycles, String epochs) throws IOException {
        Path runDir = Study.runDir(dir, run);
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve("manifest.json"), manifest);
        if (cycles != null) {
            Files.writeString(runDir.resolve("cycles.csv"), cycles);
        }
        if (epochs != null) {
            Files.writeString(runDir.resolve("epochs.csv"), epochs);
        }
    }
}
