package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API vector operations behind {@link dev.lanes.kernels.Vectors}. Elementwise operations are the
 * reference's float operations (so results are identical); reductions use several accumulators to hide the
 * add latency. Arguments are trusted.
 */
public final class SimdVectors {

    /** Doubles in a vector as wide as {@link Species#F}: squares are summed in double. */
    static final VectorSpecies<Double> D = VectorSpecies.of(double.class, F.vectorShape());

    /** Floats in half a vector: as many lanes as {@link #D}, so widening them is one conversion. */
    static final VectorSpecies<Float> HALF = VectorSpecies.of(float.class,
            VectorShape.forBitSize(F.vectorBitSize() / 2));

    /** Lanes of {@link #HALF} and {@link #D}. */
    static final int H = HALF.length();

    /** Columns per block of {@link #columnSums}: four vector accumulators. */
    private static final int COLUMN_BLOCK = 4 * L;

    private SimdVectors() {
    }

    /** See {@link dev.lanes.kernels.Vectors#axpy}. */
    public static void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, xOffset + i).mul(alpha);
            FloatVector.fromArray(F, y, yOffset + i).add(v).intoArray(y, yOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(F, x, xOffset + i, m).mul(alpha);
            FloatVector.fromArray(F, y, yOffset + i, m).add(v).intoArray(y, yOffset + i, m);
        }
    }

    /** See {@link dev.lanes.kernels.Vectors#scale}. */
    public static void scale(int n, float alpha, float[] x, int xOffset) {
        SimdSoftmax.scale(n, alpha, x, xOffset);
    }

    /** See {@link dev.lanes.kernels.Vectors#dot}. */
    public static float dot(int n, float[] x, int xOffset, float[] y, int yOffset) {
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound = n - 4 * L; i <= bound; i += 4 * L) {
            int xi = xOffset + i;
            int yi = yOffset + i;
            s0 = FloatVector.fromArray(F, x, xi).fma(FloatVector.fromArray(F, y, yi), s0);
            s1 = FloatVector.fromArray(F, x, xi + L).fma(FloatVector.fromArray(F, y, yi + L), s1);
            s2 = FloatVector.fromArray(F, x, xi + 2 * L).fma(FloatVector.fromArray(F, y, yi + 2 * L), s2);
            s3 = FloatVector.fromArray(F, x, xi + 3 * L).fma(FloatVector.fromArray(F, y, yi + 3 * L), s3);
        }
        for (; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            s0 = FloatVector.fromArray(F, x, xOffset + i, m).fma(FloatVector.fromArray(F, y, yOffset + i, m), s0);
        }
        float[] lanes = LaneSum.floats();
        s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
        return LaneSum.of(lanes, 0);
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#sumOfSquares}: half-width float vectors widened to full-width double
     * vectors (one lane-preserving conversion, cheaper than splitting a full float vector), squared exactly
     * and summed with four accumulators.
     */
    public static double sumOfSquares(int n, float[] x, int xOffset) {
        DoubleVector s0 = DoubleVector.zero(D), s1 = s0, s2 = s0, s3 = s0;
        int i = 0;
        for (int bound = n - 4 * H; i <= bound; i += 4 * H) {
            int xi = xOffset + i;
            DoubleVector a = (DoubleVector) FloatVector.fromArray(HALF, x, xi).convertShape(VectorOperators.F2D, D, 0);
            DoubleVector b = (DoubleVector) FloatVector.fromArray(HALF, x, xi + H)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector c = (DoubleVector) FloatVector.fromArray(HALF, x, xi + 2 * H)
                    .convertShape(VectorOperators.F2D, D, 0);
            DoubleVector d = (DoubleVector) FloatVector.fromArray(HALF, x, xi + 3 * H)
                    .convertShape(VectorOperators.F2D, D, 0);
            s0 = a.fma(a, s0);
            s1 = b.fma(b, s1);
            s2 = c.fma(c, s2);
            s3 = d.fma(d, s3);
        }
        for (; i < n; i += H) {
            VectorMask<Float> m = HALF.indexInRange(i, n);
            DoubleVector a = (DoubleVector) FloatVector.fromArray(HALF, x, xOffset + i, m)
                    .convertShape(VectorOperators.F2D, D, 0);
            s0 = a.fma(a, s0);
        }
        double[] lanes = LaneSum.doubles();
        s0.add(s1).add(s2.add(s3)).intoArray(lanes, 0);
        return LaneSum.of(lanes, D.length());
    }

    /** See {@link dev.lanes.kernels.Vectors#clip}. */
    public static void clip(int n, float min, float max, float[] x, int xOffset) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(F, x, xOffset + i).max(min).min(max).intoArray(x, xOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, x, xOffset + i, m).max(min).min(max).intoArray(x, xOffset + i, m);
        }
    }

    /** See {@link dev.lanes.kernels.Vectors#argmaxRows}: the row max, then the first lane equal to it. */
    public static void argmaxRows(int rows, int cols, float[] x, int xOffset, int ldx, int[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * ldx;
            float max = SimdSoftmax.rowMax(cols, x, xi);
            boolean nan = Float.isNaN(max);
            int found = 0;
            for (int j = 0; j < cols; j += L) {
                VectorMask<Float> m = F.indexInRange(j, cols);
                FloatVector v = FloatVector.fromArray(F, x, xi + j, m);
                VectorMask<Float> hit = nan ? v.test(VectorOperators.IS_NAN).and(m) : v.compare(VectorOperators.EQ, max, m);
                if (hit.anyTrue()) {
                    found = j + hit.firstTrue();
                    break;
                }
            }
            out[outOffset + r] = found;
        }
    }

    /** See {@link dev.lanes.kernels.Vectors#maxRows}. */
    public static void maxRows(int rows, int cols, float[] x, int xOffset, int ldx, float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            out[outOffset + r] = SimdSoftmax.rowMax(cols, x, xOffset + r * ldx);
        }
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#columnSums}: blocks of four vectors of columns summed down all rows
     * in registers, so each element of x is read once and each of out once.
     */
    public static void columnSums(int rows, int cols, float[] x, int xOffset, int ldx, float beta,
                                  float[] out, int outOffset) {
        FloatVector vb = FloatVector.broadcast(F, beta);
        int j = 0;
        for (; j + COLUMN_BLOCK <= cols; j += COLUMN_BLOCK) {
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            for (int r = 0; r < rows; r++) {
                int xi = xOffset + r * ldx + j;
                s0 = s0.add(FloatVector.fromArray(F, x, xi));
                s1 = s1.add(FloatVector.fromArray(F, x, xi + L));
                s2 = s2.add(FloatVector.fromArray(F, x, xi + 2 * L));
                s3 = s3.add(FloatVector.fromArray(F, x, xi + 3 * L));
            }
            int o = outOffset + j;
            if (beta != 0f) {
                s0 = FloatVector.fromArray(F, out, o).fma(vb, s0);
                s1 = FloatVector.fromArray(F, out, o + L).fma(vb, s1);
                s2 = FloatVector.fromArray(F, out, o + 2 * L).fma(vb, s2);
                s3 = FloatVector.fromArray(F, out, o + 3 * L).fma(vb, s3);
            }
            s0.intoArray(out, o);
            s1.intoArray(out, o + L);
            s2.intoArray(out, o + 2 * L);
            s3.intoArray(out, o + 3 * L);
        }
        for (; j < cols; j += L) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            FloatVector s = FloatVector.zero(F);
            for (int r = 0; r < rows; r++) {
                s = s.add(FloatVector.fromArray(F, x, xOffset + r * ldx + j, m));
            }
            int o = outOffset + j;
            if (beta != 0f) {
                s = FloatVector.fromArray(F, out, o, m).fma(vb, s);
            }
            s.intoArray(out, o, m);
        }
    }
}
