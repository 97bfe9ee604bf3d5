package dev.prune.bench;

import java.util.Locale;

/**
 * One measured figure.
 *
 * @param section what is measured: epoch, overhead, scoring, inference, check, memory
 * @param subject the model, criterion or file it was measured on
 * @param variant how: plain DL4J, Prune's loop, the PyTorch peer, masked, compact...
 * @param value   the number, NaN when it could not be measured (the note says why)
 */
public record Row(String section, String subject, String variant, double value, String unit, String note) {

    String formatted() {
        if (Double.isNaN(value)) {
            return "-";
        }
        double a = Math.abs(value);
        String pattern = a >= 1000 ? "%.0f" : a >= 10 ? "%.1f" : a >= 0.1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, pattern, value);
    }

    String csv() {
        return String.join(",", quote(section), quote(subject), quote(variant),
                Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.6g", value), unit, quote(note));
    }

    static String csvHeader() {
        return "section,subject,variant,value,unit,note";
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
