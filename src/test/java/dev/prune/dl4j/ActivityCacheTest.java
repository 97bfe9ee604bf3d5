package dev.prune.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.UnitActivity;
import dev.prune.interp.EngineProbe;
import dev.prune.pruning.Apoz;
import dev.prune.pruning.Cost;
import dev.prune.pruning.MeanActivation;
import dev.prune.pruning.ScoreInputs;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The statistics that a cycle asks for on the same weights share one forward pass, give the bits
 * of separate passes, and are read again after anything changes a parameter.
 */
class ActivityCacheTest {
    /** The examples the dead-neuron rate reads each cycle (CycleRunner's), more than SMALL has. */
    private static final int DNR_EXAMPLES = 10_000;
    /** Fixtures.SMALL's 600 training examples: a chunk of 500 and one of 100. */
    private static final int CHUNKS = 2;

    @Test
    void aCycleAskingForDnrDropnetAndApozMakesOnePassWithTheNumbersOfSeparatePasses() {
        NetworkSpec spec = Fixtures.lenet5();
        try (Dl4jEngine shared = trained(spec); Dl4jEngine separate = trained(spec)) {
            separate.activityCache().sharing(false);
            Asked one = cycle(shared, spec);
            assertEquals(CHUNKS, shared.activityCache().chunks(), "dnr, dropnet and apoz read one pass");
            Asked other = cycle(separate, spec);
            assertEquals(3 * CHUNKS, separate.activityCache().chunks(), "each its own pass");
            assertEquals(Double.doubleToLongBits(other.dnr()), Double.doubleToLongBits(one.dnr()));
            same(other.dropnet(), one.dropnet());
            same(other.apoz(), one.apoz());
        }
    }

    @Test
    void fewerExamplesAreReadFromTheLongerPassAndMoreCarryItOnWithTheBitsOfAPassOfTheirOwn() {
        NetworkSpec spec = Fixtures.lenet5();
        try (Dl4jEngine engine = trained(spec)) {
            ActivityCache cache = engine.activityCache();
            UnitActivity first = engine.unitActivity(500);
            assertEquals(1, cache.chunks());
            UnitActivity all = engine.unitActivity(0);
            assertEquals(2, cache.chunks(), "carried on from example 500");
            same(fresh(engine, spec, 600), all);
            same(fresh(engine, spec, 500), first);
            same(first, engine.unitActivity(500));
            assertEquals(2, cache.chunks(), "500 is a boundary of the pass");
            UnitActivity some = engine.unitActivity(300);
            assertEquals(3, cache.chunks(), "a partial chunk from example 0");
            same(fresh(engine, spec, 300), some);
            same(some, engine.unitActivity(300));
            same(all, engine.unitActivity(DNR_EXAMPLES));
            assertEquals(3, cache.chunks());
        }
    }

    @Test
    void trainingAMaskOrAnyOtherChangeOfAParameterMakesANewPass() {
        NetworkSpec spec = Fixtures.lenet5();
        try (Dl4jEngine engine = trained(spec)) {
            ActivityCache cache = engine.activityCache();
            UnitActivity before = engine.unitActivity(0);
            dev.prune.engine.Snapshot snapshot = engine.snapshot();

            engine.train(Fixtures.constant(1, 5, 0.05), dev.prune.engine.TrainObserver.NONE);
            UnitActivity afterStep = engine.unitActivity(0);
            assertEquals(2 * CHUNKS, cache.chunks(), "one training step");
            differ(before, afterStep);
            same(fresh(engine, spec, 600), afterStep);

            engine.applyMasks(Fixtures.randomMasks(spec, 0.5, 7));
            UnitActivity masked = engine.unitActivity(0);
            assertEquals(3 * CHUNKS, cache.chunks(), "a new mask");
            differ(afterStep, masked);
            same(fresh(engine, spec, 600), masked);

            // A change the engine's methods do not make: DL4J's parameters written directly.
            engine.network().getParam("fc1_b").addi(0.25);
            UnitActivity shifted = engine.unitActivity(0);
            assertEquals(4 * CHUNKS, cache.chunks(), "a bias changed behind the engine's back");
            differ(masked, shifted);

            engine.restore(snapshot);
            same(before, engine.unitActivity(0));
            assertEquals(5 * CHUNKS, cache.chunks());
        }
    }

    private record Asked(double dnr, List<float[]> dropnet, List<float[]> apoz) {}

    /** What a cycle asks: the record's dead-neuron rate, then the next pruning's scores. */
    private static Asked cycle(Dl4jEngine engine, NetworkSpec spec) {
        double dnr = Cost.deadRate(spec, engine.unitActivity(DNR_EXAMPLES));
        List<float[]> weights = engine.weights();
        ScoreInputs inputs = new ScoreInputs(spec, weights, engine.masks(), 1,
                new EngineProbe(engine, 50, Fixtures.SMALL.train().count(), null));
        return new Asked(dnr, new MeanActivation(MeanActivation.Variant.MIN, 0).unitScores(inputs),
                new Apoz(0).unitScores(inputs));
    }

    private static Dl4jEngine trained(NetworkSpec spec) {
        Dl4jEngine engine = Fixtures.engine(spec, Fixtures.sgd(), 50, 11);
        engine.train(Fixtures.constant(12, 3, 0.05), dev.prune.engine.TrainObserver.NONE);
        return engine;
    }

    /** A pass of its own, outside the cache. */
    private static UnitActivity fresh(Dl4jEngine engine, NetworkSpec spec, int examples) {
        List<WeightLayout> layouts = spec.layers().stream().map(WeightLayout::new).toList();
        return Activity.measure(engine.network(), spec, layouts, new SplitArrays(Fixtures.SMALL.train()), examples);
    }

    private static void same(UnitActivity expected, UnitActivity actual) {
        assertEquals(expected.examples(), actual.examples());
        same(expected.meanAbs(), actual.meanAbs());
        same(expected.zeroShare(), actual.zeroShare());
    }

    private static void same(List<float[]> expected, List<float[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int l = 0; l < expected.size(); l++) {
            assertArrayEquals(expected.get(l), actual.get(l), "layer " + l);
        }
    }

    private static void differ(UnitActivity a, UnitActivity b) {
        boolean any = false;
        for (int l = 0; l < a.meanAbs().size(); l++) {
            any |= !Arrays.equals(a.meanAbs().get(l), b.meanAbs().get(l));
        }
        assertTrue(any, "the statistics changed");
    }
}
