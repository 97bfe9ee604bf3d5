package dev.prune.cli;

import dev.prune.front.FrontEnd;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code prune check RECIPE...}: every problem in every file, without training or starting ND4J. */
@Command(name = "check", description = "Check recipes without running them.")
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RECIPE", description = "recipe files")
    List<Path> recipes;

    @CommandLine.Option(names = "--set", paramLabel = "NAME=VALUE", description = "override a param")
    Map<String, String> sets = new java.util.LinkedHashMap<>();

    @CommandLine.Option(names = "--debug", description = "show stack traces")
    boolean debug;

    @Override
    public Integer call() {
        int errors = 0;
        for (Path recipe : recipes) {
            // A module checked on its own stands on stand-ins for what its 'requires' asks for.
            RecipeInput in = RecipeInput.read(recipe, FrontEnd.standard().sets(sets).modulesAlone(),
                    spec.commandLine().getErr());
            if (in.ok()) {
                List<String> standIns = in.checker.standIns();
                spec.commandLine().getOut().println(recipe + ": ok" + (standIns.isEmpty() ? ""
                        : " (a module, checked after stand-ins for what it requires: " + String.join("; ", standIns) + ")"));
            } else {
                errors += in.diagnostics.errorCount();
            }
        }
        if (errors > 0) {
            spec.commandLine().getErr().println(errors + (errors == 1 ? " error" : " errors"));
        }
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return errors > 0 ? Main.RECIPE_ERROR : Main.OK;
    }
}
