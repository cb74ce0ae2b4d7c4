package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.FloatVector;

/**
 * The register tile: MR rows by NR columns of the product held in vector accumulators while {@code kc}
 * rank-1 updates stream through them. Each step loads two vectors of a packed B row and FMAs them against
 * broadcasts of MR packed A elements. This is the only class that knows the tile's shape; packing and the
 * driver read it from here.
 *
 * <p>The shape follows the register file. With 32 vector registers (AVX-512, NEON, SVE) the tile is 12 x 2
 * vectors: 24 accumulators + 2 B vectors + 1 broadcast, no spills, and at KC = 256 the B micro-panel
 * (KC x 32 floats = 32 KiB on AVX-512) stays in L1 while A streams from L2 at only 12 floats per step. With 16
 * registers (AVX2, SSE) it is 6 x 2 vectors. Measured on the development machine, the 12 x 2 loop alone runs
 * at up to 99 % of the FMA peak; a 6 x 4 tile, whose B micro-panel does not fit L1, reached 82 %.
 *
 * <p>The accumulators are locals, never an array, and the finished tile goes to a small L1-resident buffer:
 * no vector crosses a method call (C2 boxes a vector passed to a method it does not inline, which costs 10x),
 * and the write-back into C ({@link TileWriter}) is one piece of code for full and edge tiles, alpha, beta and
 * the fused epilogues. Writing C straight from the accumulators was tried and measured slower: C2 then spilled
 * accumulators, and loading C before the loop stalls it on C's cache misses.
 */
final class MicroKernel {

    /** Whether the CPU has 32 vector registers: x86 only with AVX-512 (16 lanes), always on AArch64. */
    private static final boolean WIDE_REGISTER_FILE =
            L >= 16 || System.getProperty("os.arch", "").equals("aarch64");

    /** Rows of the register tile. */
    static final int MR = WIDE_REGISTER_FILE ? 12 : 6;

    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;

    private MicroKernel() {
    }

    /**
     * Stores the MR x NR product of two packed micro-panels into {@code tile} (row stride NR), where
     * {@code ap[aBase + p*MR + r]} is A(r, p) and {@code bp[bBase + p*NR + j]} is B(p, j).
     */
    static void multiply(int kc, float[] ap, int aBase, float[] bp, int bBase, float[] tile) {
        if (WIDE_REGISTER_FILE) {
            tile12x2(kc, ap, aBase, bp, bBase, tile);
        } else {
            tile6x2(kc, ap, aBase, bp, bBase, tile);
        }
    }

    private static void tile12x2(int kc, float[] ap, int aBase, float[] bp, int bBase, float[] tile) {
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
            int bi = bBase + p * NR;
            int ai = aBase + p * MR;
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector a = FloatVector.broadcast(F, ap[ai]);
            c000 = b0.fma(a, c000);
            c001 = b1.fma(a, c001);
            a = FloatVector.broadcast(F, ap[ai + 1]);
            c010 = b0.fma(a, c010);
            c011 = b1.fma(a, c011);
            a = FloatVector.broadcast(F, ap[ai + 2]);
            c020 = b0.fma(a, c020);
            c021 = b1.fma(a, c021);
            a = FloatVector.broadcast(F, ap[ai + 3]);
            c030 = b0.fma(a, c030);
            c031 = b1.fma(a, c031);
            a = FloatVector.broadcast(F, ap[ai + 4]);
            c040 = b0.fma(a, c040);
            c041 = b1.fma(a, c041);
            a = FloatVector.broadcast(F, ap[ai + 5]);
            c050 = b0.fma(a, c050);
            c051 = b1.fma(a, c051);
            a = FloatVector.broadcast(F, ap[ai + 6]);
            c060 = b0.fma(a, c060);
            c061 = b1.fma(a, c061);
            a = FloatVector.broadcast(F, ap[ai + 7]);
            c070 = b0.fma(a, c070);
            c071 = b1.fma(a, c071);
            a = FloatVector.broadcast(F, ap[ai + 8]);
            c080 = b0.fma(a, c080);
            c081 = b1.fma(a, c081);
            a = FloatVector.broadcast(F, ap[ai + 9]);
            c090 = b0.fma(a, c090);
            c091 = b1.fma(a, c091);
            a = FloatVector.broadcast(F, ap[ai + 10]);
            c100 = b0.fma(a, c100);
            c101 = b1.fma(a, c101);
            a = FloatVector.broadcast(F, ap[ai + 11]);
            c110 = b0.fma(a, c110);
            c111 = b1.fma(a, c111);
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

    private static void tile6x2(int kc, float[] ap, int aBase, float[] bp, int bBase, float[] tile) {
        FloatVector c00 = FloatVector.zero(F), c01 = c00;
        FloatVector c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00;
        FloatVector c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int bi = bBase + p * NR;
            int ai = aBase + p * MR;
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector a = FloatVector.broadcast(F, ap[ai]);
            c00 = b0.fma(a, c00);
            c01 = b1.fma(a, c01);
            a = FloatVector.broadcast(F, ap[ai + 1]);
            c10 = b0.fma(a, c10);
            c11 = b1.fma(a, c11);
            a = FloatVector.broadcast(F, ap[ai + 2]);
            c20 = b0.fma(a, c20);
            c21 = b1.fma(a, c21);
            a = FloatVector.broadcast(F, ap[ai + 3]);
            c30 = b0.fma(a, c30);
            c31 = b1.fma(a, c31);
            a = FloatVector.broadcast(F, ap[ai + 4]);
            c40 = b0.fma(a, c40);
            c41 = b1.fma(a, c41);
            a = FloatVector.broadcast(F, ap[ai + 5]);
            c50 = b0.fma(a, c50);
            c51 = b1.fma(a, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

}
