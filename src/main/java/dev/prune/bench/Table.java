package dev.prune.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The rows of one benchmark run, printed as they come and written as CSV at the end. */
final class Table {
    private final List<Row> rows = new ArrayList<>();
    private final PrintWriter out;

    Table(PrintWriter out) {
        this.out = out;
        out.printf("%-9s %-24s %-30s %12s %-10s %s%n", "section", "subject", "variant", "value", "unit", "note");
        out.flush();
    }

    void add(Row row) {
        rows.add(row);
        out.printf("%-9s %-24s %-30s %12s %-10s %s%n", row.section(), row.subject(), row.variant(),
                row.formatted(), row.unit(), row.note());
        out.flush();
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void write(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Row.csvHeader());
        for (Row r : rows) {
            lines.add(r.csv());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines);
    }
}
