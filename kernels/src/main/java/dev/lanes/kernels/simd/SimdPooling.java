package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.scalar.ScalarPooling;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API pooling kernels behind {@link dev.lanes.kernels.Pooling}, vectorised across the channels (the
 * fastest axis of NHWC), one vector of channels at a time for each output pixel. Per element they do the
 * reference's float operations in the reference's order, so results are identical. Arguments are trusted.
 */
public final class SimdPooling {

    /** Ints in a vector of as many lanes as {@link Species#F}: the argmax positions. */
    private static final VectorSpecies<Integer> I = F.withLanes(int.class);

    private SimdPooling() {
    }

    /**
     * See {@link dev.lanes.kernels.Pooling#maxForward}. The running maximum starts at -∞ with the position of the
     * window's first input element, and a later element replaces it only if it is larger, or NaN where the
     * maximum is not: the first maximum in row-major window order wins, as in the reference.
     */
    public static void maxForward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] y, int yOffset,
                                  int[] argmax, int argmaxOffset) {
        int c = g.inChannels();
        IntVector iota = IntVector.zero(I).addIndex(1);
        int out = 0;
        for (int n = 0; n < batch; n++) {
            int image = xOffset + n * g.inputSize();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int ih0 = oh * g.strideHeight() - g.padTop();
                int khFirst = firstInside(ih0, g.dilationHeight(), g.inHeight());
                for (int ow = 0; ow < g.outWidth(); ow++, out += c) {
                    int iw0 = ow * g.strideWidth() - g.padLeft();
                    int kwFirst = firstInside(iw0, g.dilationWidth(), g.inWidth());
                    int firstPosition = ((ih0 + khFirst * g.dilationHeight()) * g.inWidth() + iw0
                            + kwFirst * g.dilationWidth()) * c;
                    for (int j = 0; j < c; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, c);
                        FloatVector best = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
                        IntVector where = iota.add(firstPosition + j);
                        for (int kh = khFirst; kh < g.kernelHeight(); kh++) {
                            int ih = ih0 + kh * g.dilationHeight();
                            if (ih >= g.inHeight()) {
                                break;
                            }
                            for (int kw = kwFirst; kw < g.kernelWidth(); kw++) {
                                int iw = iw0 + kw * g.dilationWidth();
                                if (iw >= g.inWidth()) {
                                    break;
                                }
                                int position = (ih * g.inWidth() + iw) * c + j;
                                FloatVector v = FloatVector.fromArray(F, x, image + position, m);
                                VectorMask<Float> larger = v.compare(VectorOperators.GT, best)
                                        .or(v.test(VectorOperators.IS_NAN).andNot(best.test(VectorOperators.IS_NAN)));
                                best = best.blend(v, larger);
                                where = where.blend(iota.add(position), larger.cast(I));
                            }
                        }
                        best.intoArray(y, yOffset + out + j, m);
                        where.intoArray(argmax, argmaxOffset + out + j, m.cast(I));
                    }
                }
            }
        }
    }

    /**
     * The first k with {@code start + k·dilation >= 0} (the window's first row or column inside the image);
     * positions past the end are cut by the loops.
     */
    private static int firstInside(int start, int dilation, int size) {
        return start >= 0 ? 0 : (-start + dilation - 1) / dilation;
    }

    /**
     * See {@link dev.lanes.kernels.Pooling#maxBackward}: the reference's scalar loop (dx zeroed, each dy added at
     * its argmax in output order). Vector versions measured slower on the network's 2x2 pooling (conv1's output,
     * 128 x 24 x 24 x 16): 250 µs writing each element of dx once as a selection of dy by argmax, 336 µs adding dy
     * under a per-window-position mask, against 160 µs for the loop (docs/convolution.md); a gather-add-scatter has
     * no fast scatter on AVX2.
     */
    public static void maxBackward(Conv2dGeometry g, int batch, float[] dy, int dyOffset, int[] argmax,
                                   int argmaxOffset, float[] dx, int dxOffset) {
        ScalarPooling.maxBackward(g, batch, dy, dyOffset, argmax, argmaxOffset, dx, dxOffset);
    }

    /** See {@link dev.lanes.kernels.Pooling#averageForward}: the window sum in row-major order, then one division. */
    public static void averageForward(Conv2dGeometry g, int batch, boolean countIncludePad, float[] x, int xOffset,
                                      float[] y, int yOffset) {
        int c = g.inChannels();
        int out = 0;
        for (int n = 0; n < batch; n++) {
            int image = xOffset + n * g.inputSize();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int ih0 = oh * g.strideHeight() - g.padTop();
                int khFirst = firstInside(ih0, g.dilationHeight(), g.inHeight());
                for (int ow = 0; ow < g.outWidth(); ow++, out += c) {
                    int iw0 = ow * g.strideWidth() - g.padLeft();
                    int kwFirst = firstInside(iw0, g.dilationWidth(), g.inWidth());
                    float divisor = ScalarPooling.divisor(g, oh, ow, countIncludePad);
                    for (int j = 0; j < c; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, c);
                        FloatVector sum = FloatVector.zero(F);
                        for (int kh = khFirst; kh < g.kernelHeight(); kh++) {
                            int ih = ih0 + kh * g.dilationHeight();
                            if (ih >= g.inHeight()) {
                                break;
                            }
                            for (int kw = kwFirst; kw < g.kernelWidth(); kw++) {
                                int iw = iw0 + kw * g.dilationWidth();
                                if (iw >= g.inWidth()) {
                                    break;
                                }
                                sum = sum.add(FloatVector.fromArray(F, x, image + (ih * g.inWidth() + iw) * c + j, m));
                            }
                        }
                        sum.div(divisor).intoArray(y, yOffset + out + j, m);
                    }
                }
            }
        }
    }

    /** See {@link dev.lanes.kernels.Pooling#averageBackward}: dy / divisor added to each window position. */
    public static void averageBackward(Conv2dGeometry g, int batch, boolean countIncludePad, float[] dy,
                                       int dyOffset, float[] dx, int dxOffset) {
        Arrays.fill(dx, dxOffset, dxOffset + batch * g.inputSize(), 0f);
        int c = g.inChannels();
        int out = 0;
        for (int n = 0; n < batch; n++) {
            int image = dxOffset + n * g.inputSize();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                int ih0 = oh * g.strideHeight() - g.padTop();
                int khFirst = firstInside(ih0, g.dilationHeight(), g.inHeight());
                for (int ow = 0; ow < g.outWidth(); ow++, out += c) {
                    int iw0 = ow * g.strideWidth() - g.padLeft();
                    int kwFirst = firstInside(iw0, g.dilationWidth(), g.inWidth());
                    float divisor = ScalarPooling.divisor(g, oh, ow, countIncludePad);
                    for (int j = 0; j < c; j += L) {
                        VectorMask<Float> m = F.indexInRange(j, c);
                        FloatVector share = FloatVector.fromArray(F, dy, dyOffset + out + j, m).div(divisor);
                        for (int kh = khFirst; kh < g.kernelHeight(); kh++) {
                            int ih = ih0 + kh * g.dilationHeight();
                            if (ih >= g.inHeight()) {
                                break;
                            }
                            for (int kw = kwFirst; kw < g.kernelWidth(); kw++) {
                                int iw = iw0 + kw * g.dilationWidth();
                                if (iw >= g.inWidth()) {
                                    break;
                                }
                                int xi = image + (ih * g.inWidth() + iw) * c + j;
                                FloatVector.fromArray(F, dx, xi, m).add(share).intoArray(dx, xi, m);
                            }
                        }
                    }
                }
            }
        }
    }

    /** See {@link dev.lanes.kernels.Pooling#globalAverageForward}: per channel a sum in pixel order, then a division. */
    public static void globalAverageForward(int batch, int pixels, int channels, float[] x, int xOffset,
                                            float[] y, int yOffset) {
        float divisor = pixels;
        for (int n = 0; n < batch; n++) {
            int image = xOffset + n * pixels * channels;
            for (int j = 0; j < channels; j += L) {
                VectorMask<Float> m = F.indexInRange(j, channels);
                FloatVector sum = FloatVector.zero(F);
                for (int p = 0; p < pixels; p++) {
                    sum = sum.add(FloatVector.fromArray(F, x, image + p * channels + j, m));
                }
                sum.div(divisor).intoArray(y, yOffset + n * channels + j, m);
            }
        }
    }

    /** See {@link dev.lanes.kernels.Pooling#globalAverageBackward}. */
    public static void globalAverageBackward(int batch, int pixels, int channels, float[] dy, int dyOffset,
                                             float[] dx, int dxOffset) {
        float divisor = pixels;
        for (int n = 0; n < batch; n++) {
            int image = dxOffset + n * pixels * channels;
            for (int j = 0; j < channels; j += L) {
                VectorMask<Float> m = F.indexInRange(j, channels);
                FloatVector share = FloatVector.fromArray(F, dy, dyOffset + n * channels + j, m).div(divisor);
                for (int p = 0; p < pixels; p++) {
                    share.intoArray(dx, image + p * channels + j, m);
                }
            }
        }
    }
}
