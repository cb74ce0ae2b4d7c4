package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;
import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Copies blocks of op(A) and op(B) into the order the micro-kernel reads them, so its loads are sequential
 * whatever the caller's layout and transposition. Rows or columns missing at the edge of the matrix are
 * padded with zeros, which lets edge tiles run the full-speed kernel.
 */
final class Packing {

    /** Rows of a B panel transposed together: 16 rows of NR floats stay within L1. */
    private static final int TRANSPOSE_ROWS = 16;

    private Packing() {
    }

    /**
     * Packs op(A)[i0 : i0+mc, p0 : p0+kc] as micro-panels of {@link MicroKernel#MR} rows:
     * {@code dst[panel * kc*MR + p*MR + r] = op(A)(i0 + panel*MR + r, p0 + p)}.
     */
    static void packA(boolean transA, float[] a, int aOffset, int lda, int i0, int mc, int p0, int kc,
                      float[] dst) {
        for (int ir = 0; ir < mc; ir += MR) {
            int mr = Math.min(MR, mc - ir);
            int base = (ir / MR) * kc * MR;
            if (mr < MR) {
                Arrays.fill(dst, base, base + kc * MR, 0f);
            }
            if (transA) {
                // A stored k x m: the MR elements of one p are adjacent in memory.
                for (int p = 0; p < kc; p++) {
                    int src = aOffset + (p0 + p) * lda + i0 + ir;
                    int d = base + p * MR;
                    for (int r = 0; r < mr; r++) {
                        dst[d + r] = a[src + r];
                    }
                }
            } else {
                // A stored m x k: read each row sequentially, write it with stride MR.
                for (int r = 0; r < mr; r++) {
                    int src = aOffset + (i0 + ir + r) * lda + p0;
                    int d = base + r;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * MR] = a[src + p];
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 : p0+kc, j0 : j0+nc] as micro-panels of {@link MicroKernel#NR} columns:
     * {@code dst[panel * kc*NR + p*NR + j] = op(B)(p0 + p, j0 + panel*NR + j)}.
     */
    static void packB(boolean transB, float[] b, int bOffset, int ldb, int p0, int kc, int j0, int nc,
                      float[] dst) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = (jr / NR) * kc * NR;
            if (transB) {
                if (nr < NR) {
                    Arrays.fill(dst, base, base + kc * NR, 0f);
                }
                // B stored n x k: a transpose. Going TRANSPOSE_ROWS rows of the panel at a time keeps the
                // lines being written in L1 while every column of op(B) is read sequentially.
                for (int pb = 0; pb < kc; pb += TRANSPOSE_ROWS) {
                    int rows = Math.min(TRANSPOSE_ROWS, kc - pb);
                    for (int j = 0; j < nr; j++) {
                        int src = bOffset + (j0 + jr + j) * ldb + p0 + pb;
                        int d = base + pb * NR + j;
                        for (int p = 0; p < rows; p++) {
                            dst[d + p * NR] = b[src + p];
                        }
                    }
                }
            } else {
                // B stored k x n: each row segment is a vector copy; the mask zero-fills the edge.
                for (int p = 0; p < kc; p++) {
                    int src = bOffset + (p0 + p) * ldb + j0 + jr;
                    int d = base + p * NR;
                    for (int j = 0; j < NR; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, nr);
                        FloatVector.fromArray(F, b, src + j, m).intoArray(dst, d + j);
                    }
                }
            }
        }
    }
}
