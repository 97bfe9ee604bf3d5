package dev.prune.pruning;

import dev.prune.engine.LayerSpec;
import dev.prune.engine.NetworkSpec;
import java.util.ArrayList;
import java.util.List;

/** Tiny networks whose numbers can be followed by hand. */
final class Nets {
    private Nets() {}

    /** 3 inputs, dense fc1 of 4 ReLU units, output of 2. */
    static NetworkSpec mlp342() {
        return NetworkSpec.sequential("mlp", 1, 1, 3, List.of(LayerSpec.dense("fc1", 3, 4, "relu"),
                LayerSpec.output("out", 4, 2)));
    }

    /** 1x2x2 input, conv1 of 2 filters 1x1 (maps of 2x2), flattened into fc1 of 3, output of 2. */
    static NetworkSpec convFlatten() {
        return NetworkSpec.sequential("tiny", 1, 2, 2, List.of(LayerSpec.conv("conv1", 1, 2, 1, 0, 0, 2, "relu"),
                LayerSpec.dense("fc1", 8, 3, "relu"), LayerSpec.output("out", 3, 2)));
    }

    static List<float[]> ones(NetworkSpec net) {
        List<float[]> out = new ArrayList<>();
        net.layers().forEach(l -> out.add(Density.ones(l.weightCount())));
        return out;
    }

    static List<float[]> of(float[]... arrays) {
        return java.util.Arrays.asList(arrays);
    }
}
