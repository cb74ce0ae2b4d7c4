package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarVectors;
import dev.lanes.kernels.simd.SimdVectors;

/**
 * BLAS level-1 style vector operations and row/column reductions over {@code float[]} with offsets. Elementwise
 * operations (axpy, scale, clip) are exact float operations; float reductions are within
 * {@code gamma(n) Σ|terms|} of the exact value (any summation order), {@link #sumOfSquares} is in double.
 */
public final class Vectors {

    private Vectors() {
    }

    /**
     * {@code y += alpha x} (n elements; a multiply and an add, not fused).
     *
     * @param n number of elements, {@code >= 0}
     * @param alpha the scalar multiplier
     * @param x the vector added, n values
     * @param xOffset index of the first element of {@code x}
     * @param y the vector updated in place, n values
     * @param yOffset index of the first element of {@code y}
     * @throws IllegalArgumentException if n or an offset is negative, or an array is null or too short
     */
    public static void axpy(int n, float alpha, float[] x, int xOffset, float[] y, int yOffset) {
        Checks.nonNegative("n", n);
        Checks.vector("x", x, "xOffset", xOffset, n);
        Checks.vector("y", y, "yOffset", yOffset, n);
        if (Simd.ENABLED) {
            SimdVectors.axpy(n, alpha, x, xOffset, y, yOffset);
        } else {
            ScalarVectors.axpy(n, alpha, x, xOffset, y, yOffset);
        }
    }

    /**
     * {@code x *= alpha} (n elements).
     *
     * @param n number of elements, {@code >= 0}
     * @param alpha the scalar multiplier
     * @param x the vector scaled in place, n values
     * @param xOffset index of the first element of {@code x}
     * @throws IllegalArgumentException if n or the offset is negative, or x is null or too short
     */
    public static void scale(int n, float alpha, float[] x, int xOffset) {
        Checks.nonNegative("n", n);
        Checks.vector("x", x, "xOffset", xOffset, n);
        if (Simd.ENABLED) {
            SimdVectors.scale(n, alpha, x, xOffset);
        } else {
            ScalarVectors.scale(n, alpha, x, xOffset);
        }
    }

    /**
     * {@code Σ x_i y_i} over n elements.
     *
     * @param n number of elements, {@code >= 0}
     * @param x the first vector, n values
     * @param xOffset index of the first element of {@code x}
     * @param y the second vector, n values
     * @param yOffset index of the first element of {@code y}
     * @return the sum, rounded to float
     * @throws IllegalArgumentException if n or an offset is negative, or an array is null or too short
     */
    public static float dot(int n, float[] x, int xOffset, float[] y, int yOffset) {
        Checks.nonNegative("n", n);
        Checks.vector("x", x, "xOffset", xOffset, n);
        Checks.vector("y", y, "yOffset", yOffset, n);
        return Simd.ENABLED ? SimdVectors.dot(n, x, xOffset, y, yOffset) : ScalarVectors.dot(n, x, xOffset, y, yOffset);
    }

    /**
     * {@code Σ x_i²} over n elements, squared and summed in double: no overflow or underflow for any finite
     * floats, and a relative error below {@code n 2^-53}, so 10^7 elements keep float's digits with room.
     *
     * @param n number of elements, {@code >= 0}
     * @param x the vector, n values
     * @param xOffset index of the first element of {@code x}
     * @return the sum, in double
     * @throws IllegalArgumentException if n or the offset is negative, or x is null or too short
     */
    public static double sumOfSquares(int n, float[] x, int xOffset) {
        Checks.nonNegative("n", n);
        Checks.vector("x", x, "xOffset", xOffset, n);
        return Simd.ENABLED ? SimdVectors.sumOfSquares(n, x, xOffset) : ScalarVectors.sumOfSquares(n, x, xOffset);
    }

    /**
     * {@code x_i = min(max(x_i, min), max)}; NaN stays NaN.
     *
     * @param n number of elements, {@code >= 0}
     * @param min the lower bound, not NaN
     * @param max the upper bound, not NaN, {@code >= min}
     * @param x the vector clipped in place, n values
     * @param xOffset index of the first element of {@code x}
     * @throws IllegalArgumentException if min or max is NaN, {@code min > max}, n or the offset is negative,
     *                                  or x is null or too short
     */
    public static void clip(int n, float min, float max, float[] x, int xOffset) {
        Checks.notNaN("min", min);
        Checks.notNaN("max", max);
        if (min > max) {
            throw new IllegalArgumentException("min must be <= max, was min=" + min + ", max=" + max);
        }
        Checks.nonNegative("n", n);
        Checks.vector("x", x, "xOffset", xOffset, n);
        if (Simd.ENABLED) {
            SimdVectors.clip(n, min, max, x, xOffset);
        } else {
            ScalarVectors.clip(n, min, max, x, xOffset);
        }
    }

    /**
     * {@code out[r]} = the column index of row r's maximum: the first one on ties (-0 and +0 tie); a row
     * holding NaN gives the index of its first NaN.
     *
     * @param rows rows of the matrix, {@code >= 0}
     * @param cols columns of the matrix ({@code >= 1} when rows &gt; 0)
     * @param x the matrix, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param out receives each row's column index of its maximum, rows values
     * @param outOffset index of the first element of {@code out}
     * @throws IllegalArgumentException if rows is negative, cols below 1 (with rows &gt; 0), or an array,
     *                                  offset or stride is bad
     */
    public static void argmaxRows(int rows, int cols, float[] x, int xOffset, int ldx, int[] out, int outOffset) {
        checkRows(rows, cols, x, xOffset, ldx);
        Checks.vector("out", out, "outOffset", outOffset, rows);
        if (Simd.ENABLED) {
            SimdVectors.argmaxRows(rows, cols, x, xOffset, ldx, out, outOffset);
        } else {
            ScalarVectors.argmaxRows(rows, cols, x, xOffset, ldx, out, outOffset);
        }
    }

    /**
     * {@code out[r]} = row r's maximum ({@link Math#max} semantics: NaN if the row holds one, +0 over -0).
     *
     * @param rows rows of the matrix, {@code >= 0}
     * @param cols columns of the matrix ({@code >= 1} when rows &gt; 0)
     * @param x the matrix, rows x cols with row stride ldx
     * @param xOffset index of the first element of {@code x}
     * @param ldx leading dimension of {@code x}: the distance between the starts of two consecutive rows, at least
     *     its row length
     * @param out receives each row's maximum, rows values
     * @param outOffset index of the first element of {@code out}
     * @throws IllegalArgumentException if rows is negative, cols below 1 (with rows &gt; 0), or an array,
     *                                  offset or stride is bad
     */
    public static void maxRows(int rows, int cols, float[] x, int xOffset, int ldx, float[] out, int outOffset) {
        checkRows(rows, cols, x, xOffset, ldx);
        Checks.vector("out", out, "outOffset", outOffset, rows);
        if (Simd.ENABLED) {
            SimdVectors.maxRows(rows, cols, x, xOffset, ldx, out, outOffset);
        } else {
            ScalarVectors.maxRows(rows, cols, x, xOffset, ldx, out, outOffset);
        }
    }

    /**
     * Column sums for the bias gradient (BP3): {@code out[j] = beta * out[j] + Σ_i x_ij}; with
     * {@code beta == 0} out is output only (NaN in it does not reach the result).
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
     * @throws IllegalArgumentException on a negative size or offset, a too small stride, a null or too short
     *                                  array
     */
    public static void columnSums(int rows, int cols, float[] x, int xOffset, int ldx, float beta,
                                  float[] out, int outOffset) {
        Checks.nonNegative("rows", rows);
        Checks.nonNegative("cols", cols);
        Checks.matrix("x", x, "xOffset", xOffset, "ldx", ldx, rows, cols, "rows x cols");
        Checks.vector("out", out, "outOffset", outOffset, cols);
        if (Simd.ENABLED) {
            SimdVectors.columnSums(rows, cols, x, xOffset, ldx, beta, out, outOffset);
        } else {
            ScalarVectors.columnSums(rows, cols, x, xOffset, ldx, beta, out, outOffset);
        }
    }

    private static void checkRows(int rows, int cols, float[] x, int xOffset, int ldx) {
        Checks.nonNegative("rows", rows);
        if (rows > 0) {
            Checks.positive("cols", cols);
        }
        Checks.matrix("x", x, "xOffset", xOffset, "ldx", ldx, rows, cols, "rows x cols");
    }
}
