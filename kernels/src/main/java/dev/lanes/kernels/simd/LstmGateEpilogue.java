package dev.lanes.kernels.simd;

import dev.lanes.kernels.Activation;

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

    /**
     * Row by row through {@link SimdActivations#forward}, whose loops C2 compiles on their own (as
     * {@link BiasActivationEpilogue} does): a loop nest here with the vector function inlined was itself
     * inlined into the GEMM driver, where C2 ran out of inlining budget and boxed every vector (196 KB per step).
     */
    private static void sigmoidBlock(float[] c, int index, int ldc, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            SimdActivations.forward(Activation.SIGMOID, cols, c, index + r * ldc, c, index + r * ldc);
        }
    }

    private static void tanhBlock(float[] c, int index, int ldc, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            SimdActivations.forward(Activation.TANH, cols, c, index + r * ldc, c, index + r * ldc);
        }
    }
}
