package dev.prune.cli;

import dev.prune.check.Checker;
import dev.prune.check.Step;
import dev.prune.front.FrontEnd;
import dev.prune.source.Diagnostics;
import dev.prune.source.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** One recipe file through the front end, its diagnostics printed: the shared front half of run, check and plan. */
final class RecipeInput {
    final Path path;
    final SourceFile source;
    final Checker checker;
    final List<Step> steps;
    final Diagnostics diagnostics;

    private RecipeInput(Path path, FrontEnd.Result result) {
        this.path = path;
        this.source = result.source();
        this.checker = result.checker();
        this.steps = result.steps();
        this.diagnostics = result.diagnostics();
    }

    /** Loads and checks; prints every diagnostic to err. */
    static RecipeInput read(Path path, Map<String, String> sets, PrintWriter err) {
        return read(path, FrontEnd.standard().sets(sets), err);
    }

    /** As {@link #read(Path, Map, PrintWriter)}, through a front end the caller set up. */
    static RecipeInput read(Path path, FrontEnd front, PrintWriter err) {
        FrontEnd.Result result = front.read(path);
        String rendered = result.diagnostics().render();
        if (!rendered.isEmpty()) {
            err.print(rendered);
            err.flush();
        }
        return new RecipeInput(path, result);
    }

    boolean ok() {
        return !diagnostics.hasErrors();
    }
}
