package dev.lanes.kernels.simd;

import dev.lanes.kernels.Conv2dGeometry;

/**
 * The input gradient of a stride-1 convolution as a convolution itself: {@code dx} is dZ convolved with the
 * weights flipped in space and with input and output channels swapped,
 * {@code W'[i][kh][kw][o] = W[o][KH-1-kh][KW-1-kw][i]}, over dZ padded by the kernel's reach minus the forward
 * padding ({@code (KH-1)·dh − padTop} above, and so on). So it runs on the implicit forward kernel
 * ({@link ImplicitConv}) instead of a GEMM into a column matrix followed by a scatter-add. It needs stride 1 and
 * padding at most the reach minus one on every side (otherwise the transposed padding would be negative);
 * other geometries take the column-matrix path.
 */
final class TransposedConv {

    /** The last geometry seen on this thread and its transpose: no allocation when a layer repeats its call. */
    private static final ThreadLocal<Conv2dGeometry[]> LAST = ThreadLocal.withInitial(() -> new Conv2dGeometry[2]);

    private TransposedConv() {
    }

    /** Whether the input gradient of g is a convolution (stride 1, padding within the reach). */
    static boolean applies(Conv2dGeometry g) {
        int reachH = g.dilationHeight() * (g.kernelHeight() - 1);
        int reachW = g.dilationWidth() * (g.kernelWidth() - 1);
        return g.strideHeight() == 1 && g.strideWidth() == 1 && g.padTop() <= reachH && g.padBottom() <= reachH
                && g.padLeft() <= reachW && g.padRight() <= reachW;
    }

    /**
     * Whether the transposed convolution is the faster way to the input gradient: it {@link #applies}, and its
     * useful share of work is at least 0.7. That share is {@code outPixels / inPixels} (the transposed
     * convolution also multiplies the zeros of dZ's padding: a 5x5 "valid" layer on 12x12 images does 2.25 times
     * the work) times {@code min(1, inChannels / L)} (the lanes of its output-channel vectors that are used).
     * The column-matrix path runs at about 0.65 of the implicit kernel's speed (docs/convolution.md), so below
     * 0.7 it is the faster one.
     */
    static boolean pays(Conv2dGeometry g) {
        double lanes = Math.min(1.0, g.inChannels() / (double) Species.L);
        return applies(g) && lanes * g.outPixels() / g.inPixels() >= 0.7;
    }

    /** The geometry of the input-gradient convolution: dZ (outChannels x outHeight x outWidth) to dx. */
    static Conv2dGeometry of(Conv2dGeometry g) {
        Conv2dGeometry[] last = LAST.get();
        if (g.equals(last[0])) {
            return last[1];
        }
        int reachH = g.dilationHeight() * (g.kernelHeight() - 1);
        int reachW = g.dilationWidth() * (g.kernelWidth() - 1);
        Conv2dGeometry t = Conv2dGeometry.builder(g.outChannels(), g.outHeight(), g.outWidth())
                .outChannels(g.inChannels()).kernel(g.kernelHeight(), g.kernelWidth())
                .dilation(g.dilationHeight(), g.dilationWidth())
                .padding(reachH - g.padTop(), reachW - g.padLeft(), reachH - g.padBottom(), reachW - g.padRight())
                .build();
        last[0] = g;
        last[1] = t;
        return t;
    }

    /** Scratch floats of {@link #backwardInput}: the flipped weights and the forward kernel's own. */
    static int scratchSize(Conv2dGeometry g, int batch) {
        return g.weightSize() + ImplicitConv.scratchSize(of(g), batch);
    }

    /** {@code dx = conv(dz, W')}; see {@link dev.lanes.kernels.Convolutions#backwardInput}. */
    static void backwardInput(Conv2dGeometry g, int batch, float[] dz, int dzOffset, float[] w, int wOffset,
                              float[] dx, int dxOffset, float[] scratch, int scratchOffset) {
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int c = g.inChannels();
        int n = g.outChannels();
        for (int i = 0; i < c; i++) {
            for (int h = 0; h < kh; h++) {
                for (int v = 0; v < kw; v++) {
                    int to = scratchOffset + ((i * kh + h) * kw + v) * n;
                    int from = wOffset + ((kh - 1 - h) * kw + (kw - 1 - v)) * c + i;
                    for (int o = 0; o < n; o++) {
                        scratch[to + o] = w[from + o * g.patchSize()];
                    }
                }
            }
        }
        ImplicitConv.forward(of(g), batch, dz, dzOffset, scratch, scratchOffset, dx, dxOffset, null, scratch,
                scratchOffset + g.weightSize());
    }
}
