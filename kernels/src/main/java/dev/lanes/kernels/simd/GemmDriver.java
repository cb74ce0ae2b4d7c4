package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.GemmBlocking.KB;
import static dev.lanes.kernels.simd.GemmBlocking.KC;
import static dev.lanes.kernels.simd.GemmBlocking.MC;
import static dev.lanes.kernels.simd.GemmBlocking.NC;
import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

/**
 * The GotoBLAS/BLIS loops around the micro-kernel, for one rectangle of C:
 * <pre>
 * for jc in columns, step NC
 *   for pb in 0..k, step KB            B block: up to KB x NC of op(B), packed once, in KC-deep slices
 *     pack op(B)[pb, jc]
 *     for ic in rows, step MC          C block: MC x NC, stays in L2 across the slices below
 *       for pc in pb..pb+KB, step KC   A block: MC x KC, packed per (ic, pc), L2-resident
 *         pack op(A)[ic, pc]
 *         for jr in block, step NR     B micro-panel: KC x NR, L1-resident
 *           for ir in block, step MR   A micro-panel: MR x KC, streamed from L2
 *             micro-kernel             C[ir, jr] (+)= A panel x B panel
 * </pre>
 * The first KC slice applies the caller's beta; later slices add to C (beta = 1); after the last slice the
 * epilogue, if any, finishes each tile while it is in L1. Running the slices innermost over a C block (rather
 * than sweeping all of C once per slice) keeps C's traffic to one pass per KB rows of B: at n = 2048 the
 * per-slice order spent a fifth of its time waiting for C.
 */
final class GemmDriver {

    /** One thread's packing buffers, allocated on first use and reused by every later call on that thread. */
    static final class Workspace {
        final float[] packedA = new float[MC * KC];
        float[] packedB = new float[0];
        final float[] tile = new float[MR * NR];
        final int[] gatherIndex = new int[Species.L];

        float[] packedB(int floats) {
            if (packedB.length < floats) {
                packedB = new float[floats];
            }
            return packedB;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    private GemmDriver() {
    }

    /** Computes rows [rowFrom, rowTo) x columns [colFrom, colTo) of C. */
    static void multiply(boolean transA, boolean transB, int k, float alpha,
                         float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc,
                         int rowFrom, int rowTo, int colFrom, int colTo, Epilogue epilogue) {
        Workspace ws = WORKSPACES.get();
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            int sliceFloats = KC * GemmBlocking.roundUp(nc, NR);
            for (int pb = 0; pb < k; pb += KB) {
                int kb = Math.min(KB, k - pb);
                float[] packedB = ws.packedB((kb + KC - 1) / KC * sliceFloats);
                for (int pc = pb; pc < pb + kb; pc += KC) {
                    Packing.packB(transB, b, bOffset, ldb, pc, Math.min(KC, pb + kb - pc), jc, nc,
                            packedB, (pc - pb) / KC * sliceFloats, ws.gatherIndex);
                }
                multiplyPacked(transA, k, alpha, a, aOffset, lda, beta, c, cOffset, ldc, rowFrom, rowTo, jc, nc,
                        pb, kb, packedB, epilogue, ws);
            }
        }
    }

    /**
     * The ic, pc, jr and ir loops: rows [rowFrom, rowTo) of C's columns [jc, jc + nc), taking the KB-deep
     * slice of op(B) that starts at row {@code pb}, already packed into {@code packedB} (slice after slice, each
     * {@code KC * roundUp(nc, NR)} floats).
     */
    private static void multiplyPacked(boolean transA, int k, float alpha, float[] a, int aOffset, int lda,
                               float beta, float[] c, int cOffset, int ldc, int rowFrom, int rowTo, int jc, int nc,
                               int pb, int kb, float[] packedB, Epilogue epilogue, Workspace ws) {
        float[] packedA = ws.packedA;
        int sliceFloats = KC * GemmBlocking.roundUp(nc, NR);
        for (int ic = rowFrom; ic < rowTo; ic += MC) {
            int mc = Math.min(MC, rowTo - ic);
            for (int pc = pb; pc < pb + kb; pc += KC) {
                int kc = Math.min(KC, pb + kb - pc);
                float sliceBeta = pc == 0 ? beta : 1f;
                boolean lastSlice = pc + kc == k;
                int slice = (pc - pb) / KC * sliceFloats;
                Packing.packA(transA, a, aOffset, lda, ic, mc, pc, kc, packedA);
                for (int jr = 0; jr < nc; jr += NR) {
                    int nr = Math.min(NR, nc - jr);
                    int bBase = slice + (jr / NR) * kc * NR;
                    for (int ir = 0; ir < mc; ir += MR) {
                        int mr = Math.min(MR, mc - ir);
                        int aBase = (ir / MR) * kc * MR;
                        int row = ic + ir;
                        int col = jc + jr;
                        int cIndex = cOffset + row * ldc + col;
                        MicroKernel.multiply(kc, packedA, aBase, packedB, bBase, ws.tile);
                        TileWriter.write(ws.tile, mr, nr, alpha, sliceBeta, c, cIndex, ldc);
                        if (lastSlice && epilogue != null) {
                            epilogue.finish(c, cIndex, ldc, row, col, mr, nr);
                        }
                    }
                }
            }
        }
    }
}
