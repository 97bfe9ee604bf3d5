package dev.prune.study;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A study's plan, kept as {@code study.json} in its directory so {@code prune study --resume}
 * and the gathering of results know every run without the command line that made them.
 *
 * @param recipe  the recipe, absolute (imports are found next to it)
 * @param grid    the names of the grid dimensions, in the order given
 * @param threads ND4J threads of each run
 * @param runs    every run, seeds varying fastest
 */
public record Study(Path recipe, List<String> grid, int threads, List<RunSpec> runs) {
    public static final String FILE = "study.json";
    public static final String RUNS = "runs";
    public static final String LOGS = "logs";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Every combination of grid values, each with every seed (none given: one run with the recipe's seed). */
    public static Study expand(Path recipe, List<Grid.Dimension> dimensions, List<Long> seeds, int threads) {
        List<RunSpec> runs = new ArrayList<>();
        List<Long> each = seeds.isEmpty() ? java.util.Collections.singletonList(null) : seeds;
        for (Map<String, String> point : Grid.points(dimensions)) {
            for (Long seed : each) {
                runs.add(new RunSpec(RunSpec.dirName(runs.size() + 1, point, seed), seed, point));
            }
        }
        return new Study(recipe.toAbsolutePath().normalize(), dimensions.stream().map(Grid.Dimension::name).toList(),
                threads, List.copyOf(runs));
    }

    /** The directory of a run inside the study directory. */
    public static Path runDir(Path studyDir, RunSpec run) {
        return studyDir.resolve(RUNS).resolve(run.name());
    }

    /** The distinct grid points, in the order of the runs. */
    public List<Map<String, String>> points() {
        List<Map<String, String>> points = new ArrayList<>();
        runs.forEach(r -> {
            if (!points.contains(r.values())) {
                points.add(r.values());
            }
        });
        return points;
    }

    public void save(Path studyDir) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("recipe", recipe.toString());
        f.put("grid", grid);
        f.put("threads_per_run", threads);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (RunSpec r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("seed", r.seed());
            m.put("values", r.values());
            rs.add(m);
        }
        f.put("runs", rs);
        try {
            Path tmp = studyDir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), f);
            Files.move(tmp, studyDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StudyException("cannot write " + studyDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Study load(Path studyDir) {
        Path file = studyDir.resolve(FILE);
        Map<String, Object> f;
        try {
            f = JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new StudyException(studyDir + " is not a study directory: it has no " + FILE);
        } catch (IOException e) {
            throw new StudyException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            List<RunSpec> runs = new ArrayList<>();
            for (Map<String, Object> m : (List<Map<String, Object>>) f.get("runs")) {
                Object seed = m.get("seed");
                runs.add(new RunSpec((String) m.get("name"), seed == null ? null : ((Number) seed).longValue(),
                        (Map<String, String>) m.get("values")));
            }
            return new Study(Path.of((String) f.get("recipe")), List.copyOf((List<String>) f.get("grid")),
                    ((Number) f.get("threads_per_run")).intValue(), List.copyOf(runs));
        } catch (ClassCastException | NullPointerException e) {
            throw new StudyException("cannot read " + file + ": it is not a study plan written by prune study");
        }
    }
}
