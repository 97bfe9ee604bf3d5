package dev.prune.cli;

import dev.prune.check.Step;
import dev.prune.cluster.DataCheck;
import dev.prune.data.DataException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fingerprint of the data a recipe's first {@code data} statement loads, computed the way a
 * run records it in its manifest (the run's seed chooses the validation hold-out), without
 * starting ND4J: what a worker compares with the submitter's before it trains.
 */
final class DataFingerprint implements DataCheck {
    @Override
    public String fingerprint(Path recipe, Map<String, String> sets, Long seed) {
        StringWriter errors = new StringWriter();
        RecipeInput in = RecipeInput.read(recipe, sets, new PrintWriter(errors));
        if (!in.ok()) {
            throw new IllegalStateException("the recipe has errors here: " + errors.toString().strip());
        }
        long s = seed != null ? seed : 0;
        for (Step step : in.steps) {
            if (seed == null && step instanceof Step.UseSeed u) {
                s = u.seed();
            } else if (step instanceof Step.UseData d) {
                try {
                    return d.data().load(s).fingerprint();
                } catch (DataException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        }
        return "no data";
    }
}
