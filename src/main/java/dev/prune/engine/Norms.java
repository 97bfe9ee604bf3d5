package dev.prune.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The batch norm right after each weight layer: the node whose γ scales that layer's output
 * channels one to one. Network slimming reads a channel's importance there, and its L1 penalty
 * acts on those γ; a batch norm that follows anything else (an add, a pooling) belongs to no
 * single layer's filters and is neither.
 */
public final class Norms {
    private Norms() {}

    /** One entry per weight layer: the name of the batch norm node that reads it directly, or null. */
    public static List<String> after(NetworkSpec net) {
        List<String> out = new ArrayList<>(Collections.nCopies(net.layers().size(), (String) null));
        for (Node n : net.nodes()) {
            if (n.kind() != NodeKind.BATCH_NORM) {
                continue;
            }
            net.node(n.input()).filter(from -> from.kind().weighted())
                    .flatMap(from -> net.indexOf(from.name()))
                    .ifPresent(l -> out.set(l, n.name()));
        }
        return out;
    }

    /** True when some weight layer is followed by a batch norm. */
    public static boolean any(NetworkSpec net) {
        return after(net).stream().anyMatch(n -> n != null);
    }
}
