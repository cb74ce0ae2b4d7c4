package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.GemmBlocking.KC;
import static dev.lanes.kernels.simd.GemmBlocking.MC;
import static dev.lanes.kernels.simd.GemmBlocking.NC;
import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

/**
 * The five GotoBLAS/BLIS loops around the micro-kernel, for one rectangle of C:
 * <pre>
 * for jc in columns, step NC          B block: KC x NC, packed once per (jc, pc)
 *   for pc in 0..k, step KC
 *     pack op(B)[pc, jc]
 *     for ic in rows, step MC          A block: MC x KC, packed once per (jc, pc, ic), L2-resident
 *       pack op(A)[ic, pc]
 *       for jr in block, step NR       B micro-panel: KC x NR, L1-resident
 *         for ir in block, step MR     A micro-panel: MR x KC, streamed from L2
 *           micro-kernel               C[ir, jr] (+)= A panel x B panel
 * </pre>
 * The first KC slice applies the caller's beta; later slices add to C (beta = 1); after the last slice the
 * epilogue, if any, finishes each tile while it is in L1.
 */
final class GemmDriver {

    /** One thread's packing buffers, allocated once and reused by every call on that thread. */
    static final class Workspace {
        final float[] packedA = new float[MC * KC];
        final float[] packedB = new float[NC * KC];
        final float[] tile = new float[MR * NR];
        final int[] gatherIndex = new int[Math.max(MR, NR)];
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
        float[] packedA = ws.packedA;
        float[] packedB = ws.packedB;
        for (int jc = colFrom; jc < colTo; jc += NC) {
            int nc = Math.min(NC, colTo - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                float sliceBeta = pc == 0 ? beta : 1f;
                boolean lastSlice = pc + kc == k;
                Packing.packB(transB, b, bOffset, ldb, pc, kc, jc, nc, packedB, ws.gatherIndex);
                for (int ic = rowFrom; ic < rowTo; ic += MC) {
                    int mc = Math.min(MC, rowTo - ic);
                    Packing.packA(transA, a, aOffset, lda, ic, mc, pc, kc, packedA, ws.gatherIndex);
                    for (int jr = 0; jr < nc; jr += NR) {
                        int nr = Math.min(NR, nc - jr);
                        int bBase = (jr / NR) * kc * NR;
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
}
