package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The Vector API softmax behind {@link dev.lanes.kernels.Softmax}: per row, the max (exact in any order), then
 * e^(x - max) into y with a vector sum, then one scaling pass. Arguments are trusted.
 */
public final class SimdSoftmax {

    private SimdSoftmax() {
    }

    /** See {@link dev.lanes.kernels.Softmax#forward}. */
    public static void forward(int rows, int cols, float[] x, int xOffset, int ldx, float[] y, int yOffset, int ldy) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * ldx;
            int yi = yOffset + r * ldy;
            float max = rowMax(cols, x, xi);
            float sum = expMinusMaxAndSum(cols, x, xi, max, y, yi);
            scale(cols, 1f / sum, y, yi);
        }
    }

    /** See {@link dev.lanes.kernels.Softmax#logForward}. */
    public static void logForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                  float[] y, int yOffset, int ldy) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * ldx;
            int yi = yOffset + r * ldy;
            float max = rowMax(cols, x, xi);
            float logSum = (float) Math.log(sumExpMinusMax(cols, x, xi, max));
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector.fromArray(F, x, xi + j).sub(max).sub(logSum).intoArray(y, yi + j);
            }
            if (j < cols) {
                VectorMask<Float> m = F.indexInRange(j, cols);
                FloatVector.fromArray(F, x, xi + j, m).sub(max).sub(logSum).intoArray(y, yi + j, m);
            }
        }
    }

    /** See {@link dev.lanes.kernels.Softmax#backward}. */
    public static void backward(int rows, int cols, float[] y, int yOffset, int ldy, float[] dy, int dyOffset,
                                int lddy, float[] dz, int dzOffset, int lddz) {
        for (int r = 0; r < rows; r++) {
            int yi = yOffset + r * ldy;
            int dyi = dyOffset + r * lddy;
            int dzi = dzOffset + r * lddz;
            FloatVector acc = FloatVector.zero(F);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                acc = FloatVector.fromArray(F, dy, dyi + j).fma(FloatVector.fromArray(F, y, yi + j), acc);
            }
            if (j < cols) {
                VectorMask<Float> m = F.indexInRange(j, cols);
                acc = FloatVector.fromArray(F, dy, dyi + j, m).fma(FloatVector.fromArray(F, y, yi + j, m), acc);
            }
            float[] lanes = LaneSum.floats();
            acc.intoArray(lanes, 0);
            float dot = LaneSum.of(lanes, 0);
            j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector v = FloatVector.fromArray(F, y, yi + j);
                v.mul(FloatVector.fromArray(F, dy, dyi + j).sub(dot)).intoArray(dz, dzi + j);
            }
            if (j < cols) {
                VectorMask<Float> m = F.indexInRange(j, cols);
                FloatVector v = FloatVector.fromArray(F, y, yi + j, m);
                v.mul(FloatVector.fromArray(F, dy, dyi + j, m).sub(dot)).intoArray(dz, dzi + j, m);
            }
        }
    }

    /** The row's maximum, NaN if it holds a NaN (MAX propagates NaN like {@link Math#max}). */
    static float rowMax(int cols, float[] x, int xi) {
        FloatVector acc = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (int bound = F.loopBound(cols); j < bound; j += L) {
            acc = acc.max(FloatVector.fromArray(F, x, xi + j));
        }
        if (j < cols) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            acc = acc.lanewise(VectorOperators.MAX, FloatVector.fromArray(F, x, xi + j, m), m);
        }
        return acc.reduceLanes(VectorOperators.MAX);
    }

    /** Writes e^(x_j - max) to y and returns their sum. */
    static float expMinusMaxAndSum(int cols, float[] x, int xi, float max, float[] y, int yi) {
        // One masked loop, so that exp has a single hot call site (see SimdActivations).
        FloatVector sum = FloatVector.zero(F);
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            FloatVector e = VectorMath.exp(FloatVector.fromArray(F, x, xi + j, m).sub(max));
            e.intoArray(y, yi + j, m);
            sum = sum.add(e, m);
        }
        float[] lanes = LaneSum.floats();
        sum.intoArray(lanes, 0);
        return LaneSum.of(lanes, 0);
    }

    private static float sumExpMinusMax(int cols, float[] x, int xi, float max) {
        FloatVector sum = FloatVector.zero(F);
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            sum = sum.add(VectorMath.exp(FloatVector.fromArray(F, x, xi + j, m).sub(max)), m);
        }
        float[] lanes = LaneSum.floats();
        sum.intoArray(lanes, 0);
        return LaneSum.of(lanes, 0);
    }

    static void scale(int n, float alpha, float[] y, int yi) {
        int j = 0;
        for (int bound = F.loopBound(n); j < bound; j += L) {
            FloatVector.fromArray(F, y, yi + j).mul(alpha).intoArray(y, yi + j);
        }
        if (j < n) {
            VectorMask<Float> m = F.indexInRange(j, n);
            FloatVector.fromArray(F, y, yi + j, m).mul(alpha).intoArray(y, yi + j, m);
        }
    }
}
