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
 *
 * <p>Where the packed order runs along the stored rows (A transposed, B not) packing is a vector copy. Where it
 * runs across them, A not transposed is copied element by element, row by row, and B transposed (the dense
 * layer's X·Wᵀ) is gathered, NR rows per packed row. Transposing L x L squares in registers instead (rounds of
 * lane shuffles and blends) was measured slower than either on AMD Zen 5 (70 µs against 55 for the 256 x 784
 * Wᵀ) and, written as one method, too large for C1. Packing must be cheap next to the multiply: at the MLP
 * shapes (k = 784, n = 256) it is a fifth of the product's time.
 */
final class Packing {

    private Packing() {
    }

    /**
     * Fills {@code index[0..L)} with the gather map {@code 0, stride, 2·stride, …} for the first {@code valid}
     * lanes and 0 for the rest: the JDK range-checks every lane of a gather, masked or not, so lanes past the
     * edge of the matrix must still point inside the array.
     */
    static void strideIndex(int[] index, int valid, int stride) {
        for (int i = 0; i < L; i++) {
            index[i] = i < valid ? i * stride : 0;
        }
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
                // A stored k x m: the MR elements of one p are adjacent.
                int src = aOffset + p0 * lda + i0 + ir;
                for (int r = 0; r < mr; r += L) {
                    VectorMask<Float> m = F.indexInRange(r, mr);
                    for (int p = 0; p < kc; p++) {
                        FloatVector.fromArray(F, a, src + p * lda + r, m).intoArray(dst, base + p * MR + r, m);
                    }
                }
            } else {
                // A stored m x k: each row read along k and written down its lane of the panel. Element copies
                // here took 0.19 ns per element against 0.33 for gathers across the MR rows (AMD Zen 5, the
                // 128 x 784 A of the MLP's first layer): a gather range-checks every lane and touches MR rows.
                int src = aOffset + (i0 + ir) * lda + p0;
                for (int r = 0; r < mr; r++) {
                    int row = src + r * lda;
                    int d = base + r;
                    for (int p = 0; p < kc; p++) {
                        dst[d + p * MR] = a[row + p];
                    }
                }
            }
        }
    }

    /**
     * Packs op(B)[p0 : p0+kc, j0 : j0+nc] as micro-panels of {@link MicroKernel#NR} columns:
     * {@code dst[dstOffset + panel * kc*NR + p*NR + j] = op(B)(p0 + p, j0 + panel*NR + j)}. {@code index} is scratch of
     * at least L ints.
     */
    static void packB(boolean transB, float[] b, int bOffset, int ldb, int p0, int kc, int j0, int nc,
                      float[] dst, int dstOffset, int[] index) {
        for (int jr = 0; jr < nc; jr += NR) {
            int nr = Math.min(NR, nc - jr);
            int base = dstOffset + (jr / NR) * kc * NR;
            if (transB) {
                if (nr < NR) {
                    Arrays.fill(dst, base, base + kc * NR, 0f);
                }
                for (int j = 0; j < nr; j += L) {
                    // B stored n x k: gather one element from each of the NR rows. Masked lanes load nothing
                    // and store zeros: the padding of an edge panel.
                    VectorMask<Float> m = F.indexInRange(j, nr);
                    strideIndex(index, nr - j, ldb);
                    int src = bOffset + (j0 + jr + j) * ldb + p0;
                    for (int p = 0; p < kc; p++) {
                        FloatVector.fromArray(F, b, src + p, index, 0, m).intoArray(dst, base + p * NR + j);
                    }
                }
            } else if (nr == NR) {
                // B stored k x n: each packed row is NR / L vector copies.
                int src = bOffset + p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++) {
                    for (int j = 0; j < NR; j += L) {
                        FloatVector.fromArray(F, b, src + p * ldb + j).intoArray(dst, base + p * NR + j);
                    }
                }
            } else {
                // The edge panel: masked lanes load nothing and store the zero padding.
                int src = bOffset + p0 * ldb + j0 + jr;
                for (int p = 0; p < kc; p++) {
                    for (int j = 0; j < NR; j += L) {
                        FloatVector.fromArray(F, b, src + p * ldb + j, F.indexInRange(j, nr))
                                .intoArray(dst, base + p * NR + j);
                    }
                }
            }
        }
    }
}
