package dev.prune.cli;

import dev.prune.builtins.Registry;
import dev.prune.plan.LrPlot;
import dev.prune.plan.PlanText;
import dev.prune.plan.Planner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code prune plan RECIPE [--plot FILE.png]}: what each cycle will do, without training. Like
 * {@code check} it never touches the DL4J engine, so ND4J does not start.
 */
@Command(name = "plan", description = "Show what a recipe will do, cycle by cycle, without training.")
final class PlanCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RECIPE", description = "the recipe file")
    Path recipe;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a param of the recipe")
    Map<String, String> sets = new LinkedHashMap<>();

    @Option(names = "--plot", paramLabel = "FILE.png", description = "draw the learning rate over the whole run")
    Path plot;

    @Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RecipeInput in = RecipeInput.read(recipe, sets, err);
        if (!in.ok()) {
            err.println(in.diagnostics.errorCount() + (in.diagnostics.errorCount() == 1 ? " error" : " errors")
                    + "; nothing was planned");
            return Main.RECIPE_ERROR;
        }
        Planner.Plan plan = Planner.plan(in.steps, Registry.standard());
        out.print(PlanText.render(recipe.getFileName().toString(), plan));
        if (plot != null) {
            try {
                LrPlot.write(plan, "learning rate of " + recipe.getFileName(), plot);
            } catch (IOException e) {
                err.println("error: cannot write " + plot + ": " + e.getMessage());
                return Main.RUN_FAILED;
            }
            out.println("plot: " + plot);
        }
        out.flush();
        return Main.OK;
    }
}
