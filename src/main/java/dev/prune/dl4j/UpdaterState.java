package dev.prune.dl4j;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The optimizer state of single weights. The gradients of pruned weights are not masked (see
 * {@link MaskListener}), so their momentum or Adam moments keep following the loss while the
 * weights are held at zero. A weight that a new mask brings back starts from zero with fresh state
 * instead, as a newly grown connection does in RigL.
 *
 * <p>DL4J keeps the state of a block of parameters as {@code stateSize} consecutive slices of the
 * block's length (Nesterov: velocity; Adam: first then second moment), each in the order of the
 * flat parameter vector. A weight matrix's part of that vector is the matrix in its own order,
 * which is the flat layout of {@link WeightLayout}, so index k of a mask is index k of each slice.
 */
final class UpdaterState {
    private UpdaterState() {
    }

    /** Zeroes the optimizer state of the weights whose mask goes from 0 in {@code before} to 1 in {@code after}. */
    static void zeroRevived(ComputationGraph net, List<WeightLayout> layouts, List<float[]> before,
                            List<float[]> after) {
        BaseMultiLayerUpdater<?> updater = before.isEmpty() ? null : net.getUpdater();
        if (updater == null) {
            return;
        }
        for (int l = 0; l < layouts.size(); l++) {
            float[] old = before.get(l);
            float[] now = after.isEmpty() ? null : after.get(l);
            String layer = layouts.get(l).vertex();
            for (UpdaterBlock block : updater.getUpdaterBlocks()) {
                INDArray view = block.getUpdaterView();
                if (view == null) {
                    continue;
                }
                long blockLength = block.getParamOffsetEnd() - block.getParamOffsetStart();
                long slices = view.length() / blockLength;
                for (UpdaterBlock.ParamState p : block.getLayersAndVariablesInBlock()) {
                    // A graph's updater keys its blocks by vertex, named as the node.
                    if (!layer.equals(p.getLayer().getConfig().getLayerName()) || !p.getParamName().equals("W")) {
                        continue;
                    }
                    long offset = p.getParamOffsetStart() - block.getParamOffsetStart();
                    for (int k = 0; k < old.length; k++) {
                        if (old[k] == 0f && (now == null || now[k] != 0f)) {
                            for (long s = 0; s < slices; s++) {
                                view.putScalar(s * blockLength + offset + k, 0.0);
                            }
                        }
                    }
                }
            }
        }
    }
}
