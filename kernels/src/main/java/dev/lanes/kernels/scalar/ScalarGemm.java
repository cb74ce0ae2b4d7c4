package dev.lanes.kernels.scalar;

/**
 * The reference SGEMM: {@code C = alpha * op(A) * op(B) + beta * C}, row-major, with plain loops.
 * Same signature and semantics as {@link dev.lanes.kernels.Gemm#sgemm}; no argument checks.
 */
public final class ScalarGemm {

    private ScalarGemm() {
    }

    /** See {@link dev.lanes.kernels.Gemm#sgemm}. */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int ci = cOffset + i * ldc + j;
                // BLAS: beta == 0 makes C output only (NaN in it is ignored); alpha == 0 leaves A and B unread.
                float scaledC = beta == 0f ? 0f : beta * c[ci];
                if (alpha == 0f || k == 0) {
                    c[ci] = scaledC;
                    continue;
                }
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    float bpj = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += aip * bpj;
                }
                c[ci] = beta == 0f ? alpha * sum : alpha * sum + scaledC;
            }
        }
    }
}
