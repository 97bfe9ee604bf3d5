package dev.prune.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ast.Unit;
import dev.prune.schedules.LrContext;
import dev.prune.schedules.LrSchedule;
import dev.prune.schedules.Oracle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleBuiltinsTest {
    private static final List<String> NAMES = List.of("constant", "step", "multistep", "exponential", "linear",
            "cosine", "warmup", "cyclic", "one_cycle", "ft", "lr_rewind", "slr", "clr", "llr", "allr", "s_cyc",
            "silo", "icepick", "oracle");

    private static Registry registry() {
        Registry r = new Registry();
        ScheduleBuiltins.register(r);
        return r;
    }

    /** Retraining of cycle 3 after a dense run of 1000 iterations at 0.1 then 0.01. */
    private static LrContext context(int i) {
        LrSchedule dense = c -> c.iteration() < 500 ? 0.1 : 0.01;
        return new LrContext(i, 300, 100, 3, 10, 0.512, dense, 1000, 0.2, 0.15);
    }

    private static LrSchedule create(Registry r, String name, Map<String, Value> given) {
        Map<String, Value> values = ScheduleBuiltins.defaults(r.find(name).orElseThrow());
        values.putAll(given);
        return r.create(new Value.Ref(name, values, true), LrSchedule.class);
    }

    @Test
    void registersEverySchedule() {
        Registry r = registry();
        assertEquals(NAMES, r.all().stream().map(Builtin::name).toList());
        assertEquals(r.all(), r.ofKind(Kind.SCHEDULE));
    }

    @Test
    void everyParameterIsDeclaredWithADocAndAnInRangeDefault() {
        for (Builtin<?> b : registry().all()) {
            assertFalse(b.doc().isBlank(), b.name());
            assertTrue(b.doc().equals(b.doc().strip()) && !b.doc().contains("\n"), b.name());
            for (Param p : b.params()) {
                assertFalse(p.doc().isBlank(), b.name() + "." + p.name());
                if (p.fallback() instanceof Value.Num n) {
                    assertTrue(n.plain() >= p.min() && n.plain() <= p.max(), b.signature());
                }
            }
        }
    }

    @Test
    void reconstructedPartsAreMarked() {
        Builtin<?> sCyc = registry().find("s_cyc").orElseThrow();
        assertTrue(sCyc.paper().contains("[reconstructed]"));
        assertTrue(sCyc.doc().contains("[reconstructed"));
        assertTrue(sCyc.doc().contains("k is"));
    }

    @Test
    void everyScheduleWithDefaultsForAllItsParametersCanBeMadeFromThem() {
        Registry r = registry();
        for (Builtin<?> b : r.all()) {
            if (b.params().stream().anyMatch(Param::required)) {
                continue;
            }
            java.util.Map<String, Value> args = ScheduleBuiltins.defaults(b);
            if (ScheduleBuiltins.S_SHAPED.contains(b.name())) {
                args.put(ScheduleBuiltins.S_RATE, Value.Num.of(0.2));   // the prune policy's rate, as a run fills it in
            }
            Object made = b.create(new Args(b.name(), args));
            LrSchedule s = made instanceof Oracle oracle ? oracle.candidate(oracle.grid().get(0)) : (LrSchedule) made;
            for (int i = 0; i < 300; i++) {
                double rate = s.at(context(i));
                assertTrue(Double.isFinite(rate) && rate >= 0, b.name() + " at " + i + ": " + rate);
            }
        }
    }

    @Test
    void theCardsScheduleWorks() {
        Registry r = registry();
        // rate: the prune policy's 'by 20%', which a run gives a schedule written without one
        LrSchedule s = create(r, "s_cyc", Map.of("max", Value.Num.of(0.1), "k", Value.Num.of(4), "rate", Value.Num.of(0.2)));
        double top = 0.04 + 0.06 / (1 + Math.pow(0.36 / 0.64, -4));   // cycle 3: 36% pruned before it
        assertEquals(top, s.at(context(150)), 1e-12);
        assertEquals(0.01, s.at(context(0)), 1e-12);
        // min may be given as a share or as a plain fraction of max
        LrSchedule lower = create(r, "s_cyc", Map.of("min", Value.Num.of(0.3)));
        assertEquals(0.03, lower.at(new LrContext(150, 300, 100, 1, 0, 1, null, 0)), 1e-12);
    }

    @Test
    void durationsFollowTheIterationsPerEpochOfTheContext() {
        Registry r = registry();
        LrSchedule step = create(r, "step", Map.of("every", new Value.Num(2, Unit.EPOCHS)));
        assertEquals(0.1, step.at(new LrContext(199, 1000, 100, 0, 0, 1, null, 0)), 1e-12);
        assertEquals(0.01, step.at(new LrContext(200, 1000, 100, 0, 0, 1, null, 0)), 1e-12);
        assertEquals(0.01, step.at(new LrContext(20, 1000, 10, 0, 0, 1, null, 0)), 1e-12);
        LrSchedule iterations = create(r, "step", Map.of("every", new Value.Num(7, Unit.ITERATIONS)));
        assertEquals(0.01, iterations.at(new LrContext(7, 1000, 100, 0, 0, 1, null, 0)), 1e-12);
    }

    @Test
    void warmupWrapsANamedScheduleOrANumber() {
        Registry r = registry();
        Map<String, Value> cosine = new LinkedHashMap<>();
        cosine.put("lr", Value.Num.of(0.2));
        LrSchedule named = create(r, "warmup", Map.of(
                "schedule", new Value.Ref("cosine", cosine, true),
                "over", new Value.Num(10, Unit.ITERATIONS)));
        assertEquals(0.02, named.at(new LrContext(0, 110, 100, 0, 0, 1, null, 0)), 1e-12);
        assertEquals(0.2, named.at(new LrContext(10, 110, 100, 0, 0, 1, null, 0)), 1e-12);
        assertEquals(0.1, named.at(new LrContext(60, 110, 100, 0, 0, 1, null, 0)), 1e-12);
        LrSchedule number = create(r, "warmup", Map.of("schedule", Value.Num.of(0.05)));
        assertEquals(0.05 / 500, number.at(new LrContext(0, 1000, 100, 0, 0, 1, null, 0)), 1e-15);
        assertEquals(0.05, number.at(new LrContext(700, 1000, 100, 0, 0, 1, null, 0)), 1e-15);
        LrSchedule bare = create(r, "warmup", Map.of("schedule", new Value.Ref("ft", Map.of(), false)));
        assertEquals(0.01 * 300 / 500, bare.at(context(299)), 1e-15);   // still warming up over 5 epochs
    }

    @Test
    void siloAndIcePickDefaultsAreThePapers() {
        Registry r = registry();
        LrSchedule silo = create(r, "silo", Map.of("rate", Value.Num.of(0.2)));
        double[] table = {.040, .040, .0401, .0432, .0664, .0917, .0984, .0997};
        for (int c = 0; c < table.length; c++) {
            double peak = silo.at(new LrContext(9999, 160 * 563, 563, c, 25, 1, null, 0));
            assertEquals(table[c], peak, c < 2 ? 5e-4 : 5e-5, "cycle " + c);
        }
        LrSchedule ice = create(r, "icepick", Map.of());
        assertEquals(6.25e-4, ice.at(new LrContext(0, 1, 1, 1, 0, 0.88, null, 0)), 5e-7);
    }
}
