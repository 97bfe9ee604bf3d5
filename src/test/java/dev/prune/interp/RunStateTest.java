package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
            }
        }
        original.frozen.add(7);
        RunState copy = original.copy();
        for (Field f : RunState.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || NOT_COPIED.contains(f.getName())) {
                continue;
            }
            Object a = f.get(original);
            Object b = f.get(copy);
            if (f.getName().equals("masks")) {
                assertNotSame(a, b, "masks are a list of their own");
                assertEquals(1, ((java.util.List<?>) b).size());
            } else if (a != null && !Modifier.isFinal(f.getModifiers())) {
                assertEquals(a, b, f.getName() + " is copied");
            }
        }
        assertTrue(copy.frozen.contains(7));
    }
}
