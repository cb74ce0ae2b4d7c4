package dev.lanes.kernels;

import dev.lanes.kernels.scalar.ScalarGemm;
import java.util.Arrays;
import java.util.Random;

/**
 * One random SGEMM problem with offsets and padded leading dimensions, run through {@link Gemm} and through
 * {@link ScalarGemm}, and compared element by element within {@link FloatBounds#gemm}.
 */
record GemmCase(boolean transA, boolean transB, int m, int n, int k, float alpha, float beta,
                int aOffset, int lda, int bOffset, int ldb, int cOffset, int ldc,
                float[] a, float[] b, float[] c) {

    static GemmCase random(Random random, boolean transA, boolean transB, int m, int n, int k,
                           float alpha, float beta, int offset, int ldPad) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = Math.max(1, aCols) + ldPad;
        int ldb = Math.max(1, bCols) + ldPad;
        int ldc = Math.max(1, n) + ldPad;
        float[] a = filled(random, offset + aRows * lda);
        float[] b = filled(random, offset + bRows * ldb);
        float[] c = filled(random, offset + m * ldc);
        return new GemmCase(transA, transB, m, n, k, alpha, beta, offset, lda, offset, ldb, offset, ldc, a, b, c);
    }

    static float[] filled(Random random, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }

    /** An SGEMM with BLAS's arguments, for {@link #run}. */
    interface Sgemm {
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
                   float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);
    }

    /** This problem through {@code gemm}, on a copy of C. */
    float[] run(Sgemm gemm) {
        float[] out = c.clone();
        gemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, out, cOffset, ldc);
        return out;
    }

    float[] runLanes() {
        float[] out = c.clone();
        Gemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, out, cOffset, ldc);
        return out;
    }

    float[] runReference() {
        float[] out = c.clone();
        ScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, out, cOffset,
                ldc);
        return out;
    }

    /** Throws an AssertionError naming the first element outside the bound, or anything written outside C. */
    void assertMatches(float[] actual, float[] expected) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOffset + i * ldc + j;
                double magnitude = Math.abs(beta == 0 ? 0 : (double) beta * c[ci]);
                if (alpha != 0) {
                    double products = 0;
                    for (int p = 0; p < k; p++) {
                        float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                        float bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                        products += Math.abs((double) aip * bpj);
                    }
                    magnitude += Math.abs(alpha) * products;
                }
                double bound = FloatBounds.gemm(k, magnitude);
                double error = Math.abs((double) actual[ci] - expected[ci]);
                boolean sameNaN = Float.isNaN(actual[ci]) && Float.isNaN(expected[ci]);
                if (!sameNaN && !(error <= bound)) {
                    throw new AssertionError(String.format(
                            "C(%d,%d) = %s, reference %s, |error| %.3g > bound %.3g in %s",
                            i, j, actual[ci], expected[ci], error, bound, this));
                }
            }
        }
        // Nothing outside the m x n window of C may change: padding, offset and tail stay as they were.
        float[] outside = actual.clone();
        float[] outsideExpected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                outside[cOffset + i * ldc + j] = 0;
                outsideExpected[cOffset + i * ldc + j] = 0;
            }
        }
        if (!Arrays.equals(outside, outsideExpected)) {
            throw new AssertionError("sgemm wrote outside C's m x n window in " + this);
        }
    }

    @Override
    public String toString() {
        return String.format("sgemm(transA=%b, transB=%b, m=%d, n=%d, k=%d, alpha=%s, beta=%s, offsets=%d, "
                + "lda=%d, ldb=%d, ldc=%d)", transA, transB, m, n, k, alpha, beta, aOffset, lda, ldb, ldc);
    }
}
