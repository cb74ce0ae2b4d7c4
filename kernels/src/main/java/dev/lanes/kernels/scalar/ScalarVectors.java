package dev.lanes.kernels.scalar;

/**
 * The reference vector operations: same signatures and semantics as {@link dev.lanes.kernels.Vectors}, no
 * argument checks. Elementwise operations are the same float operations as the SIMD kernels; reductions
 * accumulate in double.
 */
public final class ScalarVectors {

    private ScalarVectors() {
    }

    /** See {@link dev.lanes.kernels.Vectors#axpy}. */
    public static void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    /** See {@link dev.lanes.kernels.Vectors#scale}. */
    public static void scale(int n, float alpha, float[] x, int xOffset) {
        for (int i = 0; i < n; i++) {
            x[xOffset + i] *= alpha;
        }
    }

    /** See {@link dev.lanes.kernels.Vectors#dot}. */
    public static float dot(int n, float[] x, int xOffset, float[] y, int yOffset) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) x[xOffset + i] * y[yOffset + i];
        }
        return (float) sum;
    }

    /** See {@link dev.lanes.kernels.Vectors#sumOfSquares}. */
    public static double sumOfSquares(int n, float[] x, int xOffset) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = x[xOffset + i];
            sum += v * v;
        }
        return sum;
    }

    /** See {@link dev.lanes.kernels.Vectors#clip}. */
    public static void clip(int n, float min, float max, float[] x, int xOffset) {
        for (int i = 0; i < n; i++) {
            x[xOffset + i] = Math.min(Math.max(x[xOffset + i], min), max);
        }
    }

    /** See {@link dev.lanes.kernels.Vectors#argmaxRows}. */
    public static void argmaxRows(int rows, int cols, float[] x, int xOffset, int ldx, int[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            int xi = xOffset + r * ldx;
            int best = 0;
            for (int j = 0; j < cols; j++) {
                float v = x[xi + j];
                if (Float.isNaN(v)) {
                    best = j;
                    break;
                }
                if (v > x[xi + best]) {
                    best = j;
                }
            }
            out[outOffset + r] = best;
        }
    }

    /** See {@link dev.lanes.kernels.Vectors#maxRows}. */
    public static void maxRows(int rows, int cols, float[] x, int xOffset, int ldx, float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            out[outOffset + r] = ScalarSoftmax.rowMax(cols, x, xOffset + r * ldx);
        }
    }

    /** See {@link dev.lanes.kernels.Vectors#columnSums}. */
    public static void columnSums(int rows, int cols, float[] x, int xOffset, int ldx, float beta,
                                  float[] out, int outOffset) {
        for (int j = 0; j < cols; j++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += x[xOffset + r * ldx + j];
            }
            int o = outOffset + j;
            out[o] = beta == 0f ? (float) sum : (float) (beta * (double) out[o] + sum);
        }
    }
}
