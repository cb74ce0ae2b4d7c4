package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Prototype, for the measurement in docs/recurrent.md: the LSTM's gate activations as the epilogue of the
 * recurrent GEMM {@code pre += h_prev W_hhᵀ}, applied to each finished tile while it is in L1: sigmoid on the
 * columns of the i, f and o blocks, tanh on the g block (a tile may straddle a block boundary). The cell update
 * then runs as {@link SimdRecurrent#lstmCellFromGates}. Not behind a façade: it did not pay enough to replace
 * the separate kernel (see the document).
 */
public final class LstmGateEpilogue implements Epilogue {

    private static final ThreadLocal<LstmGateEpilogue> PER_THREAD = ThreadLocal.withInitial(LstmGateEpilogue::new);

    private int hidden;

    private LstmGateEpilogue() {
    }

    /** This thread's epilogue for an LSTM of {@code hidden} units (C is batch x 4 hidden). */
    public static LstmGateEpilogue of(int hidden) {
        LstmGateEpilogue e = PER_THREAD.get();
        e.hidden = hidden;
        return e;
    }

    @Override
    public void finish(float[] c, int cIndex, int ldc, int row, int col, int rows, int cols) {
        int end = col + cols;
        int gBlock = 2 * hidden;
        int oBlock = 3 * hidden;
        if (col < gBlock) {
            sigmoidBlock(c, cIndex, ldc, rows, Math.min(end, gBlock) - col);
        }
        if (col < oBlock && end > gBlock) {
            int from = Math.max(col, gBlock);
            tanhBlock(c, cIndex + from - col, ldc, rows, Math.min(end, oBlock) - from);
        }
        if (end > oBlock) {
            int from = Math.max(col, oBlock);
            sigmoidBlock(c, cIndex + from - col, ldc, rows, end - from);
        }
    }

    private static void sigmoidBlock(float[] c, int index, int ldc, int rows, int cols) {
        // Columns outside, rows inside: a tile is 12 or 6 rows but only 2 vectors wide.
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            for (int r = 0; r < rows; r++) {
                int ci = index + r * ldc + j;
                VectorMath.sigmoid(FloatVector.fromArray(F, c, ci, m)).intoArray(c, ci, m);
            }
        }
    }

    private static void tanhBlock(float[] c, int index, int ldc, int rows, int cols) {
        // Columns outside, rows inside: a tile is 12 or 6 rows but only 2 vectors wide.
        for (int j = 0; j < cols; j += L) {
            VectorMask<Float> m = F.indexInRange(j, cols);
            for (int r = 0; r < rows; r++) {
                int ci = index + r * ldc + j;
                VectorMath.tanh(FloatVector.fromArray(F, c, ci, m)).intoArray(c, ci, m);
            }
        }
    }
}
