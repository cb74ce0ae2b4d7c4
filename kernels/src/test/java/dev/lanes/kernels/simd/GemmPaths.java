package dev.lanes.kernels.simd;

/**
 * Test access to the two tiled GEMM paths that {@link SimdGemm} chooses between by size, so that properties can
 * run each over shapes the choice would send to the other. Both compute
 * {@code C = alpha * op(A) * op(B) + beta * C} (k &gt; 0) in two parts, as two threads would: C's columns or rows
 * cut at a tile boundary.
 */
public final class GemmPaths {

    private GemmPaths() {
    }

    /**
     * The unpacked (sup) path.
     *
     * @param splitColumns cut C's columns (else its rows) into two parts at a tile boundary
     */
    public static void unpacked(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                float beta, float[] c, int cOffset, int ldc, boolean splitColumns) {
        run(true, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                splitColumns);
    }

    /**
     * The packed path.
     *
     * @param splitColumns cut C's columns (else its rows) into two parts at a tile boundary
     */
    public static void packed(boolean transA, boolean transB, int m, int n, int k, float alpha,
                              float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                              float beta, float[] c, int cOffset, int ldc, boolean splitColumns) {
        run(false, transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                splitColumns);
    }

    private static void run(boolean unpacked, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                            float beta, float[] c, int cOffset, int ldc, boolean splitColumns) {
        int colCut = splitColumns ? Math.min(n, (n / MicroKernel.NR + 1) / 2 * MicroKernel.NR) : n;
        int rowCut = splitColumns ? m : Math.min(m, (m / MicroKernel.MR + 1) / 2 * MicroKernel.MR);
        for (int part = 0; part < 2; part++) {
            int rowFrom = part == 0 || splitColumns ? 0 : rowCut;
            int rowTo = part == 1 || splitColumns ? m : rowCut;
            int colFrom = part == 0 || !splitColumns ? 0 : colCut;
            int colTo = part == 1 || !splitColumns ? n : colCut;
            if (rowFrom == rowTo || colFrom == colTo) {
                continue;
            }
            if (unpacked) {
                SupGemm.multiply(transA, transB, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                        rowFrom, rowTo, colFrom, colTo, null);
            } else {
                GemmDriver.multiply(transA, transB, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                        ldc, rowFrom, rowTo, colFrom, colTo, null);
            }
        }
    }
}
