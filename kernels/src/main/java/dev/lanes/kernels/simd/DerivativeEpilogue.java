package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The backward epilogue of BP2, {@code C = C ⊙ f'(saved)}, run on each finished tile while it is in L1;
 * {@code saved} is an m x n matrix aligned with C (y or z, as {@link Activation#derivativeFromOutput()}). The
 * derivatives that are a few float operations of y (ReLU, leaky ReLU, sigmoid, tanh) run in one tile pass;
 * the exp-based ones (softplus, GELU, SiLU) row by row through {@link SimdActivations#multiplyByDerivative}.
 */
public final class DerivativeEpilogue implements Epilogue {

    private static final ThreadLocal<DerivativeEpilogue> PER_THREAD = ThreadLocal.withInitial(DerivativeEpilogue::new);

    private Activation f;
    private Activation.Kind kind;
    private boolean piecewiseLinear;
    private boolean sigmoid;
    private float slope;
    private float[] saved;
    private int savedOffset;
    private int ldSaved;

    private DerivativeEpilogue() {
    }

    /**
     * This thread's epilogue, set up for one GEMM call (reused, so a fused GEMM allocates nothing); the caller
     * {@link #release releases} it when the call returns.
     *
     * @param f           an elementwise activation
     * @param saved       the layer's saved values, element (i, j) at {@code savedOffset + i * ldSaved + j}
     * @param savedOffset index of saved's first element
     * @param ldSaved     row stride of saved
     */
    public static DerivativeEpilogue of(Activation f, float[] saved, int savedOffset, int ldSaved) {
        DerivativeEpilogue e = PER_THREAD.get();
        e.f = f;
        e.kind = f.kind();
        e.piecewiseLinear = e.kind == Activation.Kind.RELU || e.kind == Activation.Kind.LEAKY_RELU;
        e.sigmoid = e.kind == Activation.Kind.SIGMOID;
        e.slope = e.kind == Activation.Kind.LEAKY_RELU ? f.slope() : 0f;
        e.saved = saved;
        e.savedOffset = savedOffset;
        e.ldSaved = ldSaved;
        return e;
    }

    /** Drops the references to the caller's arrays. */
    public void release() {
        f = null;
        saved = null;
    }

    @Override
    public void finish(float[] c, int cIndex, int ldc, int row, int col, int rows, int cols) {
        int savedIndex = savedOffset + row * ldSaved + col;
        switch (kind) {
            case RELU, LEAKY_RELU, SIGMOID, TANH -> multiplyTile(c, cIndex, ldc, savedIndex, rows, cols);
            case IDENTITY -> {
            }
            default -> {
                for (int r = 0; r < rows; r++) {
                    SimdActivations.multiplyByDerivative(f, cols, saved, savedIndex + r * ldSaved, c, cIndex + r * ldc);
                }
            }
        }
    }

    /**
     * C ⊙= f'(saved) for ReLU, leaky ReLU, sigmoid and tanh, f' written out (the operations of
     * {@link ActivationVectors}' reluDerivative, sigmoidDerivative and tanhDerivative) rather than called: the
     * masked loads and stores of this loop come close to C2's node-count cutoff, past which it refuses to inline
     * even a tiny helper and boxes the vector passed to it (seen by bench/jit-check.sh).
     */
    private void multiplyTile(float[] c, int cIndex, int ldc, int savedIndex, int rows, int cols) {
        FloatVector low = FloatVector.broadcast(F, slope);
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            for (int r = 0; r < rows; r++) {
                int ci = cIndex + r * ldc + j;
                FloatVector s = FloatVector.fromArray(F, saved, savedIndex + r * ldSaved + j, m);
                FloatVector d;
                if (piecewiseLinear) {
                    d = low.blend(1f, s.compare(VectorOperators.GT, 0f));
                } else if (sigmoid) {
                    d = s.mul(s.neg().add(1f));
                } else {
                    d = s.mul(s).neg().add(1f);
                }
                FloatVector.fromArray(F, c, ci, m).mul(d).intoArray(c, ci, m);
            }
        }
    }
}
