package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.SimdVectors.D;
import static dev.lanes.kernels.simd.SimdVectors.H;
import static dev.lanes.kernels.simd.SimdVectors.HALF;
import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.scalar.ScalarBatchNormalization;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The Vector API batch normalization behind {@link dev.lanes.kernels.BatchNormalization}, vectorised across the
 * columns: each lane runs one column's sums down the rows in order, in double (half-width float vectors widened
 * to full-width double vectors, two per block of {@link Species#L} columns), so every column's sum is the
 * reference's, bit for bit; the per-column scalars come from the reference's helpers and the elementwise steps
 * are its float operations. Arguments are trusted.
 */
public final class SimdBatchNormalization {

    private static final ThreadLocal<double[][]> COLUMN_SUMS = ThreadLocal.withInitial(() -> new double[2][0]);

    private SimdBatchNormalization() {
    }

    /** This thread's two per-column double buffers, at least {@code cols} long (grown on first need). */
    private static double[][] columnBuffers(int cols) {
        double[][] b = COLUMN_SUMS.get();
        if (b[0].length < cols) {
            b[0] = new double[cols];
            b[1] = new double[cols];
        }
        return b;
    }

    /** See {@link dev.lanes.kernels.BatchNormalization#trainingForward}. */
    public static void trainingForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                       float[] gamma, int gammaOffset, float[] beta, int betaOffset,
                                       float eps, float momentum,
                                       float[] runningMean, int runningMeanOffset,
                                       float[] runningVar, int runningVarOffset,
                                       float[] y, int yOffset, int ldy,
                                       float[] savedMean, int savedMeanOffset,
                                       float[] savedInvStd, int savedInvStdOffset) {
        double[][] buffers = columnBuffers(cols);
        double[] means = buffers[0];
        double[] squares = buffers[1];
        columnMeans(rows, cols, x, xOffset, ldx, means);
        columnSquares(rows, cols, x, xOffset, ldx, means, squares);
        for (int c = 0; c < cols; c++) {
            int rm = runningMeanOffset + c;
            int rv = runningVarOffset + c;
            runningMean[rm] = ScalarBatchNormalization.runningMean(runningMean[rm], means[c], momentum);
            runningVar[rv] = ScalarBatchNormalization.runningVar(runningVar[rv], squares[c], rows, momentum);
            savedMean[savedMeanOffset + c] = (float) means[c];
            savedInvStd[savedInvStdOffset + c] = ScalarBatchNormalization.invStd(squares[c] / rows, eps);
        }
        normalize(rows, cols, x, xOffset, ldx, gamma, gammaOffset, beta, betaOffset, savedMean, savedMeanOffset,
                savedInvStd, savedInvStdOffset, y, yOffset, ldy);
    }

    /** See {@link dev.lanes.kernels.BatchNormalization#inferenceForward}. */
    public static void inferenceForward(int rows, int cols, float[] x, int xOffset, int ldx,
                                        float[] gamma, int gammaOffset, float[] beta, int betaOffset, float eps,
                                        float[] runningMean, int runningMeanOffset,
                                        float[] runningVar, int runningVarOffset,
                                        float[] y, int yOffset, int ldy) {
        for (int j = 0; j < cols; j += L) {
            int width = Math.min(L, cols - j);
            float[] invStd = LaneSum.floats();
            for (int c = 0; c < width; c++) {
                invStd[c] = ScalarBatchNormalization.invStd(runningVar[runningVarOffset + j + c], eps);
            }
            VectorMask<Float> m = F.indexInRange(j, cols);
            FloatVector mean = FloatVector.fromArray(F, runningMean, runningMeanOffset + j, m);
            FloatVector scale = FloatVector.fromArray(F, gamma, gammaOffset + j, m)
                    .mul(FloatVector.fromArray(F, invStd, 0, m));
            FloatVector shift = FloatVector.fromArray(F, beta, betaOffset + j, m);
            for (int r = 0; r < rows; r++) {
                FloatVector.fromArray(F, x, xOffset + r * ldx + j, m).sub(mean).fma(scale, shift)
                        .intoArray(y, yOffset + r * ldy + j, m);
            }
        }
    }

    /** See {@link dev.lanes.kernels.BatchNormalization#backward}. */
    public static void backward(int rows, int cols, float[] x, int xOffset, int ldx,
                                float[] dy, int dyOffset, int lddy,
                                float[] gamma, int gammaOffset,
                                float[] savedMean, int savedMeanOffset, float[] savedInvStd, int savedInvStdOffset,
                                float[] dx, int dxOffset, int lddx,
                                float[] dgamma, int dgammaOffset, float[] dbeta, int dbetaOffset) {
        double[][] buffers = columnBuffers(cols);
        double[] sumDy = buffers[0];
        double[] sumDyXhat = buffers[1];
        gradientSums(rows, cols, x, xOffset, ldx, dy, dyOffset, lddy, savedMean, savedMeanOffset, savedInvStd,
                savedInvStdOffset, sumDy, sumDyXhat);
        for (int j = 0; j < cols; j += L) {
            int width = Math.min(L, cols - j);
            float[] lanes = LaneSum.floats();
            for (int c = 0; c < width; c++) {
                dbeta[dbetaOffset + j + c] = (float) sumDy[j + c];
                dgamma[dgammaOffset + j + c] = (float) sumDyXhat[j + c];
                lanes[c] = (float) (sumDy[j + c] / rows);
                lanes[L + c] = (float) (sumDyXhat[j + c] / rows);
            }
            VectorMask<Float> m = F.indexInRange(j, cols);
            FloatVector meanDy = FloatVector.fromArray(F, lanes, 0, m);
            FloatVector meanDyXhat = FloatVector.fromArray(F, lanes, L, m);
            FloatVector mean = FloatVector.fromArray(F, savedMean, savedMeanOffset + j, m);
            FloatVector invStd = FloatVector.fromArray(F, savedInvStd, savedInvStdOffset + j, m);
            FloatVector scale = FloatVector.fromArray(F, gamma, gammaOffset + j, m).mul(invStd);
            for (int r = 0; r < rows; r++) {
                FloatVector xhat = FloatVector.fromArray(F, x, xOffset + r * ldx + j, m).sub(mean).mul(invStd);
                FloatVector d = FloatVector.fromArray(F, dy, dyOffset + r * lddy + j, m);
                d.sub(xhat.fma(meanDyXhat, meanDy)).mul(scale).intoArray(dx, dxOffset + r * lddx + j, m);
            }
        }
    }

    /** {@code means[c] = (Σ_r x[r][c]) / rows}, the sum in double down the rows. */
    private static void columnMeans(int rows, int cols, float[] x, int xOffset, int ldx, double[] means) {
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> lo = HALF.indexInRange(j, cols);
            VectorMask<Float> hi = HALF.indexInRange(j + H, cols);
            DoubleVector s0 = DoubleVector.zero(D);
            DoubleVector s1 = s0;
            for (int r = 0; r < rows; r++) {
                int xi = xOffset + r * ldx + j;
                s0 = s0.add(widen(FloatVector.fromArray(HALF, x, xi, lo)));
                s1 = s1.add(widen(FloatVector.fromArray(HALF, x, xi + H, hi)));
            }
            s0.div(rows).intoArray(means, j, lo.cast(D));
            s1.div(rows).intoArray(means, j + H, hi.cast(D));
        }
    }

    /** {@code squares[c] = Σ_r (x[r][c] - means[c])²} in double, each square fused into the sum. */
    private static void columnSquares(int rows, int cols, float[] x, int xOffset, int ldx, double[] means,
                                      double[] squares) {
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> lo = HALF.indexInRange(j, cols);
            VectorMask<Float> hi = HALF.indexInRange(j + H, cols);
            DoubleVector m0 = DoubleVector.fromArray(D, means, j, lo.cast(D));
            DoubleVector m1 = DoubleVector.fromArray(D, means, j + H, hi.cast(D));
            DoubleVector q0 = DoubleVector.zero(D);
            DoubleVector q1 = q0;
            for (int r = 0; r < rows; r++) {
                int xi = xOffset + r * ldx + j;
                DoubleVector d0 = widen(FloatVector.fromArray(HALF, x, xi, lo)).sub(m0);
                DoubleVector d1 = widen(FloatVector.fromArray(HALF, x, xi + H, hi)).sub(m1);
                q0 = d0.fma(d0, q0);
                q1 = d1.fma(d1, q1);
            }
            q0.intoArray(squares, j, lo.cast(D));
            q1.intoArray(squares, j + H, hi.cast(D));
        }
    }

    /**
     * Per column Σ dy and Σ dy x̂ in double, x̂ = (x - mean) invStd computed in float as in the reference. One
     * half-width block of columns at a time: with both halves of a full block in one loop, C1 ran out of virtual
     * registers compiling it (COMPILE SKIPPED), leaving the loop interpreted until C2 took it.
     */
    private static void gradientSums(int rows, int cols, float[] x, int xOffset, int ldx,
                                     float[] dy, int dyOffset, int lddy,
                                     float[] savedMean, int savedMeanOffset, float[] savedInvStd, int savedInvStdOffset,
                                     double[] sumDy, double[] sumDyXhat) {
        for (int j = 0; j < cols; j += H) {
            VectorMask<Float> m = HALF.indexInRange(j, cols);
            FloatVector mean = FloatVector.fromArray(HALF, savedMean, savedMeanOffset + j, m);
            FloatVector inv = FloatVector.fromArray(HALF, savedInvStd, savedInvStdOffset + j, m);
            DoubleVector s = DoubleVector.zero(D);
            DoubleVector p = s;
            for (int r = 0; r < rows; r++) {
                DoubleVector d = widen(FloatVector.fromArray(HALF, dy, dyOffset + r * lddy + j, m));
                DoubleVector xhat = widen(FloatVector.fromArray(HALF, x, xOffset + r * ldx + j, m).sub(mean).mul(inv));
                s = s.add(d);
                p = d.fma(xhat, p);
            }
            s.intoArray(sumDy, j, m.cast(D));
            p.intoArray(sumDyXhat, j, m.cast(D));
        }
    }

    /** x: the species {@link SimdVectors#HALF}, widened lane for lane to {@link SimdVectors#D}; tiny, inlined. */
    private static DoubleVector widen(FloatVector x) {
        return (DoubleVector) x.convertShape(VectorOperators.F2D, D, 0);
    }

    /** y = fma(x - mean, gamma invStd, beta), per column. */
    private static void normalize(int rows, int cols, float[] x, int xOffset, int ldx, float[] gamma, int gammaOffset,
                                  float[] beta, int betaOffset, float[] mean, int meanOffset, float[] invStd,
                                  int invStdOffset, float[] y, int yOffset, int ldy) {
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            FloatVector mu = FloatVector.fromArray(F, mean, meanOffset + j, m);
            FloatVector scale = FloatVector.fromArray(F, gamma, gammaOffset + j, m)
                    .mul(FloatVector.fromArray(F, invStd, invStdOffset + j, m));
            FloatVector shift = FloatVector.fromArray(F, beta, betaOffset + j, m);
            for (int r = 0; r < rows; r++) {
                FloatVector.fromArray(F, x, xOffset + r * ldx + j, m).sub(mu).fma(scale, shift)
                        .intoArray(y, yOffset + r * ldy + j, m);
            }
        }
    }
}
