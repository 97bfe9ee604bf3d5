package dev.prune.report;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the tables of a run directory back, for the summary, plots and replay comparisons. */
public final class RunFiles {
    private RunFiles() {
    }

    /** One map per line of a JSON-lines file, in order; a missing file is an empty table. */
    public static List<Map<String, Object>> jsonLines(Path file) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : lines(file)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                rows.add(Rows.JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {}));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": a line is not JSON", e);
            }
        }
        return rows;
    }

    /** The rows of a CSV file as cells, header first; a missing file is an empty table. */
    public static List<List<String>> csv(Path file) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines(file)) {
            if (!line.isEmpty()) {
                rows.add(cells(line));
            }
        }
        return rows;
    }

    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    /** A number from a JSON row: NaN when the cell is empty, missing or not a number. */
    public static double num(Map<String, Object> row, String key) {
        Object v = row.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + RunDirectory.reason(e), e);
        }
    }
}
