package dev.lanes.kernels.simd;

/**
 * Work the GEMM applies to a finished block of C right after the micro-kernel stored it, while it is still
 * in L1: C therefore makes one trip through memory even when a bias, an activation or an activation
 * derivative is fused into the product.
 */
public interface Epilogue {

    /**
     * Finishes the block of C with top-left element at {@code c[cIndex]}, which is element ({@code row},
     * {@code col}) of the whole C, {@code rows x cols} large, row stride {@code ldc}.
     */
    void finish(float[] c, int cIndex, int ldc, int row, int col, int rows, int cols);
}
