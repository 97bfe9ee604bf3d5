package dev.prune.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.prune.ast.Unit;
import dev.prune.schedules.IcePick;
import dev.prune.schedules.LrContext;
import dev.prune.schedules.LrSchedule;
import dev.prune.schedules.Oracle;
import dev.prune.schedules.SShape;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The shape of every schedule as a recipe gets it: made through the registry from named
 * arguments, asked over one retraining phase. The table must name every registered schedule, so a
 * new one cannot come without its shape. The formulas' finer points are tested beside each class
 * in {@code dev.prune.schedules}; the papers' check values are tested here through the registry too.
 */
class ScheduleShapesTest {
    private static final double EPS = 1e-12;
    private static final int PHASE = 300;
    private static final int PER_EPOCH = 100;
    private static final Registry REGISTRY = Registry.standard();

    /** A dense run of 1000 iterations at 0.1, then 0.01 from iteration 500. */
    private static final LrSchedule DENSE = c -> c.iteration() < 500 ? 0.1 : 0.01;

    /** Iteration i of the retraining of cycle 3 (36% pruned before it, 48.8% after), 20% this step. */
    private static LrContext at(int i) {
        return new LrContext(i, PHASE, PER_EPOCH, 3, 10, 0.512, DENSE, 1000, 0.2, 0.15);
    }

    private static LrSchedule make(String name, Object... namedArgs) {
        Map<String, Value> values = ScheduleBuiltins.defaults(REGISTRY.find(name).orElseThrow());
        for (int i = 0; i < namedArgs.length; i += 2) {
            Object v = namedArgs[i + 1];
            values.put((String) namedArgs[i], v instanceof Value value ? value : Value.Num.of((Double) v));
        }
        return REGISTRY.create(new Value.Ref(name, values, true), LrSchedule.class);
    }

    private static double[] rates(LrSchedule s) {
        double[] out = new double[PHASE];
        for (int i = 0; i < PHASE; i++) {
            out[i] = s.at(at(i));
        }
        return out;
    }

    private static Value.Num epochs(double n) {
        return new Value.Num(n, Unit.EPOCHS);
    }

    private static Value.Num iterations(double n) {
        return new Value.Num(n, Unit.ITERATIONS);
    }

    private static void constant(double[] r, int from, int to, double value) {
        for (int i = from; i < to; i++) {
            assertEquals(value, r[i], EPS, "iteration " + i);
        }
    }

    private static void falling(double[] r, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            assertTrue(r[i] < r[i - 1], "falls at iteration " + i);
        }
    }

    private static void rising(double[] r, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            assertTrue(r[i] > r[i - 1], "rises at iteration " + i);
        }
    }

    /** The S-shaped peak of cycle 3 with the registry's defaults for max 0.1 and the card's k = 4. */
    private static final double CARD_PEAK = new SShape(0.04, 0.1, 4, 0.2, 1).maxLr(3);
    private static final double SILO_PEAK = new SShape(0.04, 0.1, 5, 0.2, 1).maxLr(3);

    private static Map<String, Consumer<String>> shapes() {
        Map<String, Consumer<String>> t = new LinkedHashMap<>();
        t.put("constant", n -> constant(rates(make(n, "value", 0.05)), 0, PHASE, 0.05));
        t.put("step", n -> {
            double[] r = rates(make(n, "every", epochs(1)));
            constant(r, 0, 100, 0.1);
            constant(r, 100, 200, 0.01);
            constant(r, 200, 300, 0.001);
        });
        t.put("multistep", n -> {
            double[] r = rates(make(n, "at", new Value.ListV(java.util.List.of(Value.Num.of(0.5), Value.Num.of(2)))));
            constant(r, 0, 50, 0.1);
            constant(r, 50, 200, 0.01);
            constant(r, 200, 300, 0.001);
        });
        t.put("exponential", n -> {
            double[] r = rates(make(n, "gamma", 0.5));
            constant(r, 0, 100, 0.1);
            constant(r, 100, 200, 0.05);
            constant(r, 200, 300, 0.025);
        });
        t.put("linear", n -> {
            double[] r = rates(make(n));
            falling(r, 0, PHASE);
            assertEquals(0.1, r[0], EPS);
            assertEquals(0.05, r[150], EPS);
            assertEquals(0.1 / PHASE, r[PHASE - 1], EPS);
        });
        t.put("cosine", n -> {
            double[] r = rates(make(n, "min", 0.01));
            falling(r, 0, PHASE);
            assertEquals(0.1, r[0], EPS);
            assertEquals(0.055, r[150], EPS);
            assertEquals(0.1 - r[75], r[225] - 0.01, 1e-12);          // point-symmetric about the middle
        });
        t.put("warmup", n -> {
            double[] r = rates(make(n, "schedule", Value.Num.of(0.05), "over", iterations(100)));
            rising(r, 0, 100);
            assertEquals(0.05 / 100, r[0], EPS);
            constant(r, 99, PHASE, 0.05);
        });
        t.put("cyclic", n -> {
            double[] r = rates(make(n, "base", 0.01, "max", 0.05, "step", iterations(50)));
            rising(r, 0, 51);
            falling(r, 50, 101);
            assertEquals(0.01, r[0], EPS);
            assertEquals(0.05, r[50], EPS);
            for (int i = 0; i + 100 < PHASE; i++) {
                assertEquals(r[i], r[i + 100], EPS);                    // a period is two steps
            }
        });
        t.put("one_cycle", n -> {
            double[] r = rates(make(n));
            int peak = (int) Math.round(0.3 * (PHASE - 1));
            rising(r, 0, peak + 1);
            falling(r, peak, PHASE);
            assertEquals(0.1 / 25, r[0], EPS);
            assertEquals(0.1, r[peak], 1e-6);
            assertEquals(0.1 / 25 / 1e4, r[PHASE - 1], EPS);
        });
        t.put("ft", n -> constant(rates(make(n)), 0, PHASE, 0.01));
        t.put("lr_rewind", n -> {
            LrSchedule s = make(n);
            // a retraining of 600 replays dense iterations 400..999: 0.1 until 500, then 0.01
            for (int i = 0; i < 600; i++) {
                LrContext c = new LrContext(i, 600, PER_EPOCH, 3, 10, 0.512, DENSE, 1000, 0.2, 0.15);
                assertEquals(i < 100 ? 0.1 : 0.01, s.at(c), EPS, "iteration " + i);
            }
        });
        t.put("slr", n -> {
            double[] r = rates(make(n));
            rising(r, 0, 31);                                            // 10% warm-up from 0
            assertEquals(0, r[0], EPS);
            // the whole dense run in the other 270 iterations: 0.1 for its first half, 0.01 after
            constant(r, 30, 30 + 135, 0.1);
            constant(r, 30 + 135, PHASE, 0.01);
        });
        t.put("clr", n -> {
            double[] r = rates(make(n));
            rising(r, 0, 31);
            assertEquals(0.1, r[30], EPS);
            falling(r, 30, PHASE);
            assertEquals(0.055, r[30 + 135], EPS);
        });
        t.put("llr", n -> {
            double[] r = rates(make(n));
            rising(r, 0, 31);
            assertEquals(0.1, r[30], EPS);
            falling(r, 30, PHASE);
            assertEquals(0.05, r[30 + 135], EPS);
        });
        t.put("allr", n -> {
            double[] r = rates(make(n));
            // clip(0.1 * 0.15 / sqrt(0.2), 300/1000 * 0.1, 0.1): the damage-scaled start
            double start = 0.1 * 0.15 / Math.sqrt(0.2);
            rising(r, 0, 31);
            assertEquals(start, r[30], EPS);
            falling(r, 30, PHASE);
            assertEquals(start / 2, r[30 + 135], EPS);
        });
        t.put("s_cyc", n -> {
            double[] r = rates(make(n, "k", 4.0, "rate", 0.2));   // a policy's 'by 20%' gives it the rate
            rising(r, 0, 151);
            falling(r, 150, PHASE);
            assertEquals(0.01, r[0], EPS);
            assertEquals(CARD_PEAK, r[150], EPS);
        });
        t.put("silo", n -> {
            double[] r = rates(make(n, "rate", 0.2, "warmup", iterations(100),
                    "at", new Value.ListV(java.util.List.of(Value.Num.of(2)))));
            rising(r, 0, 100);
            constant(r, 99, 200, SILO_PEAK);
            constant(r, 200, PHASE, SILO_PEAK / 10);
        });
        t.put("icepick", n -> constant(rates(make(n)), 0, PHASE, new IcePick(1e-3, 7.5e-4, 0.12, 50).rate(0.512)));
        t.put("oracle", n -> {
            Map<String, Value> values = ScheduleBuiltins.defaults(REGISTRY.find(n).orElseThrow());
            values.put("grid", new Value.ListV(java.util.List.of(Value.Num.of(0.02), Value.Num.of(0.08))));
            Oracle oracle = REGISTRY.create(new Value.Ref(n, values, true), Oracle.class);
            assertEquals(java.util.List.of(0.02, 0.08), oracle.grid());
            for (double peak : oracle.grid()) {
                double[] r = rates(oracle.candidate(peak));             // s_cyc's triangle, with this peak
                rising(r, 0, 151);
                falling(r, 150, PHASE);
                assertEquals(peak / 10, r[0], EPS);
                assertEquals(peak, r[150], EPS);
            }
        });
        t.put("lr_replay", n -> {
            // the dense run from its iteration 300: 0.1 until its 500th, then 0.01
            double[] r = rates(make(n, "from", iterations(300)));
            constant(r, 0, 200, 0.1);
            constant(r, 200, PHASE, 0.01);
        });
        return t;
    }

    @Test
    void everyScheduleHasTheShapeItsDocSays() {
        Map<String, Consumer<String>> shapes = shapes();
        assertEquals(REGISTRY.ofKind(Kind.SCHEDULE).stream().map(Builtin::name).toList(),
                shapes.keySet().stream().toList(), "every registered schedule needs a shape here");
        shapes.forEach((name, check) -> check.accept(name));
    }

    /** v rounded half-up to as many decimals as the printed value has (".0432" has 4). */
    private static String printedLike(double v, String printed) {
        int decimals = printed.length() - printed.indexOf('.') - 1;
        String text = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return text.startsWith("0.") && printed.startsWith(".") ? text.substring(1) : text;
    }

    @Test
    void siloDefaultsGiveTheVgg19TableOfTheSiloCode() {
        // silo() with only max and min as the VGG-19 script sets them; the peak of each cycle is the
        // rate once the 10,000-iteration warm-up is over (563 iterations per epoch, 160 epochs)
        LrSchedule silo = make("silo", "max", 0.10, "min", 0.4, "rate", 0.2);
        String[] table = {".040", ".040", ".0401", ".0432", ".0664", ".0917", ".0984", ".0997"};
        for (int c = 0; c < 25; c++) {
            double peak = silo.at(new LrContext(9999, 160 * 563, 563, c, 25, Math.pow(0.8, c), null, 0));
            String printed = c < table.length ? table[c] : "0.100";
            assertEquals(printed, printedLike(peak, printed), "cycle " + c);
        }
    }

    private static String significant(double v, int digits) {
        return new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_UP)).stripTrailingZeros()
                .toEngineeringString();
    }

    @Test
    void icePickDefaultsGiveTheAlphaTableOfTheIcePickCode() {
        LrSchedule ice = make("icepick");
        Map<Double, String> table = new LinkedHashMap<>();
        table.put(1.00, "0.0010");
        table.put(0.90, "0.000930");
        table.put(0.88, "0.000625");
        table.put(0.85, "0.000274");
        for (double alpha : new double[] {0.80, 0.7, 0.5, 0.3, 0.1}) {
            table.put(alpha, "0.00025");
        }
        table.forEach((alpha, printed) -> {
            double rate = ice.at(new LrContext(0, 1, 1, 1, 0, alpha, null, 0));
            int digits = printed.replaceFirst("^0\\.0*", "").length();
            assertEquals(new BigDecimal(printed).stripTrailingZeros().toEngineeringString(),
                    significant(rate, digits), "alpha " + alpha);
        });
    }
}
