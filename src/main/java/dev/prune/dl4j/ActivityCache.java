package dev.prune.dl4j;

import dev.prune.engine.NetworkSpec;
import dev.prune.engine.UnitActivity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Unit statistics of the training split's first examples, kept for the parameters they were
 * read with, so that the questions asked of one set of weights share one forward pass: a cycle's
 * dead-neuron rate (10,000 examples) and the next pruning's DropNet or APoZ scores (all of them),
 * or several criteria and metrics on the same weights.
 *
 * <p>The sums are valid only while every parameter of the network (weights, biases, batch norm's
 * γ, β and running statistics) has the bits it had when they were read: the key is the network
 * object, the training data object and a copy of the parameters, compared on every request. A
 * version number that the engine's methods bump would save that copy but can go stale: DL4J also
 * changes parameters where the engine does not see a change (a backward pass in training mode
 * updates batch norm's running statistics, as the criteria's loss gradients do; listeners and a
 * train request's hook act in the middle of training), and every future method that writes
 * parameters would have to remember to bump it. The copy is one read of the parameters (61,706
 * floats for LeNet-5) against a forward pass over thousands of examples. The examples themselves
 * never change: a split keeps its original order and each epoch's shuffle goes to other buffers.
 *
 * <p>A pass runs in chunks of {@link Activity#CHUNK} examples from example 0 and keeps the running
 * sums at every chunk boundary: a request for fewer examples than a pass saw is answered from the
 * boundary at or below it (plus one partial chunk), and a request for more carries on from the last
 * boundary. Every unit's sums are added example by example in double, in the same order however the
 * pass is cut, and the chunks always start at the same multiples of the chunk size, so each answer
 * has the bits of a pass of its own over its examples. Memory: two doubles per unit per boundary,
 * 0.5 MB for LeNet-5 over 60,000 examples.
 */
final class ActivityCache {
    private ComputationGraph owner;
    private SplitArrays data;
    private float[] params;
    /** Running sums after the first k examples: k a multiple of the chunk size, or a count asked for. */
    private final TreeMap<Integer, Activity.Sums> prefixes = new TreeMap<>();
    private long chunks;
    private boolean sharing = true;

    UnitActivity measure(ComputationGraph net, NetworkSpec spec, List<WeightLayout> layouts, SplitArrays train,
                         int examples) {
        int n = examples <= 0 ? train.count() : Math.min(examples, train.count());
        float[] now = net.params().toFloatVector();
        // Arrays.equals compares floats by their bits (floatToIntBits): -0 and 0 differ, NaN equals NaN.
        if (!sharing || net != owner || train != data || !Arrays.equals(now, params)) {
            clear();
            owner = net;
            data = train;
            params = now;
            prefixes.put(0, new Activity.Sums(layouts));
        }
        Activity.Sums known = prefixes.get(n);
        if (known == null) {
            known = extend(net, spec, train, n);
        }
        return known.activity();
    }

    /** Carries the pass on from the last chunk boundary at or below n to n. */
    private Activity.Sums extend(ComputationGraph net, NetworkSpec spec, SplitArrays train, int n) {
        int from = 0;
        for (Map.Entry<Integer, Activity.Sums> e : prefixes.headMap(n, true).descendingMap().entrySet()) {
            if (e.getKey() % Activity.CHUNK == 0) {
                from = e.getKey();
                break;
            }
        }
        Activity.Sums running = prefixes.get(from).copy();
        Activity.Measuring measuring = new Activity.Measuring(net, spec);
        for (int a = from; a < n; a += Activity.CHUNK) {
            int b = Math.min(n, a + Activity.CHUNK);
            measuring.add(train, a, b, running);
            chunks++;
            if (b % Activity.CHUNK == 0 && b < n) {
                prefixes.put(b, running.copy());
            }
        }
        prefixes.put(n, running);
        return running;
    }

    /** Forgets the sums: the next request makes a pass of its own. */
    void clear() {
        owner = null;
        data = null;
        params = null;
        prefixes.clear();
    }

    /** Off: every request makes a pass of its own, as before the sums were shared (for tests). */
    void sharing(boolean on) {
        sharing = on;
        clear();
    }

    /** Forward passes over a chunk made since this cache was created, for tests and the benchmark. */
    long chunks() {
        return chunks;
    }
}
