package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarGemm;
import dev.lanes.kernels.simd.BiasActivationEpilogue;
import dev.lanes.kernels.simd.DerivativeEpilogue;
import dev.lanes.kernels.simd.SimdGemm;

/**
 * Single-precision general matrix multiply, BLAS semantics on row-major storage:
 * {@code C = alpha * op(A) * op(B) + beta * C}, where {@code op(X)} is {@code X} or {@code Xᵀ}.
 *
 * <p>{@code op(A)} is {@code m x k}, {@code op(B)} is {@code k x n}, {@code C} is {@code m x n}. Each matrix
 * is given as an array, the offset of its first element and its leading dimension {@code ld}: the distance
 * between the starts of two consecutive rows <em>of the matrix as stored</em> (so a transposed {@code A} is
 * stored {@code k x m} and needs {@code lda >= m}).
 *
 * <p>As in BLAS: when {@code beta == 0}, C is output only and whatever it held (NaN included) does not reach
 * the result; when {@code alpha == 0} or {@code k == 0}, A and B are not read and {@code C = beta * C}; when
 * {@code m == 0} or {@code n == 0} nothing happens.
 *
 * <p><b>Aliasing.</b> C must not share any element with A or B (nor with the bias or saved matrix of the fused
 * forms): C is written tile by tile while they are still being read, so an overlap gives wrong results that,
 * multi-threaded, depend on timing. A and B may overlap each other (both are only read), and C may share an
 * array with them as long as no element is common (e.g. side-by-side blocks of one buffer). Overlap within
 * the same array is detected exactly and rejected with an {@link IllegalArgumentException}; views of one
 * memory through different arrays cannot exist in Java, so no overlap goes undetected.
 *
 * <p>The SIMD implementation is GotoBLAS/BLIS-style: A and B are packed into reused per-thread panels, cache
 * blocked, and multiplied by one register-tiled micro-kernel; small problems skip the packing. Large problems
 * are split across {@link Kernels#threads()} threads. Calls from several threads at once are safe.
 *
 * <p>Two fused forms serve a dense layer: {@link #sgemm(boolean, boolean, int, int, int, float, float[], int,
 * int, float[], int, int, float, float[], int, int, float[], int, Activation) sgemm with bias and activation}
 * (forward) and {@link #sgemmTimesDerivative sgemmTimesDerivative} (BP2). Their extra work runs on each
 * finished tile of C while it is in L1, so C still makes one trip through memory.
 */
public final class Gemm {

    private Gemm() {
    }

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C}.
     *
     * @param transA  whether A is stored transposed ({@code k x m})
     * @param transB  whether B is stored transposed ({@code n x k})
     * @param m       rows of op(A) and C
     * @param n       columns of op(B) and C
     * @param k       columns of op(A), rows of op(B)
     * @param alpha   scale of the product
     * @param a       A's storage
     * @param aOffset index of A's first element
     * @param lda     row stride of A as stored, at least its stored row length ({@code transA ? m : k})
     * @param b       B's storage
     * @param bOffset index of B's first element
     * @param ldb     row stride of B as stored, at least {@code transB ? k : n}
     * @param beta    scale of C's previous contents; 0 means C is output only
     * @param c       C's storage
     * @param cOffset index of C's first element
     * @param ldc     row stride of C, at least {@code n}
     * @throws IllegalArgumentException on a negative size or offset, a too small {@code ld}, a null array, an
     *                                  array too short for its offset, stride and shape, or C overlapping A or B
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc) {
        checkGemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (Simd.ENABLED) {
            SimdGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc, null);
        } else {
            ScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc);
        }
    }

    /**
     * Dense forward: {@code C = f(alpha * op(A) * op(B) + beta * C + bias)}, bias one value per column of C
     * (or null), f elementwise. The bias add and f run on each finished tile of C while it is in L1. Same
     * semantics for the product as {@link #sgemm(boolean, boolean, int, int, int, float, float[], int, int,
     * float[], int, int, float, float[], int, int) sgemm}; with {@code k == 0} or {@code alpha == 0},
     * {@code C = f(beta * C + bias)}.
     *
     * @param transA     whether A is stored transposed ({@code k x m})
     * @param transB     whether B is stored transposed ({@code n x k})
     * @param m          rows of op(A) and C
     * @param n          columns of op(B) and C
     * @param k          columns of op(A), rows of op(B)
     * @param alpha      scale of the product
     * @param a          A's storage
     * @param aOffset    index of A's first element
     * @param lda        row stride of A as stored
     * @param b          B's storage
     * @param bOffset    index of B's first element
     * @param ldb        row stride of B as stored
     * @param beta       scale of C's previous contents; 0 means C is output only
     * @param c          C's storage
     * @param cOffset    index of C's first element
     * @param ldc        row stride of C, at least {@code n}
     * @param bias       n values, one per column of C, or null for none
     * @param biasOffset index of column 0's bias
     * @param f          the activation; must be elementwise (not softmax)
     * @throws IllegalArgumentException as {@code sgemm}, and if f is null or softmax, or bias is too short or
     *                                  overlaps C
     */
    public static void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                             float beta, float[] c, int cOffset, int ldc,
                             float[] bias, int biasOffset, Activation f) {
        checkGemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        Checks.elementwise(f);
        if (bias != null) {
            Checks.vector("bias", bias, "biasOffset", biasOffset, n);
            Checks.disjointFromC("bias", "the bias", bias, "biasOffset", biasOffset, null, Math.max(1, n), 1, n,
                    c, cOffset, ldc, m, n);
        }
        if (Simd.ENABLED) {
            if (bias == null && f.kind() == Activation.Kind.IDENTITY) {
                SimdGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                        beta, c, cOffset, ldc, null);
                return;
            }
            BiasActivationEpilogue epilogue = BiasActivationEpilogue.of(bias, biasOffset, f);
            try {
                SimdGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                        beta, c, cOffset, ldc, epilogue);
            } finally {
                epilogue.release();
            }
        } else {
            ScalarGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc, bias, biasOffset, f);
        }
    }

    /**
     * BP2, a hidden layer's delta in one pass: {@code C = (alpha * op(A) * op(B) + beta * C) ⊙ f'(saved)},
     * where saved is m x n, holding y = f(z) when {@link Activation#derivativeFromOutput()} and z otherwise
     * (the derivatives are those of {@link Activations#multiplyByDerivative}).
     *
     * @param transA      whether A is stored transposed ({@code k x m})
     * @param transB      whether B is stored transposed ({@code n x k})
     * @param m           rows of op(A) and C
     * @param n           columns of op(B) and C
     * @param k           columns of op(A), rows of op(B)
     * @param alpha       scale of the product
     * @param a           A's storage
     * @param aOffset     index of A's first element
     * @param lda         row stride of A as stored
     * @param b           B's storage
     * @param bOffset     index of B's first element
     * @param ldb         row stride of B as stored
     * @param beta        scale of C's previous contents; 0 means C is output only
     * @param c           C's storage
     * @param cOffset     index of C's first element
     * @param ldc         row stride of C, at least {@code n}
     * @param f           the activation; must be elementwise (not softmax)
     * @param saved       the layer's saved y or z, m x n
     * @param savedOffset index of saved's first element
     * @param ldSaved     row stride of saved, at least n
     * @throws IllegalArgumentException as {@code sgemm}, and if f is null or softmax, or saved is null, too
     *                                  short, its stride too small or it overlaps C
     */
    public static void sgemmTimesDerivative(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                            float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                            float beta, float[] c, int cOffset, int ldc,
                                            Activation f, float[] saved, int savedOffset, int ldSaved) {
        checkGemm(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        Checks.elementwise(f);
        Checks.matrix("saved", saved, "savedOffset", savedOffset, "ldSaved", ldSaved, m, n, "saved is m x n");
        Checks.disjointFromC("saved", "saved", saved, "savedOffset", savedOffset, "ldSaved", ldSaved, m, n,
                c, cOffset, ldc, m, n);
        if (Simd.ENABLED) {
            if (f.kind() == Activation.Kind.IDENTITY) {
                SimdGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                        beta, c, cOffset, ldc, null);
                return;
            }
            DerivativeEpilogue epilogue = DerivativeEpilogue.of(f, saved, savedOffset, ldSaved);
            try {
                SimdGemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                        beta, c, cOffset, ldc, epilogue);
            } finally {
                epilogue.release();
            }
        } else {
            ScalarGemm.sgemmTimesDerivative(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset, ldc, f, saved, savedOffset, ldSaved);
        }
    }

    static void checkGemm(boolean transA, boolean transB, int m, int n, int k,
                          float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                          float[] c, int cOffset, int ldc) {
        Checks.nonNegative("m", m);
        Checks.nonNegative("n", n);
        Checks.nonNegative("k", k);
        if (transA) {
            Checks.matrix("a", a, "aOffset", aOffset, "lda", lda, k, m, "transposed A is k x m");
        } else {
            Checks.matrix("a", a, "aOffset", aOffset, "lda", lda, m, k, "A is m x k");
        }
        if (transB) {
            Checks.matrix("b", b, "bOffset", bOffset, "ldb", ldb, n, k, "transposed B is n x k");
        } else {
            Checks.matrix("b", b, "bOffset", bOffset, "ldb", ldb, k, n, "B is k x n");
        }
        Checks.matrix("c", c, "cOffset", cOffset, "ldc", ldc, m, n, "C is m x n");
        Checks.disjointFromC("a", transA ? "transposed A" : "A", a, "aOffset", aOffset, "lda", lda,
                transA ? k : m, transA ? m : k, c, cOffset, ldc, m, n);
        Checks.disjointFromC("b", transB ? "transposed B" : "B", b, "bOffset", bOffset, "ldb", ldb,
                transB ? n : k, transB ? k : n, c, cOffset, ldc, m, n);
    }
}
