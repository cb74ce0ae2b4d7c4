package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;
import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.FloatVector;

/**
 * The convolution's register tile: {@link MicroKernel}'s MR x NR tile and packed B (the weights), but with A read
 * straight from the image instead of a packed panel. Row r of the tile is an output pixel whose window starts at
 * {@code x[bases[r]]}; column p of A is the window position at offset {@code taps[p]} from there, so
 * {@code A(r, p) = x[bases[r] + taps[p]]}: the column matrix is never built. Per step the loop loads one tap
 * offset, two vectors of B and MR broadcasts from the image (the rows' bases stay in registers or on the stack),
 * the same loads as the packed kernel plus one.
 */
final class ConvMicroKernel {

    private ConvMicroKernel() {
    }

    /** Rows of the narrow tile: one vector of columns, twice the rows. */
    static final int NARROW_ROWS = 2 * MR;

    /**
     * The narrow tile for at most {@link Species#L} output channels, where the MR x NR tile would leave half its
     * lanes idle: up to 2·MR rows by one vector (24 accumulators with 32 registers, 12 with 16), reading only
     * the first vector of each packed B row. {@code rows} (at most {@link #NARROW_ROWS}) picks the smallest of the
     * 2·MR-, MR- and MR/2-row kernels that covers them, so a short last tile does not pay for a full one. Stores
     * into {@code tile} with row stride NR.
     */
    static void multiplyNarrow(int rows, int kc, float[] x, int[] bases, int basesOffset, int[] taps, int tapOffset,
                               float[] bp, int bBase, float[] tile) {
        if (rows > MR) {
            if (MR == 12) {
                tile24x1(kc, x, bases, basesOffset, taps, tapOffset, bp, bBase, tile);
            } else {
                tile12x1(kc, x, bases, basesOffset, taps, tapOffset, bp, bBase, tile);
            }
        } else if (rows > MR / 2) {
            if (MR == 12) {
                tile12x1(kc, x, bases, basesOffset, taps, tapOffset, bp, bBase, tile);
            } else {
                tile6x1(kc, x, bases, basesOffset, taps, tapOffset, bp, bBase, tile);
            }
        } else {
            tile6x1(kc, x, bases, basesOffset, taps, tapOffset, bp, bBase, tile);
        }
    }

    /**
     * The narrow tile when its {@link #NARROW_ROWS} rows start at consecutive elements of the image,
     * {@code A(r, p) = x[x0 + r + taps[p]]}: a one-channel image at stride 1, the usual first layer. The rows'
     * offsets are then constants of the instructions rather than 2·MR bases, which do not fit the general-purpose
     * registers and were reloaded from the stack at every step (this kernel measured 28 % faster on the benchmark CNN's
     * conv1).
     */
    static void multiplyNarrowContiguous(int kc, float[] x, int x0, int[] taps, int tapOffset, float[] bp, int bBase,
                                         float[] tile) {
        if (MR == 12) {
            tile24x1Contiguous(kc, x, x0, taps, tapOffset, bp, bBase, tile);
        } else {
            tile12x1Contiguous(kc, x, x0, taps, tapOffset, bp, bBase, tile);
        }
    }

    /**
     * Stores the MR x NR product into {@code tile} (row stride NR): rows at {@code bases[basesOffset ...]},
     * window offsets {@code taps[tapOffset ... tapOffset + kc)}, B panel {@code bp[bBase + p*NR + j]}.
     */
    static void multiply(int kc, float[] x, int[] bases, int basesOffset, int[] taps, int tapOffset,
                         float[] bp, int bBase, float[] tile) {
        if (MR == 12) {
            tile12x2(kc, x, bases, basesOffset, taps, tapOffset, bp, bBase, tile);
        } else {
            tile6x2(kc, x, bases, basesOffset, taps, tapOffset, bp, bBase, tile);
        }
    }

    private static void tile12x2(int kc, float[] x, int[] bases, int basesOffset, int[] taps, int tapOffset,
                                 float[] bp, int bBase, float[] tile) {
        int x00 = bases[basesOffset + 0];
        int x01 = bases[basesOffset + 1];
        int x02 = bases[basesOffset + 2];
        int x03 = bases[basesOffset + 3];
        int x04 = bases[basesOffset + 4];
        int x05 = bases[basesOffset + 5];
        int x06 = bases[basesOffset + 6];
        int x07 = bases[basesOffset + 7];
        int x08 = bases[basesOffset + 8];
        int x09 = bases[basesOffset + 9];
        int x10 = bases[basesOffset + 10];
        int x11 = bases[basesOffset + 11];
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
            int o = taps[tapOffset + p];
            int bi = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector a = FloatVector.broadcast(F, x[x00 + o]);
            c000 = b0.fma(a, c000);
            c001 = b1.fma(a, c001);
            a = FloatVector.broadcast(F, x[x01 + o]);
            c010 = b0.fma(a, c010);
            c011 = b1.fma(a, c011);
            a = FloatVector.broadcast(F, x[x02 + o]);
            c020 = b0.fma(a, c020);
            c021 = b1.fma(a, c021);
            a = FloatVector.broadcast(F, x[x03 + o]);
            c030 = b0.fma(a, c030);
            c031 = b1.fma(a, c031);
            a = FloatVector.broadcast(F, x[x04 + o]);
            c040 = b0.fma(a, c040);
            c041 = b1.fma(a, c041);
            a = FloatVector.broadcast(F, x[x05 + o]);
            c050 = b0.fma(a, c050);
            c051 = b1.fma(a, c051);
            a = FloatVector.broadcast(F, x[x06 + o]);
            c060 = b0.fma(a, c060);
            c061 = b1.fma(a, c061);
            a = FloatVector.broadcast(F, x[x07 + o]);
            c070 = b0.fma(a, c070);
            c071 = b1.fma(a, c071);
            a = FloatVector.broadcast(F, x[x08 + o]);
            c080 = b0.fma(a, c080);
            c081 = b1.fma(a, c081);
            a = FloatVector.broadcast(F, x[x09 + o]);
            c090 = b0.fma(a, c090);
            c091 = b1.fma(a, c091);
            a = FloatVector.broadcast(F, x[x10 + o]);
            c100 = b0.fma(a, c100);
            c101 = b1.fma(a, c101);
            a = FloatVector.broadcast(F, x[x11 + o]);
            c110 = b0.fma(a, c110);
            c111 = b1.fma(a, c111);
        }
        c000.intoArray(tile, 0);
        c001.intoArray(tile, 0 + L);
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

    private static void tile6x2(int kc, float[] x, int[] bases, int basesOffset, int[] taps, int tapOffset,
                                 float[] bp, int bBase, float[] tile) {
        int x00 = bases[basesOffset + 0];
        int x01 = bases[basesOffset + 1];
        int x02 = bases[basesOffset + 2];
        int x03 = bases[basesOffset + 3];
        int x04 = bases[basesOffset + 4];
        int x05 = bases[basesOffset + 5];
        FloatVector c000 = FloatVector.zero(F), c001 = c000;
        FloatVector c010 = c000, c011 = c000;
        FloatVector c020 = c000, c021 = c000;
        FloatVector c030 = c000, c031 = c000;
        FloatVector c040 = c000, c041 = c000;
        FloatVector c050 = c000, c051 = c000;
        for (int p = 0; p < kc; p++) {
            int o = taps[tapOffset + p];
            int bi = bBase + p * NR;
            FloatVector b0 = FloatVector.fromArray(F, bp, bi);
            FloatVector b1 = FloatVector.fromArray(F, bp, bi + L);
            FloatVector a = FloatVector.broadcast(F, x[x00 + o]);
            c000 = b0.fma(a, c000);
            c001 = b1.fma(a, c001);
            a = FloatVector.broadcast(F, x[x01 + o]);
            c010 = b0.fma(a, c010);
            c011 = b1.fma(a, c011);
            a = FloatVector.broadcast(F, x[x02 + o]);
            c020 = b0.fma(a, c020);
            c021 = b1.fma(a, c021);
            a = FloatVector.broadcast(F, x[x03 + o]);
            c030 = b0.fma(a, c030);
            c031 = b1.fma(a, c031);
            a = FloatVector.broadcast(F, x[x04 + o]);
            c040 = b0.fma(a, c040);
            c041 = b1.fma(a, c041);
            a = FloatVector.broadcast(F, x[x05 + o]);
            c050 = b0.fma(a, c050);
            c051 = b1.fma(a, c051);
        }
        c000.intoArray(tile, 0);
        c001.intoArray(tile, 0 + L);
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

    private static void tile24x1(int kc, float[] x, int[] bases, int basesOffset, int[] taps, int tapOffset,
                                 float[] bp, int bBase, float[] tile) {
        int x00 = bases[basesOffset + 0];
        int x01 = bases[basesOffset + 1];
        int x02 = bases[basesOffset + 2];
        int x03 = bases[basesOffset + 3];
        int x04 = bases[basesOffset + 4];
        int x05 = bases[basesOffset + 5];
        int x06 = bases[basesOffset + 6];
        int x07 = bases[basesOffset + 7];
        int x08 = bases[basesOffset + 8];
        int x09 = bases[basesOffset + 9];
        int x10 = bases[basesOffset + 10];
        int x11 = bases[basesOffset + 11];
        int x12 = bases[basesOffset + 12];
        int x13 = bases[basesOffset + 13];
        int x14 = bases[basesOffset + 14];
        int x15 = bases[basesOffset + 15];
        int x16 = bases[basesOffset + 16];
        int x17 = bases[basesOffset + 17];
        int x18 = bases[basesOffset + 18];
        int x19 = bases[basesOffset + 19];
        int x20 = bases[basesOffset + 20];
        int x21 = bases[basesOffset + 21];
        int x22 = bases[basesOffset + 22];
        int x23 = bases[basesOffset + 23];
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00, c06 = c00;
        FloatVector c07 = c00, c08 = c00, c09 = c00, c10 = c00, c11 = c00, c12 = c00;
        FloatVector c13 = c00, c14 = c00, c15 = c00, c16 = c00, c17 = c00, c18 = c00;
        FloatVector c19 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        for (int p = 0; p < kc; p++) {
            int o = taps[tapOffset + p];
            FloatVector b = FloatVector.fromArray(F, bp, bBase + p * NR);
            c00 = b.fma(FloatVector.broadcast(F, x[x00 + o]), c00);
            c01 = b.fma(FloatVector.broadcast(F, x[x01 + o]), c01);
            c02 = b.fma(FloatVector.broadcast(F, x[x02 + o]), c02);
            c03 = b.fma(FloatVector.broadcast(F, x[x03 + o]), c03);
            c04 = b.fma(FloatVector.broadcast(F, x[x04 + o]), c04);
            c05 = b.fma(FloatVector.broadcast(F, x[x05 + o]), c05);
            c06 = b.fma(FloatVector.broadcast(F, x[x06 + o]), c06);
            c07 = b.fma(FloatVector.broadcast(F, x[x07 + o]), c07);
            c08 = b.fma(FloatVector.broadcast(F, x[x08 + o]), c08);
            c09 = b.fma(FloatVector.broadcast(F, x[x09 + o]), c09);
            c10 = b.fma(FloatVector.broadcast(F, x[x10 + o]), c10);
            c11 = b.fma(FloatVector.broadcast(F, x[x11 + o]), c11);
            c12 = b.fma(FloatVector.broadcast(F, x[x12 + o]), c12);
            c13 = b.fma(FloatVector.broadcast(F, x[x13 + o]), c13);
            c14 = b.fma(FloatVector.broadcast(F, x[x14 + o]), c14);
            c15 = b.fma(FloatVector.broadcast(F, x[x15 + o]), c15);
            c16 = b.fma(FloatVector.broadcast(F, x[x16 + o]), c16);
            c17 = b.fma(FloatVector.broadcast(F, x[x17 + o]), c17);
            c18 = b.fma(FloatVector.broadcast(F, x[x18 + o]), c18);
            c19 = b.fma(FloatVector.broadcast(F, x[x19 + o]), c19);
            c20 = b.fma(FloatVector.broadcast(F, x[x20 + o]), c20);
            c21 = b.fma(FloatVector.broadcast(F, x[x21 + o]), c21);
            c22 = b.fma(FloatVector.broadcast(F, x[x22 + o]), c22);
            c23 = b.fma(FloatVector.broadcast(F, x[x23 + o]), c23);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, NR);
        c02.intoArray(tile, 2 * NR);
        c03.intoArray(tile, 3 * NR);
        c04.intoArray(tile, 4 * NR);
        c05.intoArray(tile, 5 * NR);
        c06.intoArray(tile, 6 * NR);
        c07.intoArray(tile, 7 * NR);
        c08.intoArray(tile, 8 * NR);
        c09.intoArray(tile, 9 * NR);
        c10.intoArray(tile, 10 * NR);
        c11.intoArray(tile, 11 * NR);
        c12.intoArray(tile, 12 * NR);
        c13.intoArray(tile, 13 * NR);
        c14.intoArray(tile, 14 * NR);
        c15.intoArray(tile, 15 * NR);
        c16.intoArray(tile, 16 * NR);
        c17.intoArray(tile, 17 * NR);
        c18.intoArray(tile, 18 * NR);
        c19.intoArray(tile, 19 * NR);
        c20.intoArray(tile, 20 * NR);
        c21.intoArray(tile, 21 * NR);
        c22.intoArray(tile, 22 * NR);
        c23.intoArray(tile, 23 * NR);
    }

    private static void tile12x1(int kc, float[] x, int[] bases, int basesOffset, int[] taps, int tapOffset,
                                 float[] bp, int bBase, float[] tile) {
        int x00 = bases[basesOffset + 0];
        int x01 = bases[basesOffset + 1];
        int x02 = bases[basesOffset + 2];
        int x03 = bases[basesOffset + 3];
        int x04 = bases[basesOffset + 4];
        int x05 = bases[basesOffset + 5];
        int x06 = bases[basesOffset + 6];
        int x07 = bases[basesOffset + 7];
        int x08 = bases[basesOffset + 8];
        int x09 = bases[basesOffset + 9];
        int x10 = bases[basesOffset + 10];
        int x11 = bases[basesOffset + 11];
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00, c06 = c00;
        FloatVector c07 = c00, c08 = c00, c09 = c00, c10 = c00, c11 = c00;
        for (int p = 0; p < kc; p++) {
            int o = taps[tapOffset + p];
            FloatVector b = FloatVector.fromArray(F, bp, bBase + p * NR);
            c00 = b.fma(FloatVector.broadcast(F, x[x00 + o]), c00);
            c01 = b.fma(FloatVector.broadcast(F, x[x01 + o]), c01);
            c02 = b.fma(FloatVector.broadcast(F, x[x02 + o]), c02);
            c03 = b.fma(FloatVector.broadcast(F, x[x03 + o]), c03);
            c04 = b.fma(FloatVector.broadcast(F, x[x04 + o]), c04);
            c05 = b.fma(FloatVector.broadcast(F, x[x05 + o]), c05);
            c06 = b.fma(FloatVector.broadcast(F, x[x06 + o]), c06);
            c07 = b.fma(FloatVector.broadcast(F, x[x07 + o]), c07);
            c08 = b.fma(FloatVector.broadcast(F, x[x08 + o]), c08);
            c09 = b.fma(FloatVector.broadcast(F, x[x09 + o]), c09);
            c10 = b.fma(FloatVector.broadcast(F, x[x10 + o]), c10);
            c11 = b.fma(FloatVector.broadcast(F, x[x11 + o]), c11);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, NR);
        c02.intoArray(tile, 2 * NR);
        c03.intoArray(tile, 3 * NR);
        c04.intoArray(tile, 4 * NR);
        c05.intoArray(tile, 5 * NR);
        c06.intoArray(tile, 6 * NR);
        c07.intoArray(tile, 7 * NR);
        c08.intoArray(tile, 8 * NR);
        c09.intoArray(tile, 9 * NR);
        c10.intoArray(tile, 10 * NR);
        c11.intoArray(tile, 11 * NR);
    }

    private static void tile6x1(int kc, float[] x, int[] bases, int basesOffset, int[] taps, int tapOffset,
                                float[] bp, int bBase, float[] tile) {
        int x00 = bases[basesOffset + 0];
        int x01 = bases[basesOffset + 1];
        int x02 = bases[basesOffset + 2];
        int x03 = bases[basesOffset + 3];
        int x04 = bases[basesOffset + 4];
        int x05 = bases[basesOffset + 5];
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00;
        for (int p = 0; p < kc; p++) {
            int o = taps[tapOffset + p];
            FloatVector b = FloatVector.fromArray(F, bp, bBase + p * NR);
            c00 = b.fma(FloatVector.broadcast(F, x[x00 + o]), c00);
            c01 = b.fma(FloatVector.broadcast(F, x[x01 + o]), c01);
            c02 = b.fma(FloatVector.broadcast(F, x[x02 + o]), c02);
            c03 = b.fma(FloatVector.broadcast(F, x[x03 + o]), c03);
            c04 = b.fma(FloatVector.broadcast(F, x[x04 + o]), c04);
            c05 = b.fma(FloatVector.broadcast(F, x[x05 + o]), c05);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, NR);
        c02.intoArray(tile, 2 * NR);
        c03.intoArray(tile, 3 * NR);
        c04.intoArray(tile, 4 * NR);
        c05.intoArray(tile, 5 * NR);
    }

    private static void tile24x1Contiguous(int kc, float[] x, int x0, int[] taps, int tapOffset, float[] bp, int bBase,
                                           float[] tile) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00, c06 = c00;
        FloatVector c07 = c00, c08 = c00, c09 = c00, c10 = c00, c11 = c00, c12 = c00;
        FloatVector c13 = c00, c14 = c00, c15 = c00, c16 = c00, c17 = c00, c18 = c00;
        FloatVector c19 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        for (int p = 0; p < kc; p++) {
            int o = x0 + taps[tapOffset + p];
            FloatVector b = FloatVector.fromArray(F, bp, bBase + p * NR);
            c00 = b.fma(FloatVector.broadcast(F, x[o]), c00);
            c01 = b.fma(FloatVector.broadcast(F, x[o + 1]), c01);
            c02 = b.fma(FloatVector.broadcast(F, x[o + 2]), c02);
            c03 = b.fma(FloatVector.broadcast(F, x[o + 3]), c03);
            c04 = b.fma(FloatVector.broadcast(F, x[o + 4]), c04);
            c05 = b.fma(FloatVector.broadcast(F, x[o + 5]), c05);
            c06 = b.fma(FloatVector.broadcast(F, x[o + 6]), c06);
            c07 = b.fma(FloatVector.broadcast(F, x[o + 7]), c07);
            c08 = b.fma(FloatVector.broadcast(F, x[o + 8]), c08);
            c09 = b.fma(FloatVector.broadcast(F, x[o + 9]), c09);
            c10 = b.fma(FloatVector.broadcast(F, x[o + 10]), c10);
            c11 = b.fma(FloatVector.broadcast(F, x[o + 11]), c11);
            c12 = b.fma(FloatVector.broadcast(F, x[o + 12]), c12);
            c13 = b.fma(FloatVector.broadcast(F, x[o + 13]), c13);
            c14 = b.fma(FloatVector.broadcast(F, x[o + 14]), c14);
            c15 = b.fma(FloatVector.broadcast(F, x[o + 15]), c15);
            c16 = b.fma(FloatVector.broadcast(F, x[o + 16]), c16);
            c17 = b.fma(FloatVector.broadcast(F, x[o + 17]), c17);
            c18 = b.fma(FloatVector.broadcast(F, x[o + 18]), c18);
            c19 = b.fma(FloatVector.broadcast(F, x[o + 19]), c19);
            c20 = b.fma(FloatVector.broadcast(F, x[o + 20]), c20);
            c21 = b.fma(FloatVector.broadcast(F, x[o + 21]), c21);
            c22 = b.fma(FloatVector.broadcast(F, x[o + 22]), c22);
            c23 = b.fma(FloatVector.broadcast(F, x[o + 23]), c23);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, NR);
        c02.intoArray(tile, 2 * NR);
        c03.intoArray(tile, 3 * NR);
        c04.intoArray(tile, 4 * NR);
        c05.intoArray(tile, 5 * NR);
        c06.intoArray(tile, 6 * NR);
        c07.intoArray(tile, 7 * NR);
        c08.intoArray(tile, 8 * NR);
        c09.intoArray(tile, 9 * NR);
        c10.intoArray(tile, 10 * NR);
        c11.intoArray(tile, 11 * NR);
        c12.intoArray(tile, 12 * NR);
        c13.intoArray(tile, 13 * NR);
        c14.intoArray(tile, 14 * NR);
        c15.intoArray(tile, 15 * NR);
        c16.intoArray(tile, 16 * NR);
        c17.intoArray(tile, 17 * NR);
        c18.intoArray(tile, 18 * NR);
        c19.intoArray(tile, 19 * NR);
        c20.intoArray(tile, 20 * NR);
        c21.intoArray(tile, 21 * NR);
        c22.intoArray(tile, 22 * NR);
        c23.intoArray(tile, 23 * NR);
    }

    private static void tile12x1Contiguous(int kc, float[] x, int x0, int[] taps, int tapOffset, float[] bp, int bBase,
                                           float[] tile) {
        FloatVector c00 = FloatVector.zero(F);
        FloatVector c01 = c00, c02 = c00, c03 = c00, c04 = c00, c05 = c00, c06 = c00;
        FloatVector c07 = c00, c08 = c00, c09 = c00, c10 = c00, c11 = c00;
        for (int p = 0; p < kc; p++) {
            int o = x0 + taps[tapOffset + p];
            FloatVector b = FloatVector.fromArray(F, bp, bBase + p * NR);
            c00 = b.fma(FloatVector.broadcast(F, x[o]), c00);
            c01 = b.fma(FloatVector.broadcast(F, x[o + 1]), c01);
            c02 = b.fma(FloatVector.broadcast(F, x[o + 2]), c02);
            c03 = b.fma(FloatVector.broadcast(F, x[o + 3]), c03);
            c04 = b.fma(FloatVector.broadcast(F, x[o + 4]), c04);
            c05 = b.fma(FloatVector.broadcast(F, x[o + 5]), c05);
            c06 = b.fma(FloatVector.broadcast(F, x[o + 6]), c06);
            c07 = b.fma(FloatVector.broadcast(F, x[o + 7]), c07);
            c08 = b.fma(FloatVector.broadcast(F, x[o + 8]), c08);
            c09 = b.fma(FloatVector.broadcast(F, x[o + 9]), c09);
            c10 = b.fma(FloatVector.broadcast(F, x[o + 10]), c10);
            c11 = b.fma(FloatVector.broadcast(F, x[o + 11]), c11);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, NR);
        c02.intoArray(tile, 2 * NR);
        c03.intoArray(tile, 3 * NR);
        c04.intoArray(tile, 4 * NR);
        c05.intoArray(tile, 5 * NR);
        c06.intoArray(tile, 6 * NR);
        c07.intoArray(tile, 7 * NR);
        c08.intoArray(tile, 8 * NR);
        c09.intoArray(tile, 9 * NR);
        c10.intoArray(tile, 10 * NR);
        c11.intoArray(tile, 11 * NR);
    }
}
