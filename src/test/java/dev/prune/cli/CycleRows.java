package dev.prune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run directory's cycles.csv as rows of column name to value, for the run tests that read it by name. */
final class CycleRows {
    private CycleRows() {}

    static List<Map<String, String>> of(Path run) throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("cycles.csv"));
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            out.add(row);
        }
        return out;
    }

    static double num(Map<String, String> row, String column) {
        return Double.parseDouble(row.get(column));
    }
}
