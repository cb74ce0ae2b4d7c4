package dev.lanes.kernels.scalar;

import dev.lanes.kernels.Activation;

/**
 * The reference SGEMM: {@code C = alpha * op(A) * op(B) + beta * C}, row-major, with plain loops.
 * Same signature and semantics as {@link dev.lanes.kernels.Gemm#sgemm}; no argument checks.
 */
public final class ScalarGemm {

    private ScalarGemm() {
    }

    /**
     * See {@link dev.lanes.kernels.Gemm#sgemm}.
     *
     * @param transA whether A is stored transposed ({@code k x m})
     * @param transB whether B is stored transposed ({@code n x k})
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha scale of the product
     * @param a A's storage
     * @param aOffset index of A's first element
     * @param lda row stride of A as stored, at least its stored row length ({@code transA ? m : k})
     * @param b B's storage
     * @param bOffset index of B's first element
     * @param ldb row stride of B as stored, at least {@code transB ? k : n}
     * @param beta scale of C's previous contents; 0 means C is output only
     * @param c C's storage
     * @param cOffset index of C's first element
     * @param ldc row stride of C, at least {@code n}
     */
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

    /**
     * {@code C = f(alpha * op(A) * op(B) + beta * C + bias)}: {@link #sgemm(boolean, boolean, int, int, int,
     * float, float[], int, int, float[], int, int, float, float[], int, int) sgemm}, then per row the bias add
     * (one float addition) and {@link ScalarActivations#forward}. See {@link dev.lanes.kernels.Gemm}.
     *
     * @param transA whether A is stored transposed ({@code k x m})
     * @param transB whether B is stored transposed ({@code n x k})
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha scale of the product
     * @param a A's storage
     * @param aOffset index of A's first element
     * @param lda row stride of A as stored
     * @param b B's storage
     * @param bOffset index of B's first element
     * @param ldb row stride of B as stored
     * @param beta scale of C's previous contents; 0 means C is output only
     * @param c C's storage
     * @param cOffset index of C's first element
     * @param ldc row stride of C, at least {@code n}
     * @param bias n values, one per column of C, or null for none
     * @param biasOffset index of column 0's bias
     * @param f the activation; must be elementwise (not softmax)
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc,
                             float[] bias, int biasOffset, Activation f) {
        sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (bias != null) {
                for (int j = 0; j < n; j++) {
                    c[row + j] += bias[biasOffset + j];
                }
            }
            ScalarActivations.forward(f, n, c, row, c, row);
        }
    }

    /**
     * {@code C = (alpha * op(A) * op(B) + beta * C) ⊙ f'(saved)}: sgemm, then per row
     * {@link ScalarActivations#multiplyByDerivative}. See {@link dev.lanes.kernels.Gemm}.
     *
     * @param transA whether A is stored transposed ({@code k x m})
     * @param transB whether B is stored transposed ({@code n x k})
     * @param m rows of op(A) and C
     * @param n columns of op(B) and C
     * @param k columns of op(A), rows of op(B)
     * @param alpha scale of the product
     * @param a A's storage
     * @param aOffset index of A's first element
     * @param lda row stride of A as stored
     * @param b B's storage
     * @param bOffset index of B's first element
     * @param ldb row stride of B as stored
     * @param beta scale of C's previous contents; 0 means C is output only
     * @param c C's storage
     * @param cOffset index of C's first element
     * @param ldc row stride of C, at least {@code n}
     * @param f the activation; must be elementwise (not softmax)
     * @param saved the layer's saved y or z, m x n
     * @param savedOffset index of saved's first element
     * @param ldSaved row stride of saved, at least n
     */
    public static void sgemmTimesDerivative(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                            float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                            float beta, float[] c, int cOffset, int ldc,
                                            Activation f, float[] saved, int savedOffset, int ldSaved) {
        sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        for (int i = 0; i < m; i++) {
            ScalarActivations.multiplyByDerivative(f, n, saved, savedOffset + i * ldSaved, c, cOffset + i * ldc);
        }
    }
}
