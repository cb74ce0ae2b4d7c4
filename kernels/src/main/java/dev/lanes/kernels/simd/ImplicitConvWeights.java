package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.GemmBlocking.KC;
import static dev.lanes.kernels.simd.GemmBlocking.PARALLEL_MIN_VOLUME;
import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.internal.WorkerPool;
import java.util.Arrays;

/**
 * The weight gradient as an implicit GEMM, {@code dWᵀ = col(X)ᵀ dZ} (K x N, summed over the M output pixels):
 * the convolution micro-kernel with the roles of its two index tables swapped. Its tile rows are window positions
 * (the tap offsets) and its depth runs over output pixels (the row bases), so
 * {@code A(i, m) = x[taps[i] + bases[m]]} is read from the image and the column matrix is never built; dZ is
 * packed in KC-row slices as the GEMM's B. The K x N result accumulates over the slices in the caller's scratch
 * and is transposed into dW (N x K) at the end.
 *
 * <p>Threads take whole tiles of window positions and run the full sum over the pixels, slice after slice, so
 * every element is summed in the same order at any thread count.
 */
final class ImplicitConvWeights {

    private static final ThreadLocal<WeightsCall> CALLS = ThreadLocal.withInitial(WeightsCall::new);

    private ImplicitConvWeights() {
    }

    /** Scratch floats: dWᵀ, and a group of padded images for a padded geometry. */
    static int scratchSize(Conv2dGeometry g, int batch) {
        return g.weightSize() + (ImplicitConv.padded(g)
                ? ImplicitConv.groupImages(g, batch) * ImplicitConv.paddedImageFloats(g) : 0);
    }

    /** {@code dw = dzᵀ col(x)}; see {@link dev.lanes.kernels.Convolutions#backwardWeights}. */
    static void backward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] dz, int dzOffset,
                         float[] dw, int dwOffset, float[] scratch, int scratchOffset) {
        int n = g.outChannels();
        int k = g.patchSize();
        if (batch == 0) {
            Arrays.fill(dw, dwOffset, dwOffset + g.weightSize(), 0f);
            return;
        }
        boolean padded = ImplicitConv.padded(g);
        int width = padded ? g.inWidth() + g.padLeft() + g.padRight() : g.inWidth();
        int tileRows = n <= Species.L ? ConvMicroKernel.NARROW_ROWS : MR;
        ImplicitConv.Workspace ws = ImplicitConv.WORKSPACES.get();
        int[] taps = ws.taps(GemmBlocking.roundUp(k, tileRows));
        ImplicitConv.tapOffsets(g, width, taps);
        Arrays.fill(taps, k, taps.length, taps[k - 1]);
        int group = padded ? ImplicitConv.groupImages(g, batch) : batch;
        int imageFloats = padded ? ImplicitConv.paddedImageFloats(g) : g.inputSize();
        int padOffset = scratchOffset + g.weightSize();
        WeightsCall call = CALLS.get();
        try {
            for (int n0 = 0; n0 < batch; n0 += group) {
                int images = Math.min(group, batch - n0);
                float[] source = x;
                int sourceOffset = xOffset + n0 * g.inputSize();
                if (padded) {
                    ImplicitConv.pad(g, images, x, sourceOffset, scratch, padOffset);
                    source = scratch;
                    sourceOffset = padOffset;
                }
                int rows = images * g.outPixels();
                call.set(g, source, sourceOffset, imageFloats, width, taps, tileRows, dz,
                        dzOffset + n0 * g.outPixels() * n, rows, n0 == 0, scratch, scratchOffset);
                int tiles = (k + tileRows - 1) / tileRows;
                WorkerPool pool = WorkerPool.get();
                int parts = (long) rows * n * k < PARALLEL_MIN_VOLUME ? 1 : Math.min(pool.threads(), tiles);
                if (parts <= 1) {
                    call.taps(0, k);
                } else {
                    pool.run(call, parts);
                }
            }
        } finally {
            call.clear();
        }
        for (int o = 0; o < n; o++) {
            for (int p = 0; p < k; p++) {
                dw[dwOffset + o * k + p] = scratch[scratchOffset + p * n + o];
            }
        }
    }

    /** One caller's weight gradient over one group of images, kept per thread and reused. */
    private static final class WeightsCall implements WorkerPool.Job {
        private Conv2dGeometry g;
        private float[] source;
        private int sourceOffset;
        private int imageFloats;
        private int width;
        private int[] taps;
        private int tileRows;
        private float[] dz;
        private int dzOffset;
        private int rows;
        private boolean firstGroup;
        private float[] dwT;
        private int dwTOffset;

        void set(Conv2dGeometry g, float[] source, int sourceOffset, int imageFloats, int width, int[] taps,
                 int tileRows, float[] dz, int dzOffset, int rows, boolean firstGroup, float[] dwT, int dwTOffset) {
            this.g = g;
            this.source = source;
            this.sourceOffset = sourceOffset;
            this.imageFloats = imageFloats;
            this.width = width;
            this.taps = taps;
            this.tileRows = tileRows;
            this.dz = dz;
            this.dzOffset = dzOffset;
            this.rows = rows;
            this.firstGroup = firstGroup;
            this.dwT = dwT;
            this.dwTOffset = dwTOffset;
        }

        void clear() {
            g = null;
            source = null;
            taps = null;
            dz = null;
            dwT = null;
        }

        @Override
        public void runPart(int part, int parts) {
            int k = g.patchSize();
            int tiles = (k + tileRows - 1) / tileRows;
            taps(Math.min(k, tiles * part / parts * tileRows), Math.min(k, tiles * (part + 1) / parts * tileRows));
        }

        /** Rows [tapFrom, tapTo) of dWᵀ (window positions), summed over all of this group's output pixels. */
        void taps(int tapFrom, int tapTo) {
            ImplicitConv.Workspace ws = ImplicitConv.WORKSPACES.get();
            int n = g.outChannels();
            boolean narrow = tileRows != MR;
            float[] packed = ws.packedB(KC * GemmBlocking.roundUp(n, NR));
            int[] bases = ws.bases;
            for (int pc = 0; pc < rows; pc += KC) {
                int kc = Math.min(KC, rows - pc);
                ImplicitConv.windowStarts(g, width, sourceOffset, imageFloats, pc, kc, bases);
                Packing.packB(false, dz, dzOffset, n, pc, kc, 0, n, packed, 0, ws.gatherIndex);
                float beta = firstGroup && pc == 0 ? 0f : 1f;
                for (int jr = 0; jr < n; jr += NR) {
                    int nr = Math.min(NR, n - jr);
                    int bBase = jr / NR * kc * NR;
                    for (int it = tapFrom; it < tapTo; it += tileRows) {
                        int mr = Math.min(tileRows, tapTo - it);
                        if (narrow) {
                            ConvMicroKernel.multiplyNarrow(mr, kc, source, taps, it, bases, 0, packed, bBase, ws.tile);
                        } else {
                            ConvMicroKernel.multiply(kc, source, taps, it, bases, 0, packed, bBase, ws.tile);
                        }
                        TileWriter.write(ws.tile, mr, nr, 1f, beta, dwT, dwTOffset + it * n + jr, n);
                    }
                }
            }
        }
    }
}
