package dev.prune.repl;

import dev.prune.ast.Statement;
import dev.prune.builtins.Registry;
import dev.prune.builtins.Value;
import dev.prune.check.Checker;
import dev.prune.check.Step;
import dev.prune.engine.Engine;
import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import dev.prune.front.FrontEnd;
import dev.prune.interp.Interpreter;
import dev.prune.interp.RunCancelled;
import dev.prune.interp.RunFailure;
import dev.prune.interp.RunListener;
import dev.prune.parser.RecipeLoader;
import dev.prune.report.Console;
import dev.prune.source.SourceFile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The REPL's eval API: entries of one or more statements, checked in the context of everything
 * the session kept and then run on one interpreter, so the model, masks and policies carry over.
 * An entry with a recipe error runs nothing; a run failure or a stop keeps what finished. It
 * knows nothing of terminals: {@link Repl} reads lines and prints, tests call it directly.
 */
public final class Session implements AutoCloseable {

    /** How an entry ended. */
    public enum Outcome { DONE, ERROR, FAILED, STOPPED }

    /**
     * Where the session's engine, output and files come from.
     *
     * @param workdir what relative paths in statements and commands are relative to
     * @param outDir  the run directory, made when the first network is built
     * @param also    another listener of the run's events, or null
     */
    public record Setup(Supplier<Engine> engines, int threads, Path workdir, Path outDir, PrintWriter out,
                        Console console, RunListener also, BooleanSupplier cancelled) {}

    private final Registry registry = Registry.standard();
    private final Setup setup;
    private final SessionLog log = new SessionLog();
    private Interpreter interpreter;
    private SessionDirectory files;
    private Checker checker;
    private int resets;

    public Session(Setup setup) {
        this.setup = setup;
        start();
    }

    private void start() {
        Path base = setup.workdir().resolve(setup.outDir());
        Path dir = resets == 0 ? base : base.resolveSibling(base.getFileName() + "-" + (resets + 1));
        files = new SessionDirectory(dir, setup.out());
        interpreter = new Interpreter(setup.engines(), registry, new Interpreter.Options(null, setup.threads(), dir),
                RunListener.all(setup.also() == null ? List.of(setup.console(), files)
                        : List.of(setup.console(), setup.also(), files)), setup.cancelled());
        interpreter.undoOnCancel(true);
        // Each epoch line shows test accuracy, as in 'prune run'.
        interpreter.evaluateEachEpoch(true);
        checker = replay();
    }

    /** Forgets every statement and the model; the next entry starts from nothing. */
    public void reset() {
        interpreter.close();
        log.clear();
        resets++;
        start();
    }

    /** Evaluates what was typed: one or more lines of statements. */
    public Outcome eval(String text) {
        return eval(text, "<repl>", 1);
    }

    /** Evaluates an entry that starts at line {@code firstLine} of the input called {@code name}. */
    public Outcome eval(String text, String name, int firstLine) {
        return eval(SourceFile.at(name, Entry.joined(text), firstLine), setup.workdir());
    }

    /** Checks and runs a file's statements as if typed, imports resolved next to the file. */
    public Outcome load(Path file) {
        SourceFile source;
        try {
            source = new SourceFile(file.toString(), Files.readString(setup.workdir().resolve(file)));
        } catch (java.io.IOException e) {
            setup.out().println("error: cannot read " + file + (Files.exists(setup.workdir().resolve(file))
                    ? ": " + e.getMessage() : ": no such file"));
            return Outcome.ERROR;
        }
        return eval(source, setup.workdir().resolve(file).toAbsolutePath().getParent());
    }

    /** One statement as written, what it stands for after its import is read, and their steps. */
    private record Unit(Statement written, List<Statement> statements, List<Step> steps, boolean stdlib) {}

    Outcome eval(SourceFile source, Path dir) {
        FrontEnd.Result result = front().importsFrom(dir).after(log.statements()).check(source);
        setup.out().print(result.diagnostics().render());
        if (!result.ok()) {
            return Outcome.ERROR;
        }
        List<Unit> units = new ArrayList<>();
        for (int u = 0; u < result.units().size(); u++) {
            RecipeLoader.Unit unit = result.units().get(u);
            boolean stdlib = unit.written() instanceof Statement.Import i && !Files.isRegularFile(dir.resolve(file(i)));
            units.add(new Unit(unit.written(), unit.statements(), result.unitSteps().get(u), stdlib));
        }
        Outcome outcome = Outcome.DONE;
        try {
            for (int u = 0; u < units.size() && outcome == Outcome.DONE; u++) {
                outcome = run(units.get(u), result.checker());
            }
        } finally {
            setup.console().endLine();
            checker = replay();
            files.recipe(log.recipe());
        }
        return outcome;
    }

    private static String file(Statement.Import i) {
        return i.path().endsWith(".prune") ? i.path() : i.path() + ".prune";
    }

    /** Runs one unit's steps; keeps what completed. */
    private Outcome run(Unit unit, Checker checked) {
        List<Statement> done = new ArrayList<>();
        Outcome outcome = Outcome.DONE;
        for (int i = 0; i < unit.steps().size() && outcome == Outcome.DONE; i++) {
            Statement s = unit.statements().get(i);
            Step step = unit.steps().get(i);
            int cyclesBefore = interpreter.cycles();
            try {
                if (step != null) {
                    interpreter.execute(step);
                }
                done.add(s);
                echo(s, step, checked);
            } catch (RunFailure failure) {
                // Cycles that finished before the stop or failure are effects a recipe must repeat;
                // the one that did not finish was taken back by the interpreter.
                int completed = interpreter.cycles() - cyclesBefore;
                boolean cycles = s instanceof Statement.RunCycles || s instanceof Statement.RunUntil;
                keepDone(unit, done);
                if (completed > 0 && cycles) {
                    log.keepCycles(s, completed);
                }
                boolean stopped = failure instanceof RunCancelled;
                setup.console().message((stopped ? failure.getMessage() : failure.render()) + (stopped ? "; " : "\n")
                        + "the model is as " + (cycles && interpreter.cycles() > 0
                        ? "after cycle " + interpreter.cycles() : "before it"));
                return stopped ? Outcome.STOPPED : Outcome.FAILED;
            } catch (UncheckedIOException e) {
                setup.out().println("error: " + e.getMessage());
                outcome = Outcome.FAILED;
            }
        }
        if (outcome == Outcome.DONE && unit.written() instanceof Statement.Import i && unit.stdlib()) {
            log.keepImport(i, unit.statements());
        } else {
            keepDone(unit, done);
        }
        return outcome;
    }

    private void keepDone(Unit unit, List<Statement> done) {
        done.forEach(log::keep);
    }

    /** A word back for statements that print nothing on their own: names and the sized model. */
    private void echo(Statement s, Step step, Checker checked) {
        if (s instanceof Statement.Let l) {
            setup.out().println(l.name() + " = " + checked.constants().get(l.name()).show());
        } else if (s instanceof Statement.Param p) {
            setup.out().println(p.name() + " = " + checked.constants().get(p.name()).show());
        } else if (step instanceof Step.UseModel m) {
            setup.out().println(describe(m.network()));
        } else if (step instanceof Step.UseData d && d.network() != null) {
            setup.out().println(describe(d.network().network()));
        }
    }

    static String describe(NetworkSpec network) {
        List<String> layers = new ArrayList<>();
        for (LayerSpec l : network.layers()) {
            layers.add(l.name() + " " + Views.shape(l));
        }
        return "model " + network.name() + ": " + String.join(", ", layers) + " (" + network.weightCount() + " weights)";
    }

    /** The front end this session checks with: its registry, nothing else set. */
    private FrontEnd front() {
        return FrontEnd.of(registry);
    }

    /** A checker that has seen every kept statement. */
    private Checker replay() {
        return front().check(log.statements()).checker();
    }

    /** Writes the session as a recipe; the text written, or null after printing why not. */
    public String save(Path file) {
        String text = log.recipe();
        Path target = setup.workdir().resolve(file);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            dev.prune.report.RunDirectory.writeAtomically(target, text);
        } catch (java.io.IOException e) {
            setup.out().println("error: cannot write " + file + ": " + e.getMessage());
            return null;
        }
        return text;
    }

    String recipe() {
        return log.recipe();
    }

    SessionLog log() {
        return log;
    }

    Interpreter interpreter() {
        return interpreter;
    }

    Registry registry() {
        return registry;
    }

    /** The network as checked so far: known once model and data are, before anything is built. */
    NetworkSpec network() {
        return interpreter.network() != null ? interpreter.network() : checker.network();
    }

    /** The kept statements as checked steps: what the planner walks. */
    List<Step> steps() {
        return front().check(log.statements()).steps();
    }

    Map<String, Value> constants() {
        return checker.constants();
    }

    /** The run directory once made, relative to the working directory when inside it; else null. */
    Path runDirectory() {
        if (!files.created()) {
            return null;
        }
        Path dir = files.dir().toAbsolutePath();
        Path work = setup.workdir().toAbsolutePath();
        return dir.startsWith(work) ? work.relativize(dir) : dir;
    }

    Path workdir() {
        return setup.workdir();
    }

    @Override
    public void close() {
        interpreter.close();
    }
}
