package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The dense layer's forward epilogue, {@code C = f(C + bias)} with one bias per column of C, run on each
 * finished tile while it is in L1. A bias vector is loaded once per tile column and reused down the rows.
 */
public final class BiasActivationEpilogue implements Epilogue {

    private final float[] bias;
    private final int biasOffset;
    private final Activation.Kind kind;
    private final float slope;

    /**
     * @param bias       one value per column of the whole C, or null for none
     * @param biasOffset index of column 0's bias
     * @param f          an elementwise activation
     */
    public BiasActivationEpilogue(float[] bias, int biasOffset, Activation f) {
        this.bias = bias;
        this.biasOffset = biasOffset;
        this.kind = f.kind();
        this.slope = f.slope();
    }

    @Override
    public void finish(float[] c, int cIndex, int ldc, int row, int col, int rows, int cols) {
        if (bias == null) {
            activate(c, cIndex, ldc, rows, cols);
        } else {
            addBiasAndActivate(c, cIndex, ldc, col, rows, cols);
        }
    }

    private void addBiasAndActivate(float[] c, int cIndex, int ldc, int col, int rows, int cols) {
        int j = 0;
        for (; j + L <= cols; j += L) {
            FloatVector b = FloatVector.fromArray(F, bias, biasOffset + col + j);
            for (int r = 0; r < rows; r++) {
                int ci = cIndex + r * ldc + j;
                FloatVector v = FloatVector.fromArray(F, c, ci).add(b);
                ActivationVectors.apply(kind, slope, v).intoArray(c, ci);
            }
        }
        if (j < cols) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            FloatVector b = FloatVector.fromArray(F, bias, biasOffset + col + j, m);
            for (int r = 0; r < rows; r++) {
                int ci = cIndex + r * ldc + j;
                FloatVector v = FloatVector.fromArray(F, c, ci, m).add(b);
                ActivationVectors.apply(kind, slope, v).intoArray(c, ci, m);
            }
        }
    }

    private void activate(float[] c, int cIndex, int ldc, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int ci = cIndex + r * ldc;
            int j = 0;
            for (; j + L <= cols; j += L) {
                ActivationVectors.apply(kind, slope, FloatVector.fromArray(F, c, ci + j)).intoArray(c, ci + j);
            }
            if (j < cols) {
                VectorMask<Float> m = F.indexInRange(j, cols);
                ActivationVectors.apply(kind, slope, FloatVector.fromArray(F, c, ci + j, m)).intoArray(c, ci + j, m);
            }
        }
    }
}
