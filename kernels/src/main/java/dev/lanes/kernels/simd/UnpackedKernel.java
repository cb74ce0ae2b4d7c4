package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;
import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The register tile of {@link MicroKernel} (MR x NR, the same accumulators and order of operations) reading its
 * operands where the caller keeps them instead of from packed panels, for {@link SupGemm}: A(r, p) at
 * {@code a[aRow + r*rowStep + p*colStep]} (A stored m x k: rowStep = lda, colStep = 1; stored k x m, that is
 * transposed: rowStep = 1, colStep = lda) and B(p, j) at {@code b[bRow + p*ldb + j]} (B stored k x n, or a
 * packed NR-column panel with {@code ldb = NR}).
 *
 * <p>Edges are handled here rather than by zero padding: rows past {@code mr} read row {@code mr - 1} again (their
 * results are not written), columns past {@code nr} are masked off the B loads. A remainder of at most
 * {@value #SHORT_ROWS} rows runs a {@value #SHORT_ROWS}-row tile, so that n = 64 (five full tiles and four rows)
 * does not spend a full tile's FMAs on four rows.
 */
final class UnpackedKernel {

    /** Rows of the short tile used for a remainder of at most this many rows. */
    static final int SHORT_ROWS = 4;

    private UnpackedKernel() {
    }

    /**
     * Stores the product of the {@code mr x kc} block of A at {@code aRow} and the {@code kc x nr} block of B at
     * {@code bRow} into {@code tile} (MR x NR, row stride NR); rows and columns of the tile past mr and nr are
     * unspecified.
     */
    static void multiply(int kc, float[] a, int aRow, int rowStep, int colStep, int mr, float[] b, int bRow,
                         int ldb, int nr, float[] tile) {
        VectorMask<Float> m0 = F.indexInRange(0, nr);
        VectorMask<Float> m1 = F.indexInRange(L, nr);
        boolean fullWidth = nr == NR;
        if (mr <= SHORT_ROWS) {
            tile4x2(kc, a, aRow, rowStep, colStep, mr, b, bRow, ldb, fullWidth, m0, m1, tile);
        } else if (MR == 12) {
            tile12x2(kc, a, aRow, rowStep, colStep, mr, b, bRow, ldb, fullWidth, m0, m1, tile);
        } else {
            tile6x2(kc, a, aRow, rowStep, colStep, mr, b, bRow, ldb, fullWidth, m0, m1, tile);
        }
    }

    private static void tile12x2(int kc, float[] a, int aRow, int rowStep, int colStep, int mr, float[] b, int bRow,
                                 int ldb, boolean fullWidth, VectorMask<Float> m0, VectorMask<Float> m1,
                                 float[] tile) {
        int last = mr - 1;
        int a0 = aRow;
        int a1 = aRow + Math.min(1, last) * rowStep;
        int a2 = aRow + Math.min(2, last) * rowStep;
        int a3 = aRow + Math.min(3, last) * rowStep;
        int a4 = aRow + Math.min(4, last) * rowStep;
        int a5 = aRow + Math.min(5, last) * rowStep;
        int a6 = aRow + Math.min(6, last) * rowStep;
        int a7 = aRow + Math.min(7, last) * rowStep;
        int a8 = aRow + Math.min(8, last) * rowStep;
        int a9 = aRow + Math.min(9, last) * rowStep;
        int a10 = aRow + Math.min(10, last) * rowStep;
        int a11 = aRow + Math.min(11, last) * rowStep;
        FloatVector c000 = FloatVector.zero(F), c001 = c000;
        FloatVector c010 = c000, c011 = c000;
        FloatVector c020 = c000, c021 = c000;
        FloatVector c030 = c000, c031 = c000;
        FloatVector c040 = c000, c041 = c000;
        FloatVector c050 = c000, c051 = c000;
        FloatVector c060 = c000, c061 = c000;
        FloatVector c070 = c000, c071 = c000;
        FloatVector c080 = c000, c081 = c000;
        FloatVector c090 = c000, c091 = c000;
        FloatVector c100 = c000, c101 = c000;
        FloatVector c110 = c000, c111 = c000;
        for (int p = 0; p < kc; p++) {
            int bi = bRow + p * ldb;
            int ap = p * colStep;
            FloatVector b0 = fullWidth ? FloatVector.fromArray(F, b, bi) : FloatVector.fromArray(F, b, bi, m0);
            FloatVector b1 = fullWidth ? FloatVector.fromArray(F, b, bi + L)
                    : FloatVector.fromArray(F, b, bi + L, m1);
            FloatVector x = FloatVector.broadcast(F, a[a0 + ap]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[a1 + ap]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[a2 + ap]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[a3 + ap]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
            x = FloatVector.broadcast(F, a[a4 + ap]);
            c040 = b0.fma(x, c040);
            c041 = b1.fma(x, c041);
            x = FloatVector.broadcast(F, a[a5 + ap]);
            c050 = b0.fma(x, c050);
            c051 = b1.fma(x, c051);
            x = FloatVector.broadcast(F, a[a6 + ap]);
            c060 = b0.fma(x, c060);
            c061 = b1.fma(x, c061);
            x = FloatVector.broadcast(F, a[a7 + ap]);
            c070 = b0.fma(x, c070);
            c071 = b1.fma(x, c071);
            x = FloatVector.broadcast(F, a[a8 + ap]);
            c080 = b0.fma(x, c080);
            c081 = b1.fma(x, c081);
            x = FloatVector.broadcast(F, a[a9 + ap]);
            c090 = b0.fma(x, c090);
            c091 = b1.fma(x, c091);
            x = FloatVector.broadcast(F, a[a10 + ap]);
            c100 = b0.fma(x, c100);
            c101 = b1.fma(x, c101);
            x = FloatVector.broadcast(F, a[a11 + ap]);
            c110 = b0.fma(x, c110);
            c111 = b1.fma(x, c111);
        }
        c000.intoArray(tile, 0);
        c001.intoArray(tile, L);
        c010.intoArray(tile, NR);
        c011.intoArray(tile, NR + L);
        c020.intoArray(tile, 2 * NR);
        c021.intoArray(tile, 2 * NR + L);
        c030.intoArray(tile, 3 * NR);
        c031.intoArray(tile, 3 * NR + L);
        c040.intoArray(tile, 4 * NR);
        c041.intoArray(tile, 4 * NR + L);
        c050.intoArray(tile, 5 * NR);
        c051.intoArray(tile, 5 * NR + L);
        c060.intoArray(tile, 6 * NR);
        c061.intoArray(tile, 6 * NR + L);
        c070.intoArray(tile, 7 * NR);
        c071.intoArray(tile, 7 * NR + L);
        c080.intoArray(tile, 8 * NR);
        c081.intoArray(tile, 8 * NR + L);
        c090.intoArray(tile, 9 * NR);
        c091.intoArray(tile, 9 * NR + L);
        c100.intoArray(tile, 10 * NR);
        c101.intoArray(tile, 10 * NR + L);
        c110.intoArray(tile, 11 * NR);
        c111.intoArray(tile, 11 * NR + L);
    }

    private static void tile6x2(int kc, float[] a, int aRow, int rowStep, int colStep, int mr, float[] b, int bRow,
                                 int ldb, boolean fullWidth, VectorMask<Float> m0, VectorMask<Float> m1,
                                 float[] tile) {
        int last = mr - 1;
        int a0 = aRow;
        int a1 = aRow + Math.min(1, last) * rowStep;
        int a2 = aRow + Math.min(2, last) * rowStep;
        int a3 = aRow + Math.min(3, last) * rowStep;
        int a4 = aRow + Math.min(4, last) * rowStep;
        int a5 = aRow + Math.min(5, last) * rowStep;
        FloatVector c000 = FloatVector.zero(F), c001 = c000;
        FloatVector c010 = c000, c011 = c000;
        FloatVector c020 = c000, c021 = c000;
        FloatVector c030 = c000, c031 = c000;
        FloatVector c040 = c000, c041 = c000;
        FloatVector c050 = c000, c051 = c000;
        for (int p = 0; p < kc; p++) {
            int bi = bRow + p * ldb;
            int ap = p * colStep;
            FloatVector b0 = fullWidth ? FloatVector.fromArray(F, b, bi) : FloatVector.fromArray(F, b, bi, m0);
            FloatVector b1 = fullWidth ? FloatVector.fromArray(F, b, bi + L)
                    : FloatVector.fromArray(F, b, bi + L, m1);
            FloatVector x = FloatVector.broadcast(F, a[a0 + ap]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[a1 + ap]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[a2 + ap]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[a3 + ap]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
            x = FloatVector.broadcast(F, a[a4 + ap]);
            c040 = b0.fma(x, c040);
            c041 = b1.fma(x, c041);
            x = FloatVector.broadcast(F, a[a5 + ap]);
            c050 = b0.fma(x, c050);
            c051 = b1.fma(x, c051);
        }
        c000.intoArray(tile, 0);
        c001.intoArray(tile, L);
        c010.intoArray(tile, NR);
        c011.intoArray(tile, NR + L);
        c020.intoArray(tile, 2 * NR);
        c021.intoArray(tile, 2 * NR + L);
        c030.intoArray(tile, 3 * NR);
        c031.intoArray(tile, 3 * NR + L);
        c040.intoArray(tile, 4 * NR);
        c041.intoArray(tile, 4 * NR + L);
        c050.intoArray(tile, 5 * NR);
        c051.intoArray(tile, 5 * NR + L);
    }

    private static void tile4x2(int kc, float[] a, int aRow, int rowStep, int colStep, int mr, float[] b, int bRow,
                                 int ldb, boolean fullWidth, VectorMask<Float> m0, VectorMask<Float> m1,
                                 float[] tile) {
        int last = mr - 1;
        int a0 = aRow;
        int a1 = aRow + Math.min(1, last) * rowStep;
        int a2 = aRow + Math.min(2, last) * rowStep;
        int a3 = aRow + Math.min(3, last) * rowStep;
        FloatVector c000 = FloatVector.zero(F), c001 = c000;
        FloatVector c010 = c000, c011 = c000;
        FloatVector c020 = c000, c021 = c000;
        FloatVector c030 = c000, c031 = c000;
        for (int p = 0; p < kc; p++) {
            int bi = bRow + p * ldb;
            int ap = p * colStep;
            FloatVector b0 = fullWidth ? FloatVector.fromArray(F, b, bi) : FloatVector.fromArray(F, b, bi, m0);
            FloatVector b1 = fullWidth ? FloatVector.fromArray(F, b, bi + L)
                    : FloatVector.fromArray(F, b, bi + L, m1);
            FloatVector x = FloatVector.broadcast(F, a[a0 + ap]);
            c000 = b0.fma(x, c000);
            c001 = b1.fma(x, c001);
            x = FloatVector.broadcast(F, a[a1 + ap]);
            c010 = b0.fma(x, c010);
            c011 = b1.fma(x, c011);
            x = FloatVector.broadcast(F, a[a2 + ap]);
            c020 = b0.fma(x, c020);
            c021 = b1.fma(x, c021);
            x = FloatVector.broadcast(F, a[a3 + ap]);
            c030 = b0.fma(x, c030);
            c031 = b1.fma(x, c031);
        }
        c000.intoArray(tile, 0);
        c001.intoArray(tile, L);
        c010.intoArray(tile, NR);
        c011.intoArray(tile, NR + L);
        c020.intoArray(tile, 2 * NR);
        c021.intoArray(tile, 2 * NR + L);
        c030.intoArray(tile, 3 * NR);
        c031.intoArray(tile, 3 * NR + L);
    }
}
