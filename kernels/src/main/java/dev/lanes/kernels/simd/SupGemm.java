package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

/**
 * GEMM without packing A, for products whose operands fit in L2 together and so gain nothing from cache
 * blocking (BLIS's "sup", small/unpacked; chosen by {@link GemmBlocking#sup}): the register tile reads A and B
 * where the caller keeps them ({@link UnpackedKernel}), over all of k in one call, and each tile of C is written
 * once, through {@link TileWriter} and the epilogue like the packed path's. A transposed A is read in place (the
 * MR elements of one step are adjacent); only a transposed B is copied first, into NR-column panels as the packed
 * path does, so that its rows are vector loads.
 */
final class SupGemm {

    /** One thread's buffers, reused by every later call on that thread. */
    private static final class Workspace {
        final float[] tile = new float[MR * NR];
        final int[] gatherIndex = new int[Species.L];
        float[] panelsB = new float[0];
    }

    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    private SupGemm() {
    }

    /**
     * {@code C = epilogue(alpha * op(A) * op(B) + beta * C)} for rows [rowFrom, rowTo) and columns
     * [colFrom, colTo) of C; {@code k > 0}, epilogue may be null.
     */
    static void multiply(boolean transA, boolean transB, int k, float alpha,
                         float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                         float beta, float[] c, int cOffset, int ldc,
                         int rowFrom, int rowTo, int colFrom, int colTo, Epilogue epilogue) {
        Workspace ws = WORKSPACES.get();
        int rowStep = transA ? 1 : lda;
        int colStep = transA ? lda : 1;
        int n = colTo - colFrom;
        int panelStride;
        if (transB) {
            int floats = (n + NR - 1) / NR * k * NR;
            if (ws.panelsB.length < floats) {
                ws.panelsB = new float[floats];
            }
            Packing.packB(true, b, bOffset, ldb, 0, k, colFrom, n, ws.panelsB, 0, ws.gatherIndex);
            b = ws.panelsB;
            bOffset = 0;
            ldb = NR;
            panelStride = k * NR;
        } else {
            bOffset += colFrom;
            panelStride = NR;
        }
        float[] tile = ws.tile;
        for (int jr = 0; jr < n; jr += NR) {
            int nr = Math.min(NR, n - jr);
            int bPanel = bOffset + (jr / NR) * panelStride;
            int col = colFrom + jr;
            for (int row = rowFrom; row < rowTo; row += MR) {
                int mr = Math.min(MR, rowTo - row);
                int cIndex = cOffset + row * ldc + col;
                UnpackedKernel.multiply(k, a, aOffset + row * rowStep, rowStep, colStep, mr, b, bPanel, ldb, nr,
                        tile);
                TileWriter.write(tile, mr, nr, alpha, beta, c, cIndex, ldc);
                if (epilogue != null) {
                    epilogue.finish(c, cIndex, ldc, row, col, mr, nr);
                }
            }
        }
    }
}
