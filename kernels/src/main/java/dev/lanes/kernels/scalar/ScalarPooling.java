package dev.lanes.kernels.scalar;

import dev.lanes.kernels.Conv2dGeometry;
import java.util.Arrays;

/**
 * The reference pooling kernels: the definitions of {@link dev.lanes.kernels.Pooling} as plain loops over
 * NHWC images, no argument checks. The SIMD kernels do the same float operations in the same order per
 * element (maxima, then sums in window order, then one division), so results are bit-identical.
 */
public final class ScalarPooling {

    private ScalarPooling() {
    }

    /**
     * See {@link dev.lanes.kernels.Pooling#maxForward}.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param batch number of examples, {@code >= 0}
     * @param x the input images, {@code batch x inHeight x inWidth x channels}
     * @param xOffset index of the first element of {@code x}
     * @param y receives the pooled output, {@code batch x outHeight x outWidth x channels}
     * @param yOffset index of the first element of {@code y}
     * @param argmax per output element, the index within its example of the input element that was the maximum
     * @param argmaxOffset index of the first element of {@code argmax}
     */
    public static void maxForward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] y, int yOffset,
                                  int[] argmax, int argmaxOffset) {
        int c = g.inChannels();
        int out = 0;
        for (int n = 0; n < batch; n++) {
            int image = xOffset + n * g.inputSize();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    for (int ch = 0; ch < c; ch++, out++) {
                        float best = 0f;
                        int where = -1;
                        for (int kh = 0; kh < g.kernelHeight(); kh++) {
                            int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
                            if (ih < 0 || ih >= g.inHeight()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                                int iw = ow * g.strideWidth() + kw * g.dilationWidth() - g.padLeft();
                                if (iw < 0 || iw >= g.inWidth()) {
                                    continue;
                                }
                                int position = (ih * g.inWidth() + iw) * c + ch;
                                float v = x[image + position];
                                if (where < 0 || v > best || (v != v && best == best)) {
                                    best = v;
                                    where = position;
                                }
                            }
                        }
                        y[yOffset + out] = best;
                        argmax[argmaxOffset + out] = where;
                    }
                }
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Pooling#maxBackward}. Unlike the other references it checks its data: an argmax
     * outside its example throws while dx is being written (a separate pass over argmax before the work measured
     * 130 µs on conv1's output, as much as the scatter itself). The SIMD path runs this loop too.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param batch number of examples, {@code >= 0}
     * @param dy the gradient to the output, the shape of y
     * @param dyOffset index of the first element of {@code dy}
     * @param argmax per output element, the index within its example of the input element that was the maximum
     * @param argmaxOffset index of the first element of {@code argmax}
     * @param dx receives the gradient to the input, the shape of x
     * @param dxOffset index of the first element of {@code dx}
     * @throws IllegalArgumentException if an argmax is outside its example
     */
    public static void maxBackward(Conv2dGeometry g, int batch, float[] dy, int dyOffset, int[] argmax,
                                   int argmaxOffset, float[] dx, int dxOffset) {
        Arrays.fill(dx, dxOffset, dxOffset + batch * g.inputSize(), 0f);
        int size = g.inputSize();
        int perExample = g.outPixels() * g.inChannels();
        for (int n = 0; n < batch; n++) {
            int image = dxOffset + n * size;
            int outputs = dyOffset + n * perExample;
            int indices = argmaxOffset + n * perExample;
            for (int i = 0; i < perExample; i++) {
                int a = argmax[indices + i];
                if (Integer.compareUnsigned(a, size) >= 0) {
                    throw new IllegalArgumentException("argmax[" + (indices + i) + "] = " + a + " is outside the "
                            + g.inHeight() + "x" + g.inWidth() + "x" + g.inChannels() + " example (from maxForward "
                            + "with the same geometry?)");
                }
                dx[image + a] += dy[outputs + i];
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Pooling#averageForward}.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param batch number of examples, {@code >= 0}
     * @param countIncludePad divide by the whole window (true) or by its positions inside the image (false)
     * @param x the input images, {@code batch x inHeight x inWidth x channels}
     * @param xOffset index of the first element of {@code x}
     * @param y receives the pooled output, {@code batch x outHeight x outWidth x channels}
     * @param yOffset index of the first element of {@code y}
     */
    public static void averageForward(Conv2dGeometry g, int batch, boolean countIncludePad, float[] x, int xOffset,
                                      float[] y, int yOffset) {
        int c = g.inChannels();
        int out = 0;
        for (int n = 0; n < batch; n++) {
            int image = xOffset + n * g.inputSize();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    float divisor = divisor(g, oh, ow, countIncludePad);
                    for (int ch = 0; ch < c; ch++, out++) {
                        float sum = 0f;
                        for (int kh = 0; kh < g.kernelHeight(); kh++) {
                            int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
                            if (ih < 0 || ih >= g.inHeight()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                                int iw = ow * g.strideWidth() + kw * g.dilationWidth() - g.padLeft();
                                if (iw >= 0 && iw < g.inWidth()) {
                                    sum += x[image + (ih * g.inWidth() + iw) * c + ch];
                                }
                            }
                        }
                        y[yOffset + out] = sum / divisor;
                    }
                }
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Pooling#averageBackward}.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param batch number of examples, {@code >= 0}
     * @param countIncludePad divide by the whole window (true) or by its positions inside the image (false)
     * @param dy the gradient to the output, the shape of y
     * @param dyOffset index of the first element of {@code dy}
     * @param dx receives the gradient to the input, the shape of x
     * @param dxOffset index of the first element of {@code dx}
     */
    public static void averageBackward(Conv2dGeometry g, int batch, boolean countIncludePad, float[] dy,
                                       int dyOffset, float[] dx, int dxOffset) {
        Arrays.fill(dx, dxOffset, dxOffset + batch * g.inputSize(), 0f);
        int c = g.inChannels();
        int out = 0;
        for (int n = 0; n < batch; n++) {
            int image = dxOffset + n * g.inputSize();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    float divisor = divisor(g, oh, ow, countIncludePad);
                    for (int ch = 0; ch < c; ch++, out++) {
                        float share = dy[dyOffset + out] / divisor;
                        for (int kh = 0; kh < g.kernelHeight(); kh++) {
                            int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
                            if (ih < 0 || ih >= g.inHeight()) {
                                continue;
                            }
                            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                                int iw = ow * g.strideWidth() + kw * g.dilationWidth() - g.padLeft();
                                if (iw >= 0 && iw < g.inWidth()) {
                                    dx[image + (ih * g.inWidth() + iw) * c + ch] += share;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The divisor of output pixel (oh, ow): the window size with {@code countIncludePad}, else the number of
     * its positions inside the image. Shared with the SIMD kernel.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param oh the output row
     * @param ow the output column
     * @param countIncludePad divide by the whole window (true) or by its positions inside the image (false)
     * @return the divisor, {@code >= 1}
     */
    public static float divisor(Conv2dGeometry g, int oh, int ow, boolean countIncludePad) {
        if (countIncludePad) {
            return g.kernelHeight() * g.kernelWidth();
        }
        return insideTaps(oh * g.strideHeight() - g.padTop(), g.kernelHeight(), g.dilationHeight(), g.inHeight())
                * insideTaps(ow * g.strideWidth() - g.padLeft(), g.kernelWidth(), g.dilationWidth(), g.inWidth());
    }

    private static int insideTaps(int start, int kernel, int dilation, int size) {
        int count = 0;
        for (int k = 0; k < kernel; k++) {
            int i = start + k * dilation;
            if (i >= 0 && i < size) {
                count++;
            }
        }
        return count;
    }

    /**
     * See {@link dev.lanes.kernels.Pooling#globalAverageForward}.
     *
     * @param batch number of examples, {@code >= 0}
     * @param pixels pixels per image (height · width), {@code >= 1}
     * @param channels channels per pixel, {@code >= 1}
     * @param x the input images, {@code batch x inHeight x inWidth x channels}
     * @param xOffset index of the first element of {@code x}
     * @param y receives the pooled output, {@code batch x outHeight x outWidth x channels}
     * @param yOffset index of the first element of {@code y}
     */
    public static void globalAverageForward(int batch, int pixels, int channels, float[] x, int xOffset,
                                            float[] y, int yOffset) {
        for (int n = 0; n < batch; n++) {
            for (int ch = 0; ch < channels; ch++) {
                float sum = 0f;
                for (int p = 0; p < pixels; p++) {
                    sum += x[xOffset + (n * pixels + p) * channels + ch];
                }
                y[yOffset + n * channels + ch] = sum / pixels;
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Pooling#globalAverageBackward}.
     *
     * @param batch number of examples, {@code >= 0}
     * @param pixels pixels per image (height · width), {@code >= 1}
     * @param channels channels per pixel, {@code >= 1}
     * @param dy the gradient to the output, the shape of y
     * @param dyOffset index of the first element of {@code dy}
     * @param dx receives the gradient to the input, the shape of x
     * @param dxOffset index of the first element of {@code dx}
     */
    public static void globalAverageBackward(int batch, int pixels, int channels, float[] dy, int dyOffset,
                                             float[] dx, int dxOffset) {
        for (int n = 0; n < batch; n++) {
            for (int ch = 0; ch < channels; ch++) {
                float share = dy[dyOffset + n * channels + ch] / pixels;
                for (int p = 0; p < pixels; p++) {
                    dx[dxOffset + (n * pixels + p) * channels + ch] = share;
                }
            }
        }
    }
}
