package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Conv2dGeometry;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The column matrix of a convolution over NHWC images and its adjoint: row m of col(X) is output pixel m's
 * window, {@code kernelHeight x kernelWidth x inChannels} floats in the order of a weight row (OHWI), zeros where
 * the window lies on padding. Because the channels are fastest, a window row with dilation 1 that lies inside the
 * image is one contiguous run of {@code kernelWidth x inChannels} floats in x, copied with vectors.
 */
final class Im2col {

    private Im2col() {
    }

    /** Writes rows [m0, m0 + rows) of col(x), row stride {@code patchSize()}, to {@code col[colOffset...]}. */
    static void im2col(Conv2dGeometry g, float[] x, int xOffset, int m0, int rows, float[] col, int colOffset) {
        int c = g.inChannels();
        int kw = g.kernelWidth();
        int k = g.patchSize();
        int outW = g.outWidth();
        int pixels = g.outPixels();
        int n = m0 / pixels;
        int oh = m0 % pixels / outW;
        int ow = m0 % pixels % outW;
        for (int r = 0; r < rows; r++) {
            int dst = colOffset + r * k;
            int image = xOffset + n * g.inputSize();
            int iw0 = ow * g.strideWidth() - g.padLeft();
            boolean rowInside = g.dilationWidth() == 1 && iw0 >= 0 && iw0 + kw <= g.inWidth();
            for (int kh = 0; kh < g.kernelHeight(); kh++) {
                int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
                int seg = dst + kh * kw * c;
                if (ih < 0 || ih >= g.inHeight()) {
                    Arrays.fill(col, seg, seg + kw * c, 0f);
                } else if (rowInside) {
                    copy(x, image + (ih * g.inWidth() + iw0) * c, col, seg, kw * c);
                } else {
                    for (int j = 0; j < kw; j++) {
                        int iw = iw0 + j * g.dilationWidth();
                        if (iw < 0 || iw >= g.inWidth()) {
                            Arrays.fill(col, seg + j * c, seg + (j + 1) * c, 0f);
                        } else {
                            copy(x, image + (ih * g.inWidth() + iw) * c, col, seg + j * c, c);
                        }
                    }
                }
            }
            if (++ow == outW) {
                ow = 0;
                if (++oh == g.outHeight()) {
                    oh = 0;
                    n++;
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col}: adds each of rows [m0, m0 + rows) of a column matrix (row stride
     * {@code patchSize()}) to the input positions its window covers; padding positions are dropped.
     */
    static void col2imAdd(Conv2dGeometry g, float[] col, int colOffset, int m0, int rows, float[] dx, int dxOffset) {
        int c = g.inChannels();
        int kw = g.kernelWidth();
        int k = g.patchSize();
        int outW = g.outWidth();
        int pixels = g.outPixels();
        int n = m0 / pixels;
        int oh = m0 % pixels / outW;
        int ow = m0 % pixels % outW;
        for (int r = 0; r < rows; r++) {
            int src = colOffset + r * k;
            int image = dxOffset + n * g.inputSize();
            int iw0 = ow * g.strideWidth() - g.padLeft();
            boolean rowInside = g.dilationWidth() == 1 && iw0 >= 0 && iw0 + kw <= g.inWidth();
            for (int kh = 0; kh < g.kernelHeight(); kh++) {
                int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
                if (ih < 0 || ih >= g.inHeight()) {
                    continue;
                }
                int seg = src + kh * kw * c;
                if (rowInside) {
                    add(col, seg, dx, image + (ih * g.inWidth() + iw0) * c, kw * c);
                } else {
                    for (int j = 0; j < kw; j++) {
                        int iw = iw0 + j * g.dilationWidth();
                        if (iw >= 0 && iw < g.inWidth()) {
                            add(col, seg + j * c, dx, image + (ih * g.inWidth() + iw) * c, c);
                        }
                    }
                }
            }
            if (++ow == outW) {
                ow = 0;
                if (++oh == g.outHeight()) {
                    oh = 0;
                    n++;
                }
            }
        }
    }

    /** {@code dst[d : d + n] = src[s : s + n]}. */
    static void copy(float[] src, int s, float[] dst, int d, int n) {
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector.fromArray(F, src, s + i).intoArray(dst, d + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, src, s + i, m).intoArray(dst, d + i, m);
        }
    }

    /** {@code dst[d : d + n] += src[s : s + n]}. */
    static void add(float[] src, int s, float[] dst, int d, int n) {
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector.fromArray(F, dst, d + i).add(FloatVector.fromArray(F, src, s + i)).intoArray(dst, d + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector.fromArray(F, dst, d + i, m).add(FloatVector.fromArray(F, src, s + i, m))
                    .intoArray(dst, d + i, m);
        }
    }
}
