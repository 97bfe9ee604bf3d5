package dev.prune.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The study directory's results, written again from the runs' tables whenever runs end:
 * {@code study.csv}, {@code summary.md} with mean ± std per cycle and variant, and the plots.
 */
public final class StudyReport {
    public static final String ACCURACY_PLOT = "accuracy.png";
    public static final String VAL_PLOT = "val_accuracy.png";

    private StudyReport() {
    }

    /**
     * Writes study.csv, summary.md and the plots; the table written.
     *
     * @param command the command line that ran the study, as a shell would take it; empty if unknown
     */
    public static StudyTable write(Study study, Path studyDir, String command) {
        StudyTable table = StudyTable.gather(study, studyDir);
        try {
            table.write(studyDir);
            Map<String, TreeMap<Integer, Map<String, StudyTable.Stat>>> stats = table.stats();
            List<String> plots = new ArrayList<>();
            boolean byEpoch = table.unit().equals("epoch");
            if (!stats.isEmpty()) {
                atomically(studyDir.resolve(ACCURACY_PLOT), StudyPlot.draw(stats, "accuracy", "Test accuracy", byEpoch));
                plots.add(ACCURACY_PLOT);
                boolean val = table.rows().stream().anyMatch(r -> !r.getOrDefault("val_accuracy", "").isEmpty());
                if (val) {
                    atomically(studyDir.resolve(VAL_PLOT), StudyPlot.draw(stats, "val_accuracy", "Validation accuracy",
                            byEpoch));
                    plots.add(VAL_PLOT);
                }
            }
            atomically(studyDir.resolve("summary.md"),
                    markdown(study, studyDir, stats, table.unit(), plots, command)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StudyException("cannot write the study's results in " + studyDir + ": " + e.getMessage(), e);
        }
        return table;
    }

    static String markdown(Study study, Path studyDir, Map<String, TreeMap<Integer, Map<String, StudyTable.Stat>>> stats,
                           String unit, List<String> plots, String command) {
        StringBuilder md = new StringBuilder("# Study of ").append(study.recipe().getFileName()).append("\n\n");
        md.append("- **recipe**: `").append(study.recipe()).append("`\n");
        if (!command.isEmpty()) {
            md.append("- **command**: `").append(command).append("`\n");
        }
        md.append("- **runs**: ").append(study.runs().size()).append(", each with ").append(study.threads())
                .append(study.threads() == 1 ? " ND4J thread" : " ND4J threads").append("\n");
        List<String> problems = new ArrayList<>();
        for (RunSpec r : study.runs()) {
            Launcher.State s = Launcher.state(Study.runDir(studyDir, r));
            if (s != Launcher.State.DONE) {
                problems.add(r.name() + ": " + s.name().toLowerCase(Locale.ROOT));
            }
        }
        md.append("- **finished**: ").append(study.runs().size() - problems.size()).append(" of ")
                .append(study.runs().size()).append(problems.isEmpty() ? "" : " (not in the statistics: "
                        + String.join(", ", problems) + ")").append("\n\n");
        md.append("Mean ± sample standard deviation over the seeds of each variant, from `study.csv`")
                .append(unit.equals("cycle") ? ".\n\n"
                        : "; the runs recorded no cycle, so by epoch (over the whole run), from each run's `epochs.csv`.\n\n");
        if (stats.size() > 1) {
            sideBySide(md, stats, unit);
        }
        // the dead neuron rate, when the runs recorded it (criteria such as AP report it every cycle)
        boolean dnr = stats.values().stream().anyMatch(cs -> cs.values().stream().anyMatch(m -> m.containsKey("dnr")));
        md.append("| variant | ").append(unit).append(" | sparsity | test accuracy | validation accuracy | loss |")
                .append(dnr ? " dead neuron rate |" : "").append(" runs |\n");
        md.append("|---|---:|---:|---:|---:|---:|").append(dnr ? "---:|" : "").append("---:|\n");
        stats.forEach((variant, cycles) -> cycles.forEach((c, m) -> md.append(String.format(Locale.ROOT,
                "| %s | %d | %s | %s | %s | %s |%s %d |%n", variant, c, percent(m.get("sparsity")),
                percent(m.get("accuracy")), percent(m.get("val_accuracy")), plain(m.get("loss")),
                dnr ? " " + percent(m.get("dnr")) + " |" : "",
                m.get("accuracy") == null ? 0 : m.get("accuracy").n()))));
        md.append('\n');
        for (String plot : plots) {
            md.append("![").append(plot.replace(".png", "")).append("](").append(plot).append(")\n\n");
        }
        return md.toString();
    }

    /** Test accuracy by cycle, the variants as columns: the table a paper prints. */
    private static void sideBySide(StringBuilder md, Map<String, TreeMap<Integer, Map<String, StudyTable.Stat>>> stats,
                                   String unit) {
        TreeSet<Integer> cycles = new TreeSet<>();
        stats.values().forEach(c -> cycles.addAll(c.keySet()));
        md.append("| ").append(unit).append(" |");
        stats.keySet().forEach(v -> md.append(' ').append(v).append(" |"));
        md.append("\n|---:|");
        stats.keySet().forEach(v -> md.append("---:|"));
        md.append('\n');
        for (int c : cycles) {
            md.append("| ").append(c).append(" |");
            for (TreeMap<Integer, Map<String, StudyTable.Stat>> byCycle : stats.values()) {
                Map<String, StudyTable.Stat> m = byCycle.get(c);
                md.append(' ').append(m == null ? "—" : percent(m.get("accuracy")) + " at "
                        + percentShort(m.get("sparsity"))).append(" |");
            }
            md.append('\n');
        }
        md.append("\n(test accuracy at sparsity, per ").append(unit).append(")\n\n");
    }

    static String percent(StudyTable.Stat s) {
        if (s == null) {
            return "—";
        }
        return Double.isNaN(s.std()) ? String.format(Locale.ROOT, "%.2f%%", 100 * s.mean())
                : String.format(Locale.ROOT, "%.2f ± %.2f%%", 100 * s.mean(), 100 * s.std());
    }

    private static String percentShort(StudyTable.Stat s) {
        return s == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * s.mean());
    }

    private static String plain(StudyTable.Stat s) {
        if (s == null) {
            return "—";
        }
        return Double.isNaN(s.std()) ? String.format(Locale.ROOT, "%.4f", s.mean())
                : String.format(Locale.ROOT, "%.4f ± %.4f", s.mean(), s.std());
    }

    private static void atomically(Path file, byte[] bytes) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
