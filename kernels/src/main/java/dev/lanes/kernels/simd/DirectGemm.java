package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;

/**
 * GEMM without packing, for shapes where copying the operands would cost more than the multiply: a few rows
 * (batch-1 inference is a GEMV) or a tiny volume. Two forms, chosen by B's layout:
 * <ul>
 *   <li>B rows contiguous ({@code !transB}): C row += A(i, p) x B row p, vectors along n;</li>
 *   <li>B transposed, A not: C(i, j) = dot(A row i, B row j), vectors along k.</li>
 * </ul>
 * Both read op(A)(i, p) wherever it lies, so {@code transA} needs no copy in the first form.
 */
final class DirectGemm {

    private DirectGemm() {
    }

    /** Whether the direct path handles this layout (not both operands transposed). */
    static boolean supports(boolean transA, boolean transB) {
        return !(transA && transB);
    }

    static void multiply(boolean transA, boolean transB, int m, int n, int k, float alpha,
                         float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc) {
        if (transB) {
            for (int i = 0; i < m; i++) {
                dotRow(n, k, alpha, a, aOffset + i * lda, b, bOffset, ldb, beta, c, cOffset + i * ldc);
            }
        } else {
            int rowStride = transA ? 1 : lda;
            int colStride = transA ? lda : 1;
            for (int i = 0; i < m; i++) {
                axpyRow(n, k, alpha, a, aOffset + i * rowStride, colStride, b, bOffset, ldb,
                        beta, c, cOffset + i * ldc);
            }
        }
    }

    /** C row = alpha * sum_p A(i, p) * B row p + beta * C row; A(i, p) = a[aRow + p*aStep]. */
    private static void axpyRow(int n, int k, float alpha, float[] a, int aRow, int aStep,
                                float[] b, int bOffset, int ldb, float beta, float[] c, int cRow) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(F, a[aRow + p * aStep]);
                int bi = bOffset + p * ldb + j;
                s0 = FloatVector.fromArray(F, b, bi).fma(x, s0);
                s1 = FloatVector.fromArray(F, b, bi + L).fma(x, s1);
                s2 = FloatVector.fromArray(F, b, bi + 2 * L).fma(x, s2);
                s3 = FloatVector.fromArray(F, b, bi + 3 * L).fma(x, s3);
            }
            store(s0, alpha, beta, c, cRow + j);
            store(s1, alpha, beta, c, cRow + j + L);
            store(s2, alpha, beta, c, cRow + j + 2 * L);
            store(s3, alpha, beta, c, cRow + j + 3 * L);
        }
        for (; j < n; j += L) {
            VectorMask<Float> m = F.indexInRange(j, n);
            FloatVector s = FloatVector.zero(F);
            for (int p = 0; p < k; p++) {
                FloatVector x = FloatVector.broadcast(F, a[aRow + p * aStep]);
                s = FloatVector.fromArray(F, b, bOffset + p * ldb + j, m).fma(x, s);
            }
            storeMasked(s, alpha, beta, c, cRow + j, m);
        }
    }

    /**
     * C(i, j) = alpha * dot(A row i, B row j) + beta * C(i, j) for all j, four rows of B at a time. Kept apart
     * from {@link #dot4} and {@link #dot1}: as one method, the three loops made C1 give up at tier 3 ("out of
     * virtual registers in linear scan"), leaving the Vector API code in tier 2 with boxed vectors for good.
     */
    private static void dotRow(int n, int k, float alpha, float[] a, int aRow,
                               float[] b, int bOffset, int ldb, float beta, float[] c, int cRow) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            dot4(k, alpha, a, aRow, b, bOffset + j * ldb, ldb, beta, c, cRow + j);
        }
        for (; j < n; j++) {
            dot1(k, alpha, a, aRow, b, bOffset + j * ldb, beta, c, cRow + j);
        }
    }

    /**
     * C(i, j..j+3) from the four rows of B starting at {@code bRow}; the lanes of each dot product are added in
     * {@link LaneSum}'s fixed order.
     */
    private static void dot4(int k, float alpha, float[] a, int aRow, float[] b, int bRow, int ldb,
                             float beta, float[] c, int ci) {
        int b0 = bRow;
        int b1 = b0 + ldb;
        int b2 = b1 + ldb;
        int b3 = b2 + ldb;
        int kv = F.loopBound(k);
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        int p = 0;
        for (; p < kv; p += L) {
            FloatVector x = FloatVector.fromArray(F, a, aRow + p);
            s0 = FloatVector.fromArray(F, b, b0 + p).fma(x, s0);
            s1 = FloatVector.fromArray(F, b, b1 + p).fma(x, s1);
            s2 = FloatVector.fromArray(F, b, b2 + p).fma(x, s2);
            s3 = FloatVector.fromArray(F, b, b3 + p).fma(x, s3);
        }
        if (p < k) {
            VectorMask<Float> m = F.indexInRange(p, k);
            FloatVector x = FloatVector.fromArray(F, a, aRow + p, m);
            s0 = FloatVector.fromArray(F, b, b0 + p, m).fma(x, s0);
            s1 = FloatVector.fromArray(F, b, b1 + p, m).fma(x, s1);
            s2 = FloatVector.fromArray(F, b, b2 + p, m).fma(x, s2);
            s3 = FloatVector.fromArray(F, b, b3 + p, m).fma(x, s3);
        }
        // LaneSum's fixed order, in registers: the four sums fold together.
        for (VectorShuffle<Float> fold : LaneSum.FOLDS) {
            s0 = s0.add(s0.rearrange(fold));
            s1 = s1.add(s1.rearrange(fold));
            s2 = s2.add(s2.rearrange(fold));
            s3 = s3.add(s3.rearrange(fold));
        }
        storeScalar(s0.lane(0), alpha, beta, c, ci);
        storeScalar(s1.lane(0), alpha, beta, c, ci + 1);
        storeScalar(s2.lane(0), alpha, beta, c, ci + 2);
        storeScalar(s3.lane(0), alpha, beta, c, ci + 3);
    }

    /** C(i, j) from the row of B starting at {@code bRow}, summed as in {@link #dot4}. */
    private static void dot1(int k, float alpha, float[] a, int aRow, float[] b, int bRow,
                             float beta, float[] c, int ci) {
        int kv = F.loopBound(k);
        FloatVector s = FloatVector.zero(F);
        int p = 0;
        for (; p < kv; p += L) {
            s = FloatVector.fromArray(F, b, bRow + p).fma(FloatVector.fromArray(F, a, aRow + p), s);
        }
        if (p < k) {
            VectorMask<Float> m = F.indexInRange(p, k);
            s = FloatVector.fromArray(F, b, bRow + p, m).fma(FloatVector.fromArray(F, a, aRow + p, m), s);
        }
        for (VectorShuffle<Float> fold : LaneSum.FOLDS) {
            s = s.add(s.rearrange(fold));
        }
        storeScalar(s.lane(0), alpha, beta, c, ci);
    }

    private static void store(FloatVector sum, float alpha, float beta, float[] c, int ci) {
        FloatVector v = sum.mul(alpha);
        if (beta != 0f) {
            v = FloatVector.fromArray(F, c, ci).fma(FloatVector.broadcast(F, beta), v);
        }
        v.intoArray(c, ci);
    }

    private static void storeMasked(FloatVector sum, float alpha, float beta, float[] c, int ci,
                                    VectorMask<Float> m) {
        FloatVector v = sum.mul(alpha);
        if (beta != 0f) {
            v = FloatVector.fromArray(F, c, ci, m).fma(FloatVector.broadcast(F, beta), v);
        }
        v.intoArray(c, ci, m);
    }

    private static void storeScalar(float sum, float alpha, float beta, float[] c, int ci) {
        c[ci] = beta == 0f ? alpha * sum : Math.fma(beta, c[ci], alpha * sum);
    }
}
