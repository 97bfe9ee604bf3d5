package dev.prune.golden;

import dev.prune.ast.Printer;
import dev.prune.builtins.Registry;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.interp.CycleRecord;
import dev.prune.interp.Interpreter;
import dev.prune.interp.RunFailure;
import dev.prune.interp.RunListener;
import dev.prune.parser.RecipeParser;
import dev.prune.plan.PlanText;
import dev.prune.plan.Planner;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import dev.prune.testing.FakeEngine;
import dev.prune.engine.CompactResult;
import dev.prune.engine.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What each golden stage prints for a recipe. */
final class Stages {
    private Stages() {}

    static String run(String stage, Path file) throws IOException {
        // Shown by file name only, so expectations do not depend on where the checkout is.
        SourceFile source = new SourceFile(file.getFileName().toString(),
                Files.readString(file, StandardCharsets.UTF_8));
        switch (stage) {
            case "parse": return parse(source);
            case "eval": return eval(source, file.getParent());
            case "plan": return plan(source, file.getParent());
            default: return check(source, file.getParent());
        }
    }

    private static String parse(SourceFile source) {
        RecipeParser.Result result = RecipeParser.parse(source);
        return Printer.statements(result.recipe().statements(), "") + "\n" + result.diagnostics().render();
    }

    private static String check(SourceFile source, Path dir) {
        Diagnostics diagnostics = new Diagnostics();
        List<Step> steps = checked(source, dir, diagnostics);
        StringBuilder out = new StringBuilder(diagnostics.render());
        if (!diagnostics.hasErrors()) {
            steps.forEach(s -> out.append(StepText.of(s)).append('\n'));
        }
        return out.toString();
    }

    private static List<Step> checked(SourceFile source, Path dir, Diagnostics diagnostics) {
        FrontEnd.Result result = FrontEnd.standard().importsFrom(dir).check(source);
        diagnostics.addAll(result.diagnostics());
        return result.steps();
    }

    private static String plan(SourceFile source, Path dir) {
        Diagnostics diagnostics = new Diagnostics();
        List<Step> steps = checked(source, dir, diagnostics);
        if (diagnostics.hasErrors()) {
            return diagnostics.render();
        }
        return diagnostics.render() + PlanText.render(source.name(), Planner.plan(steps, Registry.standard()));
    }

    private static String eval(SourceFile source, Path dir) {
        Diagnostics diagnostics = new Diagnostics();
        List<Step> steps = checked(source, dir, diagnostics);
        if (diagnostics.hasErrors()) {
            return diagnostics.render();
        }
        List<String> log = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void cycle(CycleRecord r, NetworkSpec network) {
                log.add(String.format(Locale.ROOT, "cycle %d sparsity=%.4f accuracy=%.4f lr=%s retrained=%s frozen=%s layers=%s",
                        r.cycle(), r.sparsity(), r.accuracy(), Double.isNaN(r.lrMax()) ? "-"
                                : String.format(Locale.ROOT, "%.6g..%.6g", r.lrMin(), r.lrMax()),
                        r.retrained(), r.frozen(), layers(r.layerSparsity()))
                        + String.format(Locale.ROOT, " compression=%.4f speedup=%.4f dnr=%.4f", r.compression(),
                        r.speedup(), r.dnr())
                        + (r.skipped() ? String.format(Locale.ROOT, " skipped saved=%.3f", r.secondsSaved()) : "")
                        + (Double.isNaN(r.oracleLr()) ? "" : " oracle=" + r.oracleLr())
                        + (r.variant().isEmpty() ? "" : " variant=" + r.variant()));
            }

            @Override
            public void compacted(NetworkSpec before, NetworkSpec after, CompactResult result, Path file) {
                log.add("compacted " + before.weightCount() + " -> " + after.weightCount() + " weights");
            }

            @Override
            public void expectation(String claim, boolean held, String detail) {
                log.add("expect " + (held ? "held" : "FAILED") + ": " + claim);
            }

            @Override
            public void message(String text) {
                log.add(text);
            }

            @Override
            public void variant(String sweep, String label, String variant, int index, int count) {
                log.add("variant " + (index + 1) + " of " + count + ": " + variant);
            }

            @Override
            public void sweep(String sweep, List<String> labels, List<List<CycleRecord>> results, NetworkSpec network) {
                for (int v = 0; v < labels.size(); v++) {
                    log.add("sweep " + labels.get(v) + ": " + results.get(v).stream()
                            .map(r -> String.format(Locale.ROOT, "%d:%.4f", r.cycle(), r.accuracy()))
                            .collect(java.util.stream.Collectors.joining(" ")));
                }
            }
        };
        // 0.01 s per iteration, so that the time a skipped fine-tuning saves is a number to compare
        Interpreter interpreter = new Interpreter(() -> new FakeEngine(log).secondsPerIteration(0.01),
                Registry.standard(),
                new Interpreter.Options(null, 1, Path.of("out")), listener, () -> false);
        try {
            interpreter.execute(steps);
        } catch (RunFailure failure) {
            log.add(failure.render());
        }
        return diagnostics.render() + String.join("\n", log) + "\n";
    }

    private static String layers(double[] sparsity) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < sparsity.length; i++) {
            out.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4f", sparsity[i]));
        }
        return out.append(']').toString();
    }
}
