package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.GemmBlocking.KC;
import static dev.lanes.kernels.simd.GemmBlocking.PARALLEL_MIN_VOLUME;
import static dev.lanes.kernels.simd.MicroKernel.MR;
import static dev.lanes.kernels.simd.MicroKernel.NR;

import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.internal.WorkerPool;
import java.util.Arrays;

/**
 * The convolution's forward pass as an implicit GEMM: {@code Y = col(X) Wᵀ} with the BLIS loops of
 * {@link GemmDriver} and its tile writer and epilogues, but A is never packed or materialised: the micro-kernel
 * ({@link ConvMicroKernel}) reads each window straight from the image through a table of row bases (one per
 * output pixel) and a table of tap offsets (one per window position). Only the weights are packed, once per
 * call, into the caller's scratch. A padded geometry first copies a group of images into the scratch with zero
 * borders, so that every window lies inside memory and the kernel needs no bounds checks.
 *
 * <p>Rows (output pixels) are split across threads in whole MR tiles; every element is one fixed sum, so results
 * do not depend on the thread count.
 */
final class ImplicitConv {

    /** Output rows per block: the row bases computed at once; their C block stays in L2 across the K slices. */
    static final int ROW_BLOCK = 6 * ConvMicroKernel.NARROW_ROWS;

    /** Target floats of one group of padded images in scratch (1 MiB): one group is padded, then convolved. */
    private static final int PAD_GROUP_FLOATS = 1 << 18;

    /** One thread's tables and buffers, allocated on first use and grown when a larger call needs them. */
    static final class Workspace {
        final float[] tile = new float[ConvMicroKernel.NARROW_ROWS * NR];
        final float[] packedA = new float[ROW_BLOCK * KC];
        final int[] bases = new int[Math.max(ROW_BLOCK, KC) + Species.L];
        final int[] gatherIndex = new int[Math.max(MR, NR)];
        final int[] rowH = new int[ROW_BLOCK];
        final int[] rowW = new int[ROW_BLOCK];
        int[] taps = new int[0];
        int[] tapH = new int[0];
        int[] tapW = new int[0];
        int[] tapOffset = new int[0];
        float[] packedB = new float[0];

        /** The tap table, at least k + one vector long (the slack keeps padded tiles and gathers in range). */
        int[] taps(int k) {
            if (taps.length < k + Species.L) {
                taps = new int[k + Species.L];
            }
            return taps;
        }

        /** Three more per-window-position tables of at least k entries: row, column and offset in the image. */
        void tapTables(int k) {
            if (tapH.length < k) {
                tapH = new int[k];
                tapW = new int[k];
                tapOffset = new int[k];
            }
        }

        float[] packedB(int floats) {
            if (packedB.length < floats) {
                packedB = new float[floats];
            }
            return packedB;
        }
    }

    /**
     * With {@code -Dlanes.conv.packA=true} the windows are gathered into packed A panels (once per ROW_BLOCK x KC block)
     * and multiplied by the GEMM's own {@link MicroKernel}, the implicit GEMM of the literature; by default the
     * micro-kernel reads them from the image itself. For measurements (docs/convolution.md).
     */
    static final boolean PACK_A = Boolean.getBoolean("lanes.conv.packA");

    static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);
    private static final ThreadLocal<ForwardCall> CALLS = ThreadLocal.withInitial(ForwardCall::new);

    private ImplicitConv() {
    }

    /** Floats of the packed weights: ceil(K / KC) slices of {@code KC x roundUp(N, NR)}. */
    static int packedWeightFloats(Conv2dGeometry g) {
        return (g.patchSize() + KC - 1) / KC * KC * GemmBlocking.roundUp(g.outChannels(), NR);
    }

    static boolean padded(Conv2dGeometry g) {
        return g.padTop() + g.padLeft() + g.padBottom() + g.padRight() > 0;
    }

    static int paddedImageFloats(Conv2dGeometry g) {
        return (g.inHeight() + g.padTop() + g.padBottom()) * (g.inWidth() + g.padLeft() + g.padRight())
                * g.inChannels();
    }

    /** Images padded at once: about {@link #PAD_GROUP_FLOATS} floats, at least one, at most the batch. */
    static int groupImages(Conv2dGeometry g, int batch) {
        return Math.max(1, Math.min(batch, PAD_GROUP_FLOATS / paddedImageFloats(g)));
    }

    /** Scratch floats of {@link #forward}. */
    static int scratchSize(Conv2dGeometry g, int batch) {
        return packedWeightFloats(g) + (padded(g) ? groupImages(g, batch) * paddedImageFloats(g) : 0);
    }

    /** {@code y = epilogue(conv(x, w))}; see {@link dev.lanes.kernels.Convolutions#forward}. */
    static void forward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] w, int wOffset,
                        float[] y, int yOffset, Epilogue epilogue, float[] scratch, int scratchOffset) {
        int n = g.outChannels();
        int k = g.patchSize();
        Workspace ws = WORKSPACES.get();
        int sliceFloats = KC * GemmBlocking.roundUp(n, NR);
        for (int pc = 0; pc < k; pc += KC) {
            Packing.packB(true, w, wOffset, k, pc, Math.min(KC, k - pc), 0, n, scratch,
                    scratchOffset + pc / KC * sliceFloats, ws.gatherIndex);
        }
        boolean padded = padded(g);
        int paddedWidth = g.inWidth() + g.padLeft() + g.padRight();
        int width = padded ? paddedWidth : g.inWidth();
        int[] taps = ws.taps(k);
        tapOffsets(g, width, taps);
        int group = padded ? groupImages(g, batch) : batch;
        int imageFloats = padded ? paddedImageFloats(g) : g.inputSize();
        int padOffset = scratchOffset + packedWeightFloats(g);
        ForwardCall call = CALLS.get();
        try {
            for (int n0 = 0; n0 < batch; n0 += group) {
                int images = Math.min(group, batch - n0);
                float[] source = x;
                int sourceOffset = xOffset + n0 * g.inputSize();
                if (padded) {
                    pad(g, images, x, sourceOffset, scratch, padOffset);
                    source = scratch;
                    sourceOffset = padOffset;
                }
                int rows = images * g.outPixels();
                call.set(g, source, sourceOffset, imageFloats, width, taps, scratch, scratchOffset, y,
                        yOffset + n0 * g.outPixels() * n, n0 * g.outPixels(), epilogue);
                int tiles = (rows + MR - 1) / MR;
                WorkerPool pool = WorkerPool.get();
                int parts = (long) rows * n * k < PARALLEL_MIN_VOLUME ? 1 : Math.min(pool.threads(), tiles);
                if (parts <= 1) {
                    call.rows(0, rows);
                } else {
                    call.rowCount = rows;
                    pool.run(call, parts);
                }
            }
        } finally {
            call.clear();
        }
    }

    /** {@code taps[p]} for p = (kh, kw, ci): the window position's offset from the window's first element. */
    static void tapOffsets(Conv2dGeometry g, int width, int[] taps) {
        int c = g.inChannels();
        int p = 0;
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                int at = (kh * g.dilationHeight() * width + kw * g.dilationWidth()) * c;
                for (int ci = 0; ci < c; ci++) {
                    taps[p++] = at + ci;
                }
            }
        }
    }

    /**
     * {@code bases[r]} = where the window of output pixel {@code row0 + r} starts in the source (images of
     * {@code imageFloats} floats from {@code sourceOffset}, rows {@code width} pixels wide), r in [0, count).
     */
    static void windowStarts(Conv2dGeometry g, int width, int sourceOffset, int imageFloats, int row0, int count,
                             int[] bases) {
        int c = g.inChannels();
        int outW = g.outWidth();
        int pixels = g.outPixels();
        int image = row0 / pixels;
        int oh = row0 % pixels / outW;
        int ow = row0 % pixels % outW;
        int rowStep = g.strideHeight() * width * c;
        int colStep = g.strideWidth() * c;
        for (int r = 0; r < count; r++) {
            bases[r] = sourceOffset + image * imageFloats + oh * rowStep + ow * colStep;
            if (++ow == outW) {
                ow = 0;
                if (++oh == g.outHeight()) {
                    oh = 0;
                    image++;
                }
            }
        }
    }

    /** Copies {@code images} images into {@code dst} with zero borders of the geometry's padding. */
    static void pad(Conv2dGeometry g, int images, float[] x, int xOffset, float[] dst, int dstOffset) {
        int c = g.inChannels();
        int rowFloats = (g.inWidth() + g.padLeft() + g.padRight()) * c;
        int imageFloats = paddedImageFloats(g);
        for (int i = 0; i < images; i++) {
            int image = dstOffset + i * imageFloats;
            Arrays.fill(dst, image, image + g.padTop() * rowFloats, 0f);
            for (int h = 0; h < g.inHeight(); h++) {
                int row = image + (g.padTop() + h) * rowFloats;
                Arrays.fill(dst, row, row + g.padLeft() * c, 0f);
                Im2col.copy(x, xOffset + i * g.inputSize() + h * g.inWidth() * c, dst, row + g.padLeft() * c,
                        g.inWidth() * c);
                Arrays.fill(dst, row + (g.padLeft() + g.inWidth()) * c, row + rowFloats, 0f);
            }
            Arrays.fill(dst, image + (g.padTop() + g.inHeight()) * rowFloats, image + imageFloats, 0f);
        }
    }

    /** One caller's forward over one group of images, kept per thread and reused so a call allocates nothing. */
    private static final class ForwardCall implements WorkerPool.Job {
        private Conv2dGeometry g;
        private float[] source;
        private int sourceOffset;
        private int imageFloats;
        private int width;
        private int[] taps;
        private float[] packedW;
        private int packedWOffset;
        private float[] y;
        private int yOffset;
        private int firstRow;
        private Epilogue epilogue;
        private int rowCount;

        void set(Conv2dGeometry g, float[] source, int sourceOffset, int imageFloats, int width, int[] taps,
                 float[] packedW, int packedWOffset, float[] y, int yOffset, int firstRow, Epilogue epilogue) {
            this.g = g;
            this.source = source;
            this.sourceOffset = sourceOffset;
            this.imageFloats = imageFloats;
            this.width = width;
            this.taps = taps;
            this.packedW = packedW;
            this.packedWOffset = packedWOffset;
            this.y = y;
            this.yOffset = yOffset;
            this.firstRow = firstRow;
            this.epilogue = epilogue;
        }

        void clear() {
            g = null;
            source = null;
            taps = null;
            packedW = null;
            y = null;
            epilogue = null;
        }

        @Override
        public void runPart(int part, int parts) {
            int tiles = (rowCount + MR - 1) / MR;
            int from = Math.min(rowCount, tiles * part / parts * MR);
            int to = Math.min(rowCount, tiles * (part + 1) / parts * MR);
            rows(from, to);
        }

        /** Output rows [rowFrom, rowTo) of this group (row = image · outPixels + oh · outWidth + ow). */
        void rows(int rowFrom, int rowTo) {
            Workspace ws = WORKSPACES.get();
            int n = g.outChannels();
            int k = g.patchSize();
            int sliceFloats = KC * GemmBlocking.roundUp(n, NR);
            int[] bases = ws.bases;
            boolean narrow = n <= Species.L && !PACK_A;
            int step = narrow ? ConvMicroKernel.NARROW_ROWS : MR;
            for (int ic = rowFrom; ic < rowTo; ic += ROW_BLOCK) {
                int mc = Math.min(ROW_BLOCK, rowTo - ic);
                rowBases(ic, mc, step, bases);
                for (int pc = 0; pc < k; pc += KC) {
                    int kc = Math.min(KC, k - pc);
                    float sliceBeta = pc == 0 ? 0f : 1f;
                    boolean lastSlice = pc + kc == k;
                    int slice = packedWOffset + pc / KC * sliceFloats;
                    if (PACK_A) {
                        packA(mc, kc, pc, bases, ws.packedA);
                    }
                    for (int jr = 0; jr < n; jr += NR) {
                        int nr = Math.min(NR, n - jr);
                        int bBase = slice + jr / NR * kc * NR;
                        for (int ir = 0; ir < mc; ir += step) {
                            int mr = Math.min(step, mc - ir);
                            int row = ic + ir;
                            int cIndex = yOffset + row * n + jr;
                            if (narrow && mr == step && bases[ir + step - 1] - bases[ir] == step - 1) {
                                // consecutive image elements (the bases only grow, by at least 1 per row)
                                ConvMicroKernel.multiplyNarrowContiguous(kc, source, bases[ir], taps, pc, packedW, bBase,
                                        ws.tile);
                            } else if (narrow) {
                                ConvMicroKernel.multiplyNarrow(mr, kc, source, bases, ir, taps, pc, packedW, bBase,
                                        ws.tile);
                            } else if (PACK_A) {
                                MicroKernel.multiply(kc, ws.packedA, ir / MR * kc * MR, packedW, bBase, ws.tile);
                            } else {
                                ConvMicroKernel.multiply(kc, source, bases, ir, taps, pc, packedW, bBase, ws.tile);
                            }
                            TileWriter.write(ws.tile, mr, nr, 1f, sliceBeta, y, cIndex, n);
                            if (lastSlice && epilogue != null) {
                                epilogue.finish(y, cIndex, n, firstRow + row, jr, mr, nr);
                            }
                        }
                    }
                }
            }
        }

        /**
         * Packs the windows of the block's rows, positions [pc, pc + kc), as the GEMM's A micro-panels
         * ({@code dst[panel kc MR + p MR + r]}): per window position one gather of MR image elements, indexed by
         * the row bases.
         */
        private void packA(int mc, int kc, int pc, int[] bases, float[] dst) {
            for (int ir = 0; ir < mc; ir += MR) {
                int base = ir / MR * kc * MR;
                for (int r = 0; r < MR; r += Species.L) {
                    jdk.incubator.vector.VectorMask<Float> m = Species.F.indexInRange(r, MR);
                    for (int p = 0; p < kc; p++) {
                        jdk.incubator.vector.FloatVector.fromArray(Species.F, source, taps[pc + p], bases, ir + r, m)
                                .intoArray(dst, base + p * MR + r, m);
                    }
                }
            }
        }

        /**
         * The window starts of rows [row0, row0 + count) into {@code bases}, padded to whole tiles of step rows (and
         * one vector more, for the gathers of {@link #packA}) with the last row's: the extra rows read valid memory
         * and are never written.
         */
        private void rowBases(int row0, int count, int step, int[] bases) {
            windowStarts(g, width, sourceOffset, imageFloats, row0, count, bases);
            Arrays.fill(bases, count, GemmBlocking.roundUp(count, step) + Species.L, bases[count - 1]);
        }
    }
}
