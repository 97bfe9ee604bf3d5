package dev.prune.dl4j;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A libnd4j custom operation and its native context, both made once and run again on every step.
 *
 * <p>Why: calling {@code a.subi(b)} or {@code a.muli(m)} builds the operation, checks its shapes and
 * makes a native context on every call, 10-40 µs whatever the array's size; run again with its
 * context, the same operation on the same arrays costs the arithmetic and a few µs. The arrays
 * are fixed when the call is made; an input that changes from step to step is set with
 * {@link #input} (one native call). Same operation, same arguments, same bits. The context is
 * freed with the call by ND4J's deallocator.
 */
final class NativeCall {
    private final CustomOp op;
    private final OpContext context;

    NativeCall(CustomOp op) {
        this.op = op;
        this.context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(op.inputArguments());
        context.setOutputArrays(op.outputArguments());
        context.setIArguments(op.iArgs());
        context.setTArguments(op.tArgs());
        context.setBArguments(op.bArgs());
        context.setDArguments(op.dArgs());
    }

    /** Replaces input {@code index} for the following runs. */
    void input(int index, INDArray array) {
        context.setInputArray(index, array);
    }

    void run() {
        Nd4j.getExecutioner().exec(op, context);
    }
}
