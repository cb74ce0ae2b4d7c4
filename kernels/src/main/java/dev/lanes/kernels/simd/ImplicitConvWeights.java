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
 * <p>The work items are (partial sum, tile of window positions). A layer with few window positions (a first
 * layer: 25 for 5x5 on one channel) would leave a second thread idle, so it sums the output pixels in
 * {@link #partialSums} fixed parts, added at the end in order; others have one part. Threads take whole work
 * items, each running its sum slice after slice: every element is summed in the same order at any thread count.
 */
final class ImplicitConvWeights {

    private static final ThreadLocal<WeightsCall> CALLS = ThreadLocal.withInitial(WeightsCall::new);

    private ImplicitConvWeights() {
    }

    /** Scratch floats: the partial sums of dWᵀ, and a group of padded images for a padded geometry. */
    static int scratchSize(Conv2dGeometry g, int batch) {
        return partialSums(g) * g.weightSize() + (ImplicitConv.padded(g)
                ? ImplicitConv.groupImages(g, batch) * ImplicitConv.paddedImageFloats(g) : 0);
    }

    /** Rows of one tile of window positions: 2 MR with the narrow kernel (at most L output channels), else MR. */
    private static int tileRows(Conv2dGeometry g) {
        return g.outChannels() <= Species.L ? ConvMicroKernel.NARROW_ROWS : MR;
    }

    /**
     * Parts the sum over output pixels is cut into: 4 when there are fewer than 4 tiles of window positions
     * (too few work items for the threads), else 1. A function of the geometry, not of the thread count.
     */
    static int partialSums(Conv2dGeometry g) {
        int tiles = (g.patchSize() + tileRows(g) - 1) / tileRows(g);
        return tiles < 4 ? 4 : 1;
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
        int tileRows = tileRows(g);
        int partials = partialSums(g);
        ImplicitConv.Workspace ws = ImplicitConv.WORKSPACES.get();
        int[] taps = ws.taps(GemmBlocking.roundUp(k, tileRows));
        ImplicitConv.tapOffsets(g, width, taps);
        Arrays.fill(taps, k, taps.length, taps[k - 1]);
        int group = padded ? ImplicitConv.groupImages(g, batch) : batch;
        int imageFloats = padded ? ImplicitConv.paddedImageFloats(g) : g.inputSize();
        int padOffset = scratchOffset + partials * g.weightSize();
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
                call.set(g, source, sourceOffset, imageFloats, width, taps, tileRows, partials, dz,
                        dzOffset + n0 * g.outPixels() * n, rows, n0 == 0, scratch, scratchOffset);
                int items = partials * ((k + tileRows - 1) / tileRows);
                WorkerPool pool = WorkerPool.get();
                int parts = (long) rows * n * k < PARALLEL_MIN_VOLUME ? 1 : Math.min(pool.threads(), items);
                if (parts <= 1) {
                    call.items(0, items);
                } else {
                    pool.run(call, parts);
                }
            }
        } finally {
            call.clear();
        }
        int size = g.weightSize();
        for (int o = 0; o < n; o++) {
            for (int p = 0; p < k; p++) {
                float sum = scratch[scratchOffset + p * n + o];
                for (int s = 1; s < partials; s++) {
                    sum += scratch[scratchOffset + s * size + p * n + o];
                }
                dw[dwOffset + o * k + p] = sum;
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
        private int partials;
        private float[] dz;
        private int dzOffset;
        private int rows;
        private boolean firstGroup;
        private float[] dwT;
        private int dwTOffset;

        void set(Conv2dGeometry g, float[] source, int sourceOffset, int imageFloats, int width, int[] taps,
                 int tileRows, int partials, float[] dz, int dzOffset, int rows, boolean firstGroup, float[] dwT,
                 int dwTOffset) {
            this.g = g;
            this.source = source;
            this.sourceOffset = sourceOffset;
            this.imageFloats = imageFloats;
            this.width = width;
            this.taps = taps;
            this.tileRows = tileRows;
            this.partials = partials;
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
            int items = partials * ((g.patchSize() + tileRows - 1) / tileRows);
            items(items * part / parts, items * (part + 1) / parts);
        }

        /**
         * Work items [from, to): item i is tile {@code i % tiles} of window positions in partial sum
         * {@code i / tiles}. Consecutive tiles of one partial sum run together, so each slice of dZ is packed
         * once for all of them.
         */
        void items(int from, int to) {
            int k = g.patchSize();
            int tiles = (k + tileRows - 1) / tileRows;
            for (int i = from; i < to; ) {
                int part = i / tiles;
                int last = Math.min(to, (part + 1) * tiles);
                tile(i % tiles * tileRows, Math.min(k, ((last - 1) % tiles + 1) * tileRows),
                        rows * part / partials, rows * (part + 1) / partials, part * g.weightSize());
                i = last;
            }
        }

        /**
         * Rows [tapFrom, tapTo) of the partial sum of dWᵀ at {@code partialOffset} over this group's output pixels
         * [pixelFrom, pixelTo).
         */
        private void tile(int tapFrom, int tapTo, int pixelFrom, int pixelTo, int partialOffset) {
            ImplicitConv.Workspace ws = ImplicitConv.WORKSPACES.get();
            int n = g.outChannels();
            boolean narrow = tileRows != MR;
            float[] packed = ws.packedB(KC * GemmBlocking.roundUp(n, NR));
            int[] bases = ws.bases;
            if (pixelFrom == pixelTo && firstGroup) {
                for (int it = tapFrom; it < tapTo; it++) {
                    Arrays.fill(dwT, dwTOffset + partialOffset + it * n, dwTOffset + partialOffset + (it + 1) * n, 0f);
                }
            }
            for (int pc = pixelFrom; pc < pixelTo; pc += KC) {
                int kc = Math.min(KC, pixelTo - pc);
                ImplicitConv.windowStarts(g, width, sourceOffset, imageFloats, pc, kc, bases);
                Packing.packB(false, dz, dzOffset, n, pc, kc, 0, n, packed, 0, ws.gatherIndex);
                float beta = firstGroup && pc == pixelFrom ? 0f : 1f;
                for (int jr = 0; jr < n; jr += NR) {
                    int nr = Math.min(NR, n - jr);
                    int bBase = jr / NR * kc * NR;
                    for (int it = tapFrom; it < tapTo; it += tileRows) {
                        int mr = Math.min(tileRows, tapTo - it);
                        int cIndex = dwTOffset + partialOffset + it * n + jr;
                        if (narrow) {
                            ConvMicroKernel.multiplyNarrow(mr, kc, source, taps, it, bases, 0, packed, bBase, ws.tile);
                        } else {
                            ConvMicroKernel.multiply(kc, source, taps, it, bases, 0, packed, bBase, ws.tile);
                        }
                        TileWriter.write(ws.tile, mr, nr, 1f, beta, dwT, cIndex, n);
                    }
                }
            }
        }
    }
}
