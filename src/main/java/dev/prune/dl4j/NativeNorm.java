package dev.prune.dl4j;

import java.lang.reflect.Field;
import java.util.Collections;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastSubOp;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch norm's training pass through libnd4j's native {@code batchnorm} and {@code batchnorm_bp}
 * ops, attached to DL4J's own layer as its helper.
 *
 * <p>DL4J 1.0.0-M2.1 enables its oneDNN batch norm helper only after the lookup that fails on this
 * release (see {@link NativeConv}), so its layer runs a Java path of a dozen or more native calls
 * per pass, and the slowest of them is ND4J's variance over batch and positions: a Welford update
 * per element, about a third of the layer's time on ResNet-20, computed twice per step (forward, and again in the
 * backward pass for the running statistics). Here the forward pass takes the batch mean as DL4J
 * does, the variance as the mean square of the centred input (two fast passes, summed in float,
 * within about 2e-5 relative of ND4J's variance), and normalises in one native call; the backward
 * pass is one native call that computes the input's, γ's and β's gradients.
 *
 * <p>The layer object stays DL4J's, and so does everything around the helper: the running mean
 * and variance (or log10 standard deviation) are updated by DL4J's own code from the batch
 * statistics kept here, with DL4J's decay, so saved models stay plain DL4J files. Evaluation mode,
 * other data types and layouts, and fixed γ and β return null, which sends the layer down its own
 * Java path.
 */
final class NativeNorm implements BatchNormalizationHelper {
    /** DL4J's layer keeps its helper in a package-private field, filled only by the failing lookup. */
    private static final Field HELPER = helperField();

    private INDArray mean;
    private INDArray variance;
    private INDArray meanGradient;
    private INDArray varianceGradient;
    /** Whether the last forward pass was this helper's: its backward pass needs the batch statistics. */
    private boolean active;
    private OpContext forward;
    private OpContext backward;

    private NativeNorm() {
    }

    /** Attaches a helper to every batch norm of a graph. Only on the CPU backend, where DL4J's layer has none. */
    static void install(ComputationGraph net) {
        if (!Backend.cpu()) {
            return;
        }
        for (Layer layer : net.getLayers()) {
            if (layer.getClass() == BatchNormalization.class) {
                attach((BatchNormalization) layer);
            }
        }
    }

    static void attach(BatchNormalization layer) {
        try {
            HELPER.set(layer, new NativeNorm());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot attach the batch norm helper", e);
        }
    }

    /** Sends every batch norm of a graph back to DL4J's Java path (the reference the tests compare with). */
    static void detach(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            if (attached(layer)) {
                try {
                    HELPER.set(layer, null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot detach the batch norm helper", e);
                }
            }
        }
    }

    /** Whether a layer computes its training pass here (for the tests). */
    static boolean attached(Layer layer) {
        try {
            return layer instanceof BatchNormalization && HELPER.get(layer) instanceof NativeNorm;
        } catch (IllegalAccessException e) {
            return false;
        }
    }

    private static Field helperField() {
        try {
            Field f = BatchNormalization.class.getDeclaredField("helper");
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("DL4J's batch norm layer has no helper field", e);
        }
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    /**
     * The training forward pass. DL4J hands a dense layer's input over as [batch, channels, 1, 1];
     * evaluation mode returns null, so inference keeps DL4J's bits.
     */
    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
                              INDArray globalMean, INDArray globalVar, double decay, double eps, CNN2DFormat format,
                              LayerWorkspaceMgr workspaceMgr) {
        active = false;
        if (!training || x.dataType() != DataType.FLOAT || x.rank() != 4 || format != CNN2DFormat.NCHW
                || gamma == null || beta == null || !Shape.hasDefaultStridesForShape(x)) {
            return null;
        }
        long channels = x.size(1);
        statistics(channels);
        x.mean(mean, 0, 2, 3);
        INDArray centred = workspaceMgr.createUninitialized(ArrayType.FF_WORKING_MEM, DataType.FLOAT, x.shape(), 'c');
        Nd4j.getExecutioner().exec(new BroadcastSubOp(x, mean, centred, 1));
        Nd4j.getExecutioner().exec(new SquaredNorm(centred, variance, 0, 2, 3));
        variance.divi(x.length() / channels);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        if (forward == null) {
            forward = Nd4j.getExecutioner().buildContext();
        }
        forward.purge();
        forward.setInputArrays(x, mean, variance, vector(gamma), vector(beta));
        forward.setOutputArrays(out);
        forward.setIArguments(1, 1, 1);
        forward.setTArguments(eps);
        Nd4j.exec(DynamicCustomOp.builder("batchnorm").build(), forward);
        active = true;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
                                                     INDArray beta, INDArray dGammaView, INDArray dBetaView,
                                                     double eps, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (!active || input.rank() != 4 || input.size(1) != mean.length()) {
            return null;
        }
        active = false;
        INDArray x = Shape.hasDefaultStridesForShape(input) ? input : input.dup('c');
        INDArray e = Shape.hasDefaultStridesForShape(epsilon) ? epsilon : epsilon.dup('c');
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        if (backward == null) {
            backward = Nd4j.getExecutioner().buildContext();
        }
        backward.purge();
        backward.setInputArrays(x, mean, variance, vector(gamma), vector(beta), e);
        backward.setOutputArrays(dx, meanGradient, varianceGradient, vector(dGammaView), vector(dBetaView));
        backward.setIArguments(1, 1, 1);
        backward.setTArguments(eps);
        Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp").build(), backward);
        Gradient g = new DefaultGradient();
        g.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        g.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(g, dx);
    }

    /** A [1, C] parameter or gradient as the rank-1 view the ops read and write. */
    private static INDArray vector(INDArray a) {
        return a.rank() == 1 ? a : a.reshape(a.length());
    }

    /** The batch statistics live outside every workspace: DL4J reads them after the pass that made them. */
    private void statistics(long channels) {
        if (mean != null && mean.length() == channels) {
            return;
        }
        try (MemoryWorkspace ws = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            mean = Nd4j.createUninitialized(DataType.FLOAT, channels);
            variance = Nd4j.createUninitialized(DataType.FLOAT, channels);
            meanGradient = Nd4j.createUninitialized(DataType.FLOAT, channels);
            varianceGradient = Nd4j.createUninitialized(DataType.FLOAT, channels);
        }
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return mean;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return variance;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }
}
