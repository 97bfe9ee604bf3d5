package dev.prune.cli;

import dev.prune.cluster.ClusterLauncher;
import dev.prune.parser.RecipeLoader;
import dev.prune.study.Grid;
import dev.prune.study.Launcher;
import dev.prune.study.RunSpec;
import dev.prune.study.Study;
import dev.prune.study.StudyException;
import dev.prune.study.StudyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prune study RECIPE}: a recipe over seeds and grid values, every run a {@code prune run}
 * process of its own in the study directory, N at a time; then the study's table, summary and plots.
 */
@Command(name = "study", description = "Run a recipe over seeds and grid values, in parallel, and summarise them.")
final class StudyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "RECIPE", description = "the recipe file")
    Path recipe;

    @Option(names = "--seeds", paramLabel = "1,2,3", description = "the seeds of every variant (default: the recipe's)")
    String seeds;

    @Option(names = "--grid", paramLabel = "NAME=[v1, v2]",
            description = "values of a param, written as in a recipe; several --grid make a grid")
    List<String> grid = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", description = "runs at once (default: cores / threads per run)")
    Integer parallel;

    @Option(names = "--threads-per-run", paramLabel = "T", defaultValue = "1",
            description = "ND4J threads of each run, pinned and recorded (default 1)")
    int threads;

    @Option(names = "--out", paramLabel = "DIR", description = "study directory (default studies/<recipe>-<time>)")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "finish the study in DIR: start missing runs, resume killed ones from their checkpoints")
    Path resume;

    @Option(names = "--list", description = "write the study's plan and print one 'prune run' command per run "
            + "(for a scheduler such as a Slurm job array); 'prune study --resume DIR' then gathers the results")
    boolean list;

    @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
            description = "run on the workers of this cluster (started with prune worker) instead of here")
    String cluster;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter e = spec.commandLine().getErr();
        try {
            if (cluster != null && (parallel != null || list)) {
                throw new StudyException("--cluster places runs on the workers' slots; it takes neither --parallel "
                        + "nor --list");
            }
            return resume != null ? resumeStudy(o, e) : freshStudy(o, e);
        } catch (StudyException x) {
            e.println("error: " + x.getMessage());
            e.flush();
            return Main.RECIPE_ERROR;
        }
    }

    private int freshStudy(PrintWriter o, PrintWriter e) {
        if (recipe == null) {
            throw new StudyException("missing RECIPE (or --resume DIR); e.g. prune study r.prune --seeds 1,2,3");
        }
        if (threads < 1) {
            throw new StudyException("--threads-per-run must be at least 1");
        }
        List<Grid.Dimension> dims = new ArrayList<>();
        for (String g : grid) {
            Grid.Dimension d = Grid.dimension(g);
            if (dims.stream().anyMatch(x -> x.name().equals(d.name()))) {
                throw new StudyException("--grid " + d.name() + " is given twice; put all its values in one list");
            }
            dims.add(d);
        }
        List<Long> seedList = seeds == null ? List.of() : Grid.seeds(seeds);
        Study study = Study.expand(recipe, dims, seedList, threads);
        if (!checkAll(study, e)) {
            return Main.RECIPE_ERROR;
        }
        ClusterLauncher workers = cluster != null ? ClusterLauncher.connect(cluster, o) : null;
        Path dir;
        try {
            dir = out != null ? claim(out) : claimDefault(recipe);
            study.save(dir);
        } catch (StudyException x) {
            if (workers != null) {
                workers.close();
            }
            throw x;
        }
        if (list) {
            for (RunSpec r : study.runs()) {
                o.println(shell(Launcher.argsFor(study, dir.toAbsolutePath(), r)));
            }
            o.flush();
            return Main.OK;
        }
        return execute(study, dir, o, workers);
    }

    private int resumeStudy(PrintWriter o, PrintWriter e) {
        if (recipe != null || out != null || seeds != null || !grid.isEmpty() || list
                || spec.commandLine().getParseResult().hasMatchedOption("--threads-per-run")) {
            throw new StudyException("--resume takes the study's plan from DIR/" + Study.FILE
                    + "; give only --resume DIR (and --parallel N, or --cluster HOST:PORT)");
        }
        Study study = Study.load(resume);
        if (!checkAll(study, e)) {
            return Main.RECIPE_ERROR;
        }
        return execute(study, resume, o, cluster != null ? ClusterLauncher.connect(cluster, o) : null);
    }

    private int execute(Study study, Path dir, PrintWriter o, ClusterLauncher workers) {
        Map<String, Integer> codes;
        String each = study.threads() + " thread" + (study.threads() == 1 ? "" : "s") + " each -> " + dir;
        if (workers != null) {
            try (workers) {
                o.println("study " + study.recipe().getFileName() + ": " + study.runs().size() + " runs on "
                        + workers.describe() + ", " + each);
                o.flush();
                codes = workers.run(study, dir, inlined(study.recipe()), r -> new DataFingerprint()
                        .fingerprint(study.recipe(), r.values(), r.seed()));
            }
        } else {
            int n = parallel != null ? parallel
                    : Math.max(1, Runtime.getRuntime().availableProcessors() / study.threads());
            if (n < 1) {
                throw new StudyException("--parallel must be at least 1");
            }
            o.println("study " + study.recipe().getFileName() + ": " + study.runs().size() + " runs, " + n
                    + " at a time, " + each);
            o.flush();
            codes = new Launcher(javaPrefix(), o).run(study, dir, n);
        }
        StudyReport.write(study, dir, shell(spec.commandLine().getParseResult().originalArgs()));
        long failed = study.runs().stream()
                .filter(r -> Launcher.state(Study.runDir(dir, r)) != Launcher.State.DONE).count();
        o.println("study: " + study.runs().size() + " runs, " + codes.size() + " ran now, "
                + (study.runs().size() - failed) + " finished ok" + (failed > 0 ? ", " + failed + " not" : "")
                + " -> " + dir.resolve("summary.md"));
        if (failed > 0) {
            o.println("failed runs keep their directories and logs; a killed study goes on with "
                    + "prune study --resume " + dir);
        }
        o.flush();
        return failed > 0 ? Main.RUN_FAILED : Main.OK;
    }

    /** The recipe's text with its imports inlined, as a run records it: what a worker is sent. */
    private static String inlined(Path recipe) {
        RecipeInput in = RecipeInput.read(recipe, Map.of(), new PrintWriter(new StringWriter()));
        return RecipeLoader.inlined(in.source, recipe.toAbsolutePath().getParent());
    }

    /** Checks the recipe at every grid point before anything starts; prints what is wrong, by point. */
    private static boolean checkAll(Study study, PrintWriter err) {
        if (!Files.isRegularFile(study.recipe())) {
            throw new StudyException("cannot read " + study.recipe() + ": no such file");
        }
        int bad = 0;
        for (Map<String, String> point : study.points()) {
            StringWriter text = new StringWriter();
            RecipeInput in = RecipeInput.read(study.recipe(), point, new PrintWriter(text));
            if (!in.ok()) {
                bad++;
                if (!point.isEmpty()) {
                    err.println("grid point " + new RunSpec("", null, point).variant() + ":");
                }
                err.print(text);
            }
        }
        if (bad > 0) {
            err.println(bad == 1 && study.points().size() == 1 ? "the recipe has errors; nothing was run"
                    : bad + " of " + study.points().size() + " grid points have errors; nothing was run");
            err.flush();
        }
        return bad == 0;
    }

    /** Uses a study directory the user named: it must be new or empty, so two studies never share one. */
    private static Path claim(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new StudyException(dir + " is not empty; give a new --out DIR, or finish that study with "
                            + "prune study --resume " + dir);
                }
            }
            return dir;
        } catch (IOException x) {
            throw new StudyException("cannot create " + dir + ": " + x.getMessage(), x);
        }
    }

    /** {@code studies/<recipe>-<time>}, made atomically, with a counter when that name is taken. */
    private static Path claimDefault(Path recipe) {
        String name = recipe.getFileName().toString().replaceFirst("\\.prune$", "");
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(Path.of("studies"));
            for (int i = 1; ; i++) {
                Path dir = Path.of("studies", name + "-" + time + (i == 1 ? "" : "-" + i));
                try {
                    return Files.createDirectory(dir);
                } catch (FileAlreadyExistsException taken) {
                    // Another study started in the same second: try the next name.
                }
            }
        } catch (IOException x) {
            throw new StudyException("cannot create a study directory under studies/: " + x.getMessage(), x);
        }
    }

    /** The command that starts {@code prune} in a new JVM like this one: same java, class path and heap limit. */
    static List<String> javaPrefix() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-Xmx")) {
                command.add(arg);
            }
        }
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().toString());
        }
        command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath), Main.class.getName()));
        return command;
    }

    /** {@code prune ARGS} as one shell line, quoting what a shell would split or expand. */
    static String shell(List<String> args) {
        StringBuilder line = new StringBuilder("prune");
        for (String a : args) {
            line.append(' ').append(a.matches("[A-Za-z0-9_./=%+:@,-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
