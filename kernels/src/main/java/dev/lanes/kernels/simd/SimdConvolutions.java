package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.internal.ConvAlgorithm;
import jdk.incubator.vector.FloatVector;

/**
 * The Vector API convolution behind {@link dev.lanes.kernels.Convolutions}: the dense layer's GEMMs on the column
 * matrix, built a chunk of rows at a time in the caller's scratch so that its size does not grow with the batch
 * ({@link #chunkRows}). A pointwise convolution (1x1, stride 1, no padding) is a GEMM on x itself. Arguments are
 * trusted.
 */
public final class SimdConvolutions {

    /** Target size of one chunk of the column matrix: 1 MiB, so it is still in L2/L3 when the GEMM packs it. */
    private static final int CHUNK_FLOATS = 1 << 18;


    private SimdConvolutions() {
    }

    /** See {@link dev.lanes.kernels.Convolutions#scratchSize}. */
    public static int scratchSize(Conv2dGeometry g, int batch) {
        int im2col = pointwise(g) ? 0 : chunkRows(g, batch) * g.patchSize();
        int implicit = implicit(g)
                ? Math.max(ImplicitConv.scratchSize(g, batch), ImplicitConvWeights.scratchSize(g, batch)) : im2col;
        int input = transposedInput(g) ? TransposedConv.scratchSize(g, batch)
                : fusedInput(g) ? ImplicitConvInput.scratchSize(g) : im2col;
        return Math.max(implicit, input);
    }

    /**
     * Whether the forward pass and the weight gradient run as implicit GEMMs ({@link ImplicitConv},
     * {@link ImplicitConvWeights}) rather than im2col + SGEMM: by default everywhere but pointwise convolutions,
     * whose column matrix is x itself. {@link ConvAlgorithm} overrides it.
     */
    static boolean implicit(Conv2dGeometry g) {
        return switch (ConvAlgorithm.get()) {
            case "im2col" -> false;
            case "implicit" -> true;
            default -> !pointwise(g);
        };
    }

    /** Whether the input gradient runs as a convolution of dZ ({@link TransposedConv}): where it pays, by default. */
    static boolean transposedInput(Conv2dGeometry g) {
        return switch (ConvAlgorithm.get()) {
            case "im2col" -> false;
            case "implicit" -> TransposedConv.applies(g);
            default -> TransposedConv.pays(g);
        };
    }

    /**
     * Whether the input gradient runs as a GEMM scattering its tiles into dx ({@link ImplicitConvInput}) where it
     * is not a transposed convolution: by default wherever it applies (not for pointwise convolutions).
     */
    static boolean fusedInput(Conv2dGeometry g) {
        return switch (ConvAlgorithm.get()) {
            case "im2col" -> false;
            case "implicit" -> ImplicitConvInput.applies(g);
            default -> !pointwise(g) && ImplicitConvInput.applies(g);
        };
    }

    /** Whether x, as a {@code batch·inPixels x inChannels} matrix, is already the column matrix. */
    static boolean pointwise(Conv2dGeometry g) {
        return g.kernelHeight() == 1 && g.kernelWidth() == 1 && g.strideHeight() == 1 && g.strideWidth() == 1
                && g.padTop() == 0 && g.padLeft() == 0 && g.padBottom() == 0 && g.padRight() == 0;
    }

    /**
     * Rows of the column matrix built at once: about {@link #CHUNK_FLOATS} floats, a multiple of 48 (whole
     * micro-tiles at every tile height), at most all {@code batch · outPixels} rows. A function of the geometry
     * and the batch only, so the weight gradient's sum (split at chunk boundaries) has the same order at any
     * thread count.
     */
    static int chunkRows(Conv2dGeometry g, int batch) {
        int all = batch * g.outPixels();
        int rows = Math.max(48, CHUNK_FLOATS / g.patchSize() / 48 * 48);
        return Math.min(all, rows);
    }

    /** See {@link dev.lanes.kernels.Convolutions#forward}. */
    public static void forward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] w, int wOffset,
                               float[] bias, int biasOffset, Activation f, float[] y, int yOffset,
                               float[] scratch, int scratchOffset) {
        int m = batch * g.outPixels();
        int n = g.outChannels();
        int k = g.patchSize();
        if (m == 0) {
            return;
        }
        BiasActivationEpilogue epilogue = bias == null && f.kind() == Activation.Kind.IDENTITY ? null
                : BiasActivationEpilogue.of(bias, biasOffset, f);
        try {
            if (pointwise(g) && !implicit(g)) {
                SimdGemm.sgemm(false, true, m, n, k, 1f, x, xOffset, k, w, wOffset, k, 0f, y, yOffset, n, epilogue);
                return;
            }
            if (implicit(g)) {
                ImplicitConv.forward(g, batch, x, xOffset, w, wOffset, y, yOffset, epilogue, scratch, scratchOffset);
                return;
            }
            int chunk = chunkRows(g, batch);
            for (int m0 = 0; m0 < m; m0 += chunk) {
                int rows = Math.min(chunk, m - m0);
                Im2col.im2col(g, x, xOffset, m0, rows, scratch, scratchOffset);
                SimdGemm.sgemm(false, true, rows, n, k, 1f, scratch, scratchOffset, k, w, wOffset, k,
                        0f, y, yOffset + m0 * n, n, epilogue);
            }
        } finally {
            if (epilogue != null) {
                epilogue.release();
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Convolutions#backwardInput}: a convolution of dZ ({@link TransposedConv}) where
     * that {@link TransposedConv#pays pays}, else per chunk dcol = dZ W, then col2im.
     */
    public static void backwardInput(Conv2dGeometry g, int batch, float[] dz, int dzOffset, float[] w, int wOffset,
                                     float[] dx, int dxOffset, float[] scratch, int scratchOffset) {
        int m = batch * g.outPixels();
        int n = g.outChannels();
        int k = g.patchSize();
        if (transposedInput(g)) {
            TransposedConv.backwardInput(g, batch, dz, dzOffset, w, wOffset, dx, dxOffset, scratch, scratchOffset);
            return;
        }
        if (fusedInput(g)) {
            ImplicitConvInput.backward(g, batch, dz, dzOffset, w, wOffset, dx, dxOffset, scratch, scratchOffset);
            return;
        }
        if (pointwise(g)) {
            SimdGemm.sgemm(false, false, m, k, n, 1f, dz, dzOffset, n, w, wOffset, k, 0f, dx, dxOffset, k, null);
            return;
        }
        java.util.Arrays.fill(dx, dxOffset, dxOffset + batch * g.inputSize(), 0f);
        int chunk = chunkRows(g, batch);
        for (int m0 = 0; m0 < m; m0 += chunk) {
            int rows = Math.min(chunk, m - m0);
            SimdGemm.sgemm(false, false, rows, k, n, 1f, dz, dzOffset + m0 * n, n, w, wOffset, k,
                    0f, scratch, scratchOffset, k, null);
            Im2col.col2imAdd(g, scratch, scratchOffset, m0, rows, dx, dxOffset);
        }
    }

    /** See {@link dev.lanes.kernels.Convolutions#backwardWeights}: dW = Σ_chunks dZᵀ col, db = column sums. */
    public static void backwardWeights(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] dz,
                                       int dzOffset, float[] dw, int dwOffset, float[] dbias, int dbiasOffset,
                                       float[] scratch, int scratchOffset) {
        int m = batch * g.outPixels();
        int n = g.outChannels();
        int k = g.patchSize();
        if (implicit(g)) {
            ImplicitConvWeights.backward(g, batch, x, xOffset, dz, dzOffset, dw, dwOffset, scratch, scratchOffset);
        } else if (pointwise(g)) {
            SimdGemm.sgemm(true, false, n, k, m, 1f, dz, dzOffset, n, x, xOffset, k, 0f, dw, dwOffset, k, null);
        } else if (m == 0) {
            SimdGemm.sgemm(true, false, n, k, 0, 1f, dz, dzOffset, n, x, xOffset, k, 0f, dw, dwOffset, k, null);
        } else {
            int chunk = chunkRows(g, batch);
            for (int m0 = 0; m0 < m; m0 += chunk) {
                int rows = Math.min(chunk, m - m0);
                Im2col.im2col(g, x, xOffset, m0, rows, scratch, scratchOffset);
                SimdGemm.sgemm(true, false, n, k, rows, 1f, dz, dzOffset + m0 * n, n, scratch, scratchOffset, k,
                        m0 == 0 ? 0f : 1f, dw, dwOffset, k, null);
            }
        }
        if (dbias != null) {
            biasGradient(m, n, dz, dzOffset, dbias, dbiasOffset);
        }
    }

    /**
     * db = the column sums of dZ ({@code m x n}, rows contiguous), one vector of columns at a time with four
     * partial sums over rows r, r + 1, r + 2, r + 3, added at the end: the output channels are few (conv1: 16, one
     * vector), so {@link SimdVectors#columnSums}' single sum per column waited on its own add at every row
     * (73,728 rows for conv1 at batch 128). Columns past the last whole vector are summed the same way in scalars
     * (a masked access reaching past the end of an array takes the Vector API's allocating path). The order of the
     * sum depends on m and n only.
     */
    static void biasGradient(int m, int n, float[] dz, int dzOffset, float[] db, int dbOffset) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = s0;
            FloatVector s2 = s0;
            FloatVector s3 = s0;
            int r = 0;
            for (; r + 4 <= m; r += 4) {
                int at = dzOffset + r * n + j;
                s0 = s0.add(FloatVector.fromArray(F, dz, at));
                s1 = s1.add(FloatVector.fromArray(F, dz, at + n));
                s2 = s2.add(FloatVector.fromArray(F, dz, at + 2 * n));
                s3 = s3.add(FloatVector.fromArray(F, dz, at + 3 * n));
            }
            for (; r < m; r++) {
                s0 = s0.add(FloatVector.fromArray(F, dz, dzOffset + r * n + j));
            }
            s0.add(s1).add(s2.add(s3)).intoArray(db, dbOffset + j);
        }
        for (; j < n; j++) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int r = 0;
            for (; r + 4 <= m; r += 4) {
                int at = dzOffset + r * n + j;
                s0 += dz[at];
                s1 += dz[at + n];
                s2 += dz[at + 2 * n];
                s3 += dz[at + 3 * n];
            }
            for (; r < m; r++) {
                s0 += dz[dzOffset + r * n + j];
            }
            db[dbOffset + j] = s0 + s1 + (s2 + s3);
        }
    }
}
