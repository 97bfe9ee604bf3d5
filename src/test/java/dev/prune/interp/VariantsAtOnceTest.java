package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.check.Step;
import dev.prune.engine.NetworkSpec;
import dev.prune.engine.Node;
import dev.prune.source.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which sweeps may train their variants side by side: only those whose numbers and files come out
 * as in turn, so never with dropout (its draws depend on the thread) or a file two variants write.
 */
class VariantsAtOnceTest {
    private static final Span AT = Span.none();

    private static NetworkSpec net(boolean dropout) {
        List<Node> nodes = dropout
                ? List.of(Node.dense("fc", NetworkSpec.INPUT, 8, "relu"), Node.dropout("drop", "fc", 0.5),
                        Node.output("out", "drop", 2))
                : List.of(Node.dense("fc", NetworkSpec.INPUT, 8, "relu"), Node.output("out", "fc", 2));
        return new NetworkSpec(dropout ? "with dropout" : "plain", 1, 2, 2, nodes);
    }

    private static Step.Sweep sweep(List<Step> first, List<Step> second) {
        return new Step.Sweep(AT, "s", List.of(new Step.Variant("a", null, first), new Step.Variant("b", null, second)));
    }

    private static RunState on(NetworkSpec network) {
        RunState state = new RunState();
        state.network = network;
        return state;
    }

    private static boolean fits(List<Step> variant) {
        return VariantsAtOnce.fits(on(net(false)), sweep(List.of(), variant), 0);
    }

    @Test
    void twoOrderFreeVariantsFitButOneLeftDoesNot() {
        assertTrue(VariantsAtOnce.fits(on(net(false)), sweep(List.of(), List.of()), 0));
        assertFalse(VariantsAtOnce.fits(on(net(false)), sweep(List.of(), List.of()), 1), "one variant left");
    }

    @Test
    void dropoutInTheRunsNetworkOrAVariantsKeepsThemInTurn() {
        assertFalse(VariantsAtOnce.hasDropout(null));
        assertFalse(VariantsAtOnce.hasDropout(net(false)));
        assertTrue(VariantsAtOnce.hasDropout(net(true)));
        assertFalse(VariantsAtOnce.fits(on(net(true)), sweep(List.of(), List.of()), 0));
        Step.UseModel plain = new Step.UseModel(AT, net(false), "plain", null);
        Step.UseModel dropping = new Step.UseModel(AT, net(true), "with dropout", null);
        assertTrue(fits(List.of(plain)));
        assertFalse(fits(List.of(dropping)));
        assertTrue(fits(List.of(new Step.UseData(AT, null, "shapes()", plain))));
        assertFalse(fits(List.of(new Step.UseData(AT, null, "shapes()", dropping))));
        assertTrue(fits(List.of(new Step.UseData(AT, null, "shapes()", null))));
    }

    @Test
    void aFileWrittenByTheVariantsKeepsThemInTurn() {
        assertFalse(fits(List.of(new Step.Save(AT, "m.zip"))));
        assertFalse(fits(List.of(new Step.Compact(AT, "small.zip"))));
        assertTrue(fits(List.of(new Step.Compact(AT, null))), "a compact that saves nothing");
        assertFalse(fits(List.of(sweep(List.of(), List.of(new Step.Save(AT, "m.zip"))))), "in an inner sweep");
        assertTrue(fits(List.of(sweep(List.of(), List.of(new Step.Compact(AT, null))))));
        assertFalse(VariantsAtOnce.fits(on(net(false)), sweep(List.of(new Step.Save(AT, "m.zip")), List.of()), 0),
                "in the first variant");
    }
}
