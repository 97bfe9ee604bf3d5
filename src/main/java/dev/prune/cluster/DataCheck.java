package dev.prune.cluster;

import java.nio.file.Path;
import java.util.Map;

/**
 * The fingerprint of the data a recipe trains on, as a run with these settings would load it;
 * implemented where recipes are checked, so this package stays away from the checker.
 */
@FunctionalInterface
public interface DataCheck {
    /**
     * @return the data's fingerprint
     * @throws IllegalStateException with one sentence when the data cannot be loaded here
     */
    String fingerprint(Path recipe, Map<String, String> sets, Long seed);
}
