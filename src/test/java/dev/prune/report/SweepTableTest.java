package dev.prune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prune.interp.CycleRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class SweepTableTest {
    private static CycleRecord row(int cycle, double sparsity, double accuracy, double lrMax, double oracle) {
        return new CycleRecord(cycle, sparsity, accuracy, 0.3, Double.NaN, lrMax, lrMax / 10, Double.NaN, 1, 1.0,
                cycle > 0, List.of(), new double[0], false, 0, oracle, "v");
    }

    @Test
    void variantsSideBySideWithTheOraclesChoice() {
        String table = SweepTable.render("schedule", List.of("schedule=0.02", "schedule=s_cyc(max=0.1, k=4)", "schedule=oracle()"), List.of(
                List.of(row(0, 0, 0.85, Double.NaN, Double.NaN), row(1, 0.2, 0.86, 0.02, Double.NaN)),
                List.of(row(0, 0, 0.85, Double.NaN, Double.NaN), row(1, 0.2, 0.87, 0.04, Double.NaN)),
                List.of(row(0, 0, 0.85, Double.NaN, Double.NaN), row(1, 0.2, 0.8712, 0.05, 0.05))));
        assertEquals("""
                sweep schedule: 3 variants from the same start
                  A   schedule = 0.02
                  B   schedule = s_cyc(max=0.1, k=4)
                  C   schedule = oracle()
                test accuracy % by cycle
                cycle  sparsity        A        B        C
                    0     0.00%    85.00    85.00    85.00
                    1    20.00%    86.00    87.00    87.12
                lr max by cycle
                cycle         A         B         C
                    0         -         -         -
                    1      0.02      0.04      0.05
                """, table);
    }

    @Test
    void differentSparsitiesAreMarked() {
        String table = SweepTable.render("rate", List.of("rate=20%", "rate=50%"), List.of(
                List.of(row(1, 0.2, 0.86, 0.02, Double.NaN)), List.of(row(1, 0.5, 0.80, 0.02, Double.NaN))));
        assertEquals(true, table.contains("    1     mixed    86.00    80.00\n  (mixed: the variants"), table);
    }

    @Test
    void lettersGoOnAfterZ() {
        assertEquals(List.of("A", "Z", "AA", "AZ", "BA"), List.of(SweepTable.letter(0), SweepTable.letter(25),
                SweepTable.letter(26), SweepTable.letter(51), SweepTable.letter(52)));
    }
}
