package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A sweep variant and an undo start from {@link RunState#copy()}: a field that assign() forgets
 * would leak from one variant into the next. Every field must be copied, or named here as not run state.
 */
class RunStateTest {
    /** Session settings and the executor's position, which a copy leaves alone. */
    private static final Set<String> NOT_COPIED = Set.of("undoOnCancel", "evaluateEpochs", "step");
    /**
     * Fields whose type this test cannot make without a running engine; each is copied by its own
     * copy() (GradualPruning: the golden eval sweep_gradual runs variants from copies).
     */
    private static final Set<String> UNSAMPLED = Set.of("gradual");

    @Test
    void everyFieldOfTheRunIsCopied() throws Exception {
        RunState original = new RunState();
        for (Field f : RunState.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
                continue;
            }
            Class<?> t = f.getType();
            if (t == long.class) {
                f.setLong(original, 7);
            } else if (t == int.class) {
                f.setInt(original, 7);
            } else if (t == double.class) {
                f.setDouble(original, 7);
            } else if (t == boolean.class) {
                f.setBoolean(original, !f.getBoolean(original));
            } else if (t == String.class) {
                f.set(original, "seven");
            } else if (t == java.nio.file.Path.class) {
                f.set(original, java.nio.file.Path.of("seven"));
            } else if (t == java.util.List.class) {
                f.set(original, new java.util.ArrayList<>(java.util.List.of(new float[] {7})));
            } else if (!t.isPrimitive() && !UNSAMPLED.contains(f.getName())) {
                f.set(original, sample(t, f.getName()));
            }
        }
        original.frozen.add(7);
        RunState copy = original.copy();
        for (Field f : RunState.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || NOT_COPIED.contains(f.getName())
                    || UNSAMPLED.contains(f.getName())) {
                continue;
            }
            Object a = f.get(original);
            Object b = f.get(copy);
            if (f.getName().equals("masks")) {
                assertNotSame(a, b, "masks are a list of their own");
                assertEquals(1, ((java.util.List<?>) b).size());
            } else if (!Modifier.isFinal(f.getModifiers())) {
                assertNotNull(a, f.getName() + " was given a value to copy");
                assertEquals(a, b, f.getName() + " is copied");
            }
        }
        assertTrue(copy.frozen.contains(7));
    }

    /**
     * A value of any field type, so that no reference-typed field escapes the check: a proxy for an
     * interface, a record built from zeros and nulls, or an object made by its no-argument constructor.
     */
    private static Object sample(Class<?> t, String field) throws Exception {
        if (t.isInterface()) {
            return java.lang.reflect.Proxy.newProxyInstance(t.getClassLoader(), new Class<?>[] {t},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "toString" -> "sample " + t.getSimpleName();
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
        if (t.isRecord()) {
            var components = t.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = zero(types[i]);
            }
            var constructor = t.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        }
        if (t == dev.prune.engine.NetworkSpec.class) {
            // A graph checks its shapes when made, so the zero sample is the smallest valid network.
            return new dev.prune.engine.NetworkSpec("sample", 1, 1, 1,
                    java.util.List.of(dev.prune.engine.Node.output("out", dev.prune.engine.NetworkSpec.INPUT, 2)));
        }
        for (var constructor : t.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 0) {
                constructor.setAccessible(true);
                return constructor.newInstance();
            }
        }
        throw new AssertionError("RunStateTest cannot make a " + t.getName() + " for field " + field
                + "; teach sample() this type");
    }

    private static Object zero(Class<?> t) {
        if (t == int.class) {
            return 7;
        } else if (t == long.class) {
            return 7L;
        } else if (t == double.class) {
            return 7.0;
        } else if (t == float.class) {
            return 7f;
        } else if (t == boolean.class) {
            return true;
        } else if (t == String.class) {
            return "seven";
        }
        return null;
    }

    /**
     * An undo and each sweep variant put a state back with assign(): what the later state had in its
     * collections and measurements must not stay (a layer one variant froze, a point it took).
     */
    @Test
    void assignReplacesWhatTheStateHeldBefore() {
        RunState start = new RunState();
        start.frozen.add(1);
        start.takenPoints.add("epoch 1");
        start.wantedPoints.add(dev.prune.builtins.Value.Num.of(1));
        start.timing.measured(true, 10, 2.0);
        start.changes.original(java.util.List.of(new float[] {3, 4}));
        RunState later = start.copy();
        later.frozen.add(2);
        later.takenPoints.add("iteration 5");
        later.wantedPoints.add(dev.prune.builtins.Value.Num.of(5));
        later.timing.measured(false, 20, 1.0);
        later.changes.original(java.util.List.of(new float[] {6, 8}));
        later.assign(start);
        assertEquals(java.util.Set.of(1), java.util.Set.copyOf(later.frozen));
        assertEquals(java.util.Set.of("epoch 1"), later.takenPoints);
        assertEquals(start.wantedPoints, later.wantedPoints);
        assertEquals(start.timing.speed(), later.timing.speed());
        org.junit.jupiter.api.Assertions.assertArrayEquals(start.changes.origL2(), later.changes.origL2());
    }
}
