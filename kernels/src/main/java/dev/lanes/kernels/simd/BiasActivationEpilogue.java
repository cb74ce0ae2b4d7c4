package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The dense layer's forward epilogue, {@code C = f(C + bias)} with one bias per column of C, run on each
 * finished tile while it is in L1. Identity, ReLU and leaky ReLU are applied in the same pass as the bias (a
 * bias vector is loaded once per tile column and reused down the rows), as one branch-free formula whose kind
 * is chosen by lane masks: ReLU sets v &lt;= 0 (-0 and -∞ included) to +0, leaky ReLU multiplies it by the
 * slope, NaN passes (the operations of {@code ActivationVectors}' relu and leakyRelu). Choosing between those
 * helpers per vector instead left a rarely taken call that C2 declined to inline ("low call site frequency") in a
 * JVM that had run several activations: the vectors merging after it were boxed on every path, 10 KB per
 * training step of a small MLP. The exp-based activations run after the bias pass, row by row through
 * {@link SimdActivations#forward}, whose loops C2 compiles on their own (a tile loop holding one of them for all
 * rows would be more vector code than C2 inlines).
 */
public final class BiasActivationEpilogue implements Epilogue {

    private static final ThreadLocal<BiasActivationEpilogue> PER_THREAD =
            ThreadLocal.withInitial(BiasActivationEpilogue::new);

    private float[] bias;
    private int biasOffset;
    private Activation f;
    private Activation.Kind kind;
    private boolean relu;
    private boolean leakyRelu;
    private float slope;

    private BiasActivationEpilogue() {
    }

    /**
     * This thread's epilogue, set up for one GEMM call (reused, so a fused GEMM allocates nothing); the caller
     * {@link #release releases} it when the call returns.
     *
     * @param bias       one value per column of the whole C, or null for none
     * @param biasOffset index of column 0's bias
     * @param f          an elementwise activation
     */
    public static BiasActivationEpilogue of(float[] bias, int biasOffset, Activation f) {
        BiasActivationEpilogue e = PER_THREAD.get();
        e.bias = bias;
        e.biasOffset = biasOffset;
        e.f = f;
        e.kind = f.kind();
        e.relu = e.kind == Activation.Kind.RELU;
        e.leakyRelu = e.kind == Activation.Kind.LEAKY_RELU;
        e.slope = f.slope();
        return e;
    }

    /** Drops the references to the caller's arrays. */
    public void release() {
        bias = null;
        f = null;
    }

    @Override
    public void finish(float[] c, int cIndex, int ldc, int row, int col, int rows, int cols) {
        boolean piecewiseLinear = kind == Activation.Kind.IDENTITY || kind == Activation.Kind.RELU
                || kind == Activation.Kind.LEAKY_RELU;
        if (bias != null || relu || leakyRelu) {
            addBias(c, cIndex, ldc, col, rows, cols, piecewiseLinear);
        }
        if (!piecewiseLinear) {
            for (int r = 0; r < rows; r++) {
                SimdActivations.forward(f, cols, c, cIndex + r * ldc, c, cIndex + r * ldc);
            }
        }
    }

    /**
     * C += bias (if any), and with {@code activate} the piecewise-linear f in the same pass. One method with and
     * without a bias, so that a rarely used combination does not leave a loop of its own below C2.
     */
    private void addBias(float[] c, int cIndex, int ldc, int col, int rows, int cols, boolean activate) {
        VectorMask<Float> reluLanes = F.maskAll(activate && relu);
        VectorMask<Float> leakyLanes = F.maskAll(activate && leakyRelu);
        FloatVector slopes = FloatVector.broadcast(F, slope);
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            // Without a bias, add -0: x + -0 is x for every x, -0 included.
            FloatVector b = bias == null ? FloatVector.broadcast(F, -0f)
                    : FloatVector.fromArray(F, bias, biasOffset + col + j, m);
            for (int r = 0; r < rows; r++) {
                int ci = cIndex + r * ldc + j;
                FloatVector v = FloatVector.fromArray(F, c, ci, m).add(b);
                VectorMask<Float> low = v.compare(VectorOperators.LE, 0f);
                v.blend(v.mul(slopes), low.and(leakyLanes)).blend(0f, low.and(reluLanes)).intoArray(c, ci, m);
            }
        }
    }
}
