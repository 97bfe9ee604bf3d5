package dev.prune.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI's listeners (run directory, manifest, console) hear a run through one {@link Fanout}:
 * every event reaches every one of them, with its arguments, in order.
 */
class FanoutTest {
    private static RunListener recording(List<String> heard) {
        return (RunListener) Proxy.newProxyInstance(RunListener.class.getClassLoader(), new Class<?>[] {RunListener.class},
                (proxy, method, args) -> {
                    heard.add(method.getName() + Arrays.deepToString(args));
                    return null;
                });
    }

    private static Object sample(Class<?> type, int k) {
        if (type == int.class) {
            return k;
        } else if (type == long.class) {
            return (long) k;
        } else if (type == double.class) {
            return k + 0.5;
        } else if (type == boolean.class) {
            return true;
        } else if (type == String.class) {
            return "s" + k;
        }
        return null;
    }

    @Test
    void everyEventReachesEveryListenerWithItsArguments() throws Exception {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        RunListener both = RunListener.all(List.of(recording(first), recording(second)));
        List<String> sent = new ArrayList<>();
        Method[] events = RunListener.class.getMethods();
        Arrays.sort(events, Comparator.comparing(Method::getName));
        for (Method event : events) {
            if (Modifier.isStatic(event.getModifiers())) {
                continue;
            }
            Object[] args = new Object[event.getParameterCount()];
            for (int k = 0; k < args.length; k++) {
                args[k] = sample(event.getParameterTypes()[k], k);
            }
            event.invoke(both, args);
            sent.add(event.getName() + Arrays.deepToString(args));
        }
        assertEquals(true, sent.size() >= 17, sent.toString());
        assertEquals(sent, first);
        assertEquals(sent, second);
    }
}
