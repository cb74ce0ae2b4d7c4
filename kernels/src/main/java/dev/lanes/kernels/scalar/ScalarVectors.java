package dev.lanes.kernels.scalar;

/**
 * The reference vector operations: same signatures and semantics as {@link dev.lanes.kernels.Vectors}, no
 * argument checks. Elementwise operations are the same float operations as the SIMD kernels; reductions
 * accumulate in double.
 */
public final class ScalarVectors {

    private ScalarVectors() {
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#axpy}.
     *
     * @param n number of elements, {@code >= 0}
     * @param alpha the scalar multiplier
     * @param x the vector added, n values
     * @param xOffset index of the first element of {@code x}
     * @param y the vector updated in place, n values
     * @param yOffset index of the first element of {@code y}
     */
    public static void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#scale}.
     *
     * @param n number of elements, {@code >= 0}
     * @param alpha the scalar multiplier
     * @param x the vector scaled in place, n values
     * @param xOffset index of the first element of {@code x}
     */
    public static void scale(int n, float alpha, float[] x, int xOffset) {
        for (int i = 0; i < n; i++) {
            x[xOffset + i] *= alpha;
        }
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#dot}.
     *
     * @param n number of elements, {@code >= 0}
     * @param x the first vector, n values
     * @param xOffset index of the first element of {@code x}
     * @param y the second vector, n values
     * @param yOffset index of the first element of {@code y}
     * @return the sum, rounded to float
     */
    public static float dot(int n, float[] x, int xOffset, float[] y, int yOffset) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) x[xOffset + i] * y[yOffset + i];
        }
        return (float) sum;
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#sumOfSquares}.
     *
     * @param n number of elements, {@code >= 0}
     * @param x the vector, n values
     * @param xOffset index of the first element of {@code x}
     * @return the sum, in double
     */
    public static double sumOfSquares(int n, float[] x, int xOffset) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double v = x[xOffset + i];
            sum += v * v;
        }
        return sum;
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#clip}.
     *
     * @param n number of elements, {@code >= 0}
     * @param min the lower bound, not NaN
     * @param max the upper bound, not NaN, {@code >= min}
     * @param x the vector clipped in place, n values
     * @param xOffset index of the first element of {@code x}
     */
    public static void clip(int n, float min, float max, float[] x, int xOffset) {
        for (int i = 0; i < n; i++) {
            x[xOffset + i] = Math.min(Math.max(x[xOffset + i], min), max);
        }
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#argmaxRows}.
     *
     * @param rows rows of the matrix, {@code >= 0}
     * @param cols columns of the matrix ({@code >= 1} when rows &gt; 0)
     * @param x the matrix, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param out receives each row's column index of its maximum, rows values
     * @param outOffset index of the first element of {@code out}
     */
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

    /**
     * See {@link dev.lanes.kernels.Vectors#maxRows}.
     *
     * @param rows rows of the matrix, {@code >= 0}
     * @param cols columns of the matrix ({@code >= 1} when rows &gt; 0)
     * @param x the matrix, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param out receives each row's maximum, rows values
     * @param outOffset index of the first element of {@code out}
     */
    public static void maxRows(int rows, int cols, float[] x, int xOffset, int ldx, float[] out, int outOffset) {
        for (int r = 0; r < rows; r++) {
            out[outOffset + r] = ScalarSoftmax.rowMax(cols, x, xOffset + r * ldx);
        }
    }

    /**
     * See {@link dev.lanes.kernels.Vectors#columnSums}.
     *
     * @param rows rows of the matrix, {@code >= 0}
     * @param cols columns of the matrix ({@code >= 1} when rows &gt; 0)
     * @param x the matrix, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param beta the multiplier of out's previous values (0: out is written, not read)
     * @param out the column sums, cols values, updated as the formula says
     * @param outOffset index of the first element of {@code out}
     */
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
