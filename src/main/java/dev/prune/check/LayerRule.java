package dev.prune.check;

import java.util.Set;

/**
 * Checked layer selection. Static selections ({@code layers 0..1}, {@code output}) are resolved to
 * indices at check time; {@code where} and {@code N% of} selections need per-layer statistics
 * and are decided at run time from the condition.
 *
 * @param fixed     layers chosen statically (all layers when condition and share are absent)
 * @param condition per-layer condition, or null
 * @param share     fraction of the candidate layers to take, least-changing first; 0 when absent
 */
public record LayerRule(Set<Integer> fixed, Condition condition, double share, String text) {

    public boolean dynamic() {
        return condition != null || share > 0;
    }
}
