package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.GemmBlocking.KC;
import static dev.lanes.kernels.simd.GemmBlocking.PARALLEL_MIN_VOLUME;
import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;
import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.internal.WorkerPool;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * The input gradient as a GEMM whose tiles are scattered straight into dx: {@code dcol = dZ W} is computed one
 * MR x NR tile at a time (rows: output pixels, columns: window positions) by the convolution micro-kernel, and
 * each finished tile is added to the input positions its windows cover while it is in L1 (col2im fused into the
 * GEMM's write-back), so the column matrix is never stored. Where the channels are a multiple of the vector
 * width, each vector of a tile row is one window position's channels, contiguous in dx: one vector add, skipped
 * when the position is padding. Otherwise the tile is added element by element.
 *
 * <p>Needs outChannels at most KC (one slice of the GEMM's depth). Threads take whole images and each image's
 * tiles run in the same order whatever the split, so every element of dx receives its terms in the same order
 * at any thread count.
 */
final class ImplicitConvInput {

    private static final ThreadLocal<InputCall> CALLS = ThreadLocal.withInitial(InputCall::new);

    private ImplicitConvInput() {
    }

    /** Whether the fused path applies: the GEMM's depth (outChannels) fits one slice. */
    static boolean applies(Conv2dGeometry g) {
        return g.outChannels() <= KC;
    }

    /** Scratch floats: the packed weights, {@code roundUp(K, NR) x N}. */
    static int scratchSize(Conv2dGeometry g) {
        return GemmBlocking.roundUp(g.patchSize(), NR) * g.outChannels();
    }

    /** {@code dx = col⁻¹(dZ W)}; see {@link dev.lanes.kernels.Convolutions#backwardInput}. */
    static void backward(Conv2dGeometry g, int batch, float[] dz, int dzOffset, float[] w, int wOffset,
                         float[] dx, int dxOffset, float[] scratch, int scratchOffset) {
        int n = g.outChannels();
        int k = g.patchSize();
        Arrays.fill(dx, dxOffset, dxOffset + batch * g.inputSize(), 0f);
        if (batch == 0) {
            return;
        }
        ImplicitConv.Workspace ws = ImplicitConv.WORKSPACES.get();
        Packing.packB(false, w, wOffset, k, 0, n, 0, k, scratch, scratchOffset, ws.gatherIndex);
        int[] channels = ws.taps(Math.max(n, k));
        for (int o = 0; o < channels.length; o++) {
            channels[o] = Math.min(o, n - 1);
        }
        ws.tapTables(k);
        int c = g.inChannels();
        for (int p = 0; p < k; p++) {
            ws.tapH[p] = p / c / g.kernelWidth() * g.dilationHeight();
            ws.tapW[p] = p / c % g.kernelWidth() * g.dilationWidth();
            ws.tapOffset[p] = (ws.tapH[p] * g.inWidth() + ws.tapW[p]) * c + p % c;
        }
        InputCall call = CALLS.get();
        call.set(g, batch, dz, dzOffset, channels, ws.tapH, ws.tapW, ws.tapOffset, scratch, scratchOffset, dx,
                dxOffset);
        try {
            WorkerPool pool = WorkerPool.get();
            long volume = (long) batch * g.outPixels() * n * k;
            int parts = volume < PARALLEL_MIN_VOLUME ? 1 : Math.min(pool.threads(), batch);
            if (parts <= 1) {
                call.images(0, batch);
            } else {
                pool.run(call, parts);
            }
        } finally {
            call.clear();
        }
    }

    /** One caller's input gradient, kept per thread and reused so a call allocates nothing. */
    private static final class InputCall implements WorkerPool.Job {
        private Conv2dGeometry g;
        private int batch;
        private float[] dz;
        private int dzOffset;
        private int[] channels;
        private int[] tapH;
        private int[] tapW;
        private int[] tapOffset;
        private float[] packedW;
        private int packedWOffset;
        private float[] dx;
        private int dxOffset;

        void set(Conv2dGeometry g, int batch, float[] dz, int dzOffset, int[] channels, int[] tapH, int[] tapW,
                 int[] tapOffset, float[] packedW, int packedWOffset, float[] dx, int dxOffset) {
            this.g = g;
            this.batch = batch;
            this.dz = dz;
            this.dzOffset = dzOffset;
            this.channels = channels;
            this.tapH = tapH;
            this.tapW = tapW;
            this.tapOffset = tapOffset;
            this.packedW = packedW;
            this.packedWOffset = packedWOffset;
            this.dx = dx;
            this.dxOffset = dxOffset;
        }

        void clear() {
            g = null;
            dz = null;
            channels = null;
            tapH = null;
            tapW = null;
            tapOffset = null;
            packedW = null;
            dx = null;
        }

        @Override
        public void runPart(int part, int parts) {
            images(batch * part / parts, batch * (part + 1) / parts);
        }

        /** dx of images [from, to), one image after the other. */
        void images(int from, int to) {
            ImplicitConv.Workspace ws = ImplicitConv.WORKSPACES.get();
            int n = g.outChannels();
            int k = g.patchSize();
            int pixels = g.outPixels();
            int[] rows = ws.bases;
            for (int image = from; image < to; image++) {
                for (int p0 = 0; p0 < pixels; p0 += ImplicitConv.ROW_BLOCK) {
                    int count = Math.min(ImplicitConv.ROW_BLOCK, pixels - p0);
                    int first = dzOffset + (image * pixels + p0) * n;
                    for (int r = 0; r < count; r++) {
                        rows[r] = first + r * n;
                        ws.rowH[r] = (p0 + r) / g.outWidth() * g.strideHeight() - g.padTop();
                        ws.rowW[r] = (p0 + r) % g.outWidth() * g.strideWidth() - g.padLeft();
                    }
                    Arrays.fill(rows, count, GemmBlocking.roundUp(count, MR) + L, rows[count - 1]);
                    for (int jr = 0; jr < k; jr += NR) {
                        int nr = Math.min(NR, k - jr);
                        int bBase = packedWOffset + jr / NR * n * NR;
                        for (int ir = 0; ir < count; ir += MR) {
                            int mr = Math.min(MR, count - ir);
                            ConvMicroKernel.multiply(n, dz, rows, ir, channels, 0, packedW, bBase, ws.tile);
                            scatter(ws.tile, image, ws.rowH, ws.rowW, ir, mr, jr, nr);
                        }
                    }
                }
            }
        }

        /**
         * Adds the tile (rows: the output pixels whose first input row and column are {@code rowH[row0 ...]},
         * {@code rowW[row0 ...]}; columns: window positions [p0, p0 + cols)) to the image's dx, dropping positions
         * on padding. Every vector of a tile row is one window position's channels when they are a multiple of L.
         * Columns run outside, rows inside: neighbouring pixels' windows overlap, so a row-by-row order would add
         * to an element of dx right after storing it, waiting on the store each time (it measured 40 % slower).
         */
        private void scatter(float[] tile, int image, int[] rowH, int[] rowW, int row0, int rows, int p0, int cols) {
            int c = g.inChannels();
            int inH = g.inHeight();
            int inW = g.inWidth();
            int base = dxOffset + image * g.inputSize();
            boolean vectors = c % L == 0;
            boolean inside = !ImplicitConv.padded(g);
            int step = vectors ? L : 1;
            for (int j = 0; j < cols; j += step) {
                int p = p0 + j;
                int th = tapH[p];
                int tw = tapW[p];
                int offset = base + tapOffset[p];
                for (int r = 0; r < rows; r++) {
                    int ih0 = rowH[row0 + r];
                    int iw0 = rowW[row0 + r];
                    if (!inside && (ih0 + th < 0 || ih0 + th >= inH || iw0 + tw < 0 || iw0 + tw >= inW)) {
                        continue;
                    }
                    int at = offset + (ih0 * inW + iw0) * c;
                    if (vectors) {
                        FloatVector.fromArray(F, dx, at).add(FloatVector.fromArray(F, tile, r * NR + j))
                                .intoArray(dx, at);
                    } else {
                        dx[at] += tile[r * NR + j];
                    }
                }
            }
        }
    }
}
