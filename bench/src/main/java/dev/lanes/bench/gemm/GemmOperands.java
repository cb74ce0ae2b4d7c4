package dev.lanes.bench.gemm;

import java.util.SplittableRandom;

/**
 * The arrays of one product, shared by every implementation so that all of them read the same A and B and
 * write the same C: dense row-major, A and B uniform in [-1, 1) from a fixed seed.
 *
 * @param dims sizes and transposes
 * @param a    A as stored ({@code dims.aRows() x dims.lda()})
 * @param b    B as stored ({@code dims.bRows() x dims.ldb()})
 * @param c    C, {@code m x n}
 */
record GemmOperands(GemmShape.Dims dims, float[] a, float[] b, float[] c) {

    static GemmOperands random(GemmShape.Dims dims, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] a = new float[dims.aRows() * dims.lda()];
        float[] b = new float[dims.bRows() * dims.ldb()];
        fill(a, random);
        fill(b, random);
        return new GemmOperands(dims, a, b, new float[dims.m() * dims.n()]);
    }

    private static void fill(float[] x, SplittableRandom random) {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-1, 1);
        }
    }

    /** op(A)[i][p] as stored. */
    float opA(int i, int p) {
        return dims.transA() ? a[p * dims.lda() + i] : a[i * dims.lda() + p];
    }

    /** op(B)[p][j] as stored. */
    float opB(int p, int j) {
        return dims.transB() ? b[j * dims.ldb() + p] : b[p * dims.ldb() + j];
    }
}
