package dev.prune.report;

import dev.prune.interp.CycleRecord;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The variants of a sweep side by side: test accuracy by cycle, then the peak learning rate each
 * cycle trained with (for the oracle, the peak it chose). Variants are columns named by letter,
 * with a legend, since a value as written can be longer than a column.
 */
final class SweepTable {
    private SweepTable() {}

    /** @param variants the variants' full names as the records carry them ("rate=20%", "a=1,b=init") */
    static String render(String sweep, List<String> variants, List<List<CycleRecord>> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "sweep %s: %d variants from the same start%n", sweep, variants.size()));
        for (int v = 0; v < variants.size(); v++) {
            out.append(String.format(Locale.ROOT, "  %-3s %s%n", letter(v), dev.prune.ast.Printer.variantName(variants.get(v))));
        }
        TreeSet<Integer> cycles = new TreeSet<>();
        results.forEach(rs -> rs.forEach(r -> cycles.add(r.cycle())));
        boolean mixed = false;
        StringBuilder accuracy = new StringBuilder(header("test accuracy %", variants.size(), true));
        StringBuilder lr = new StringBuilder(header("lr max", variants.size(), false));
        for (int c : cycles) {
            List<CycleRecord> row = new ArrayList<>();
            for (List<CycleRecord> rs : results) {
                row.add(rs.stream().filter(r -> r.cycle() == c).findFirst().orElse(null));
            }
            double sparsity = Double.NaN;
            boolean same = true;
            for (CycleRecord r : row) {
                if (r != null && Double.isNaN(sparsity)) {
                    sparsity = r.sparsity();
                } else if (r != null && Math.abs(r.sparsity() - sparsity) > 1e-9) {
                    same = false;
                }
            }
            mixed |= !same;
            accuracy.append(String.format(Locale.ROOT, "%5d  %8s", c,
                    same ? String.format(Locale.ROOT, "%.2f%%", 100 * sparsity) : "mixed"));
            lr.append(String.format(Locale.ROOT, "%5d", c));
            for (CycleRecord r : row) {
                accuracy.append(String.format(Locale.ROOT, "  %7s", r == null ? "-"
                        : String.format(Locale.ROOT, "%.2f", 100 * r.accuracy())));
                lr.append(String.format(Locale.ROOT, "  %8s", r == null || Double.isNaN(r.lrMax()) ? "-"
                        : rate(Double.isNaN(r.oracleLr()) ? r.lrMax() : r.oracleLr())));
            }
            accuracy.append('\n');
            lr.append('\n');
        }
        out.append(accuracy);
        if (mixed) {
            out.append("  (mixed: the variants reached different sparsities in that cycle; see cycles.csv)\n");
        }
        out.append(lr);
        return out.toString();
    }

    private static String header(String what, int variants, boolean sparsity) {
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%5s", "cycle"));
        if (sparsity) {
            h.append(String.format(Locale.ROOT, "  %8s", "sparsity"));
        }
        for (int v = 0; v < variants; v++) {
            h.append(String.format(Locale.ROOT, sparsity ? "  %7s" : "  %8s", letter(v)));
        }
        return what + " by cycle\n" + h + "\n";
    }

    /** A learning rate to 4 significant digits, without trailing zeros: 0.05, 0.04321, 1e-05. */
    static String rate(double v) {
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toString().replace("E", "e");
    }

    /** A, B, ..., Z, then AA, AB, ... */
    static String letter(int v) {
        return v < 26 ? String.valueOf((char) ('A' + v)) : letter(v / 26 - 1) + letter(v % 26);
    }
}
