package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarPooling;
import dev.lanes.kernels.simd.SimdPooling;

/**
 * Max, average and global average pooling over a batch of channels-last images, forward and backward. The
 * window is a {@link Conv2dGeometry} with {@code outChannels == inChannels} (see
 * {@link Conv2dGeometry#pooling}), every window of which covers at least one input position
 * ({@link Conv2dGeometry#everyWindowSeesInput()}). x and dx are {@code batch x inHeight x inWidth x channels},
 * y and dy {@code batch x outHeight x outWidth x channels}, each contiguous from its offset. Padding positions
 * are ignored by max pooling (as if -∞, as PyTorch pads) and count as zeros in an average when asked to.
 *
 * <p>Max and sums are computed per element in a fixed order that the SIMD kernels share with the scalar
 * references, so results are bit-identical between the two and at any thread count. Backward passes overwrite
 * dx.
 */
public final class Pooling {

    private Pooling() {
    }

    /**
     * Max pooling: {@code y} = the maximum of each window, per channel; {@code argmax} = where it was, as the
     * index {@code (ih · inWidth + iw) · channels + c} within the example (the offset of the element in the
     * example's HWC tensor). Ties go to the first in row-major window order (-0 and +0 tie); a window holding NaN
     * gives its first NaN. y and argmax must not overlap x.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param batch number of examples, {@code >= 0}
     * @param x the input images, {@code batch x inHeight x inWidth x channels}
     * @param xOffset index of the first element of {@code x}
     * @param y receives the pooled output, {@code batch x outHeight x outWidth x channels}
     * @param yOffset index of the first element of {@code y}
     * @param argmax per output element, the index within its example of the input element that was the maximum
     * @param argmaxOffset index of the first element of {@code argmax}
     * @throws IllegalArgumentException if g is null or not a pooling geometry, batch or an offset is negative, or
     *                                  an array is null or too short
     */
    public static void maxForward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] y, int yOffset,
                                  int[] argmax, int argmaxOffset) {
        checkPooling(g, batch);
        if (!Checks.fits(x, xOffset, (long) batch * g.inputSize())) {
            Checks.vector("x", x, "xOffset", xOffset, (long) batch * g.inputSize(), inputShape("x", g, batch));
        }
        if (!Checks.fits(y, yOffset, outputLength(g, batch))) {
            Checks.vector("y", y, "yOffset", yOffset, outputLength(g, batch), outputShape("y", g, batch));
        }
        checkArgmax(g, batch, argmax, argmaxOffset);
        if (Simd.ENABLED) {
            SimdPooling.maxForward(g, batch, x, xOffset, y, yOffset, argmax, argmaxOffset);
        } else {
            ScalarPooling.maxForward(g, batch, x, xOffset, y, yOffset, argmax, argmaxOffset);
        }
    }

    /**
     * Max pooling backward: {@code dx} = 0, then each {@code dy} is added at its saved argmax (in output order,
     * so overlapping windows sum their gradients deterministically). dx must not overlap dy.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param batch number of examples, {@code >= 0}
     * @param dy the gradient to the output, the shape of y
     * @param dyOffset index of the first element of {@code dy}
     * @param argmax per output element, the index within its example of the input element that was the maximum
     * @param argmaxOffset index of the first element of {@code argmax}
     * @param dx receives the gradient to the input, the shape of x
     * @param dxOffset index of the first element of {@code dx}
     * @throws IllegalArgumentException as {@link #maxForward}, and if an argmax is outside its example (found while
     *                                  dx is written: dx is then partly written)
     */
    public static void maxBackward(Conv2dGeometry g, int batch, float[] dy, int dyOffset, int[] argmax,
                                   int argmaxOffset, float[] dx, int dxOffset) {
        checkPooling(g, batch);
        if (!Checks.fits(dy, dyOffset, outputLength(g, batch))) {
            Checks.vector("dy", dy, "dyOffset", dyOffset, outputLength(g, batch), outputShape("dy", g, batch));
        }
        checkArgmax(g, batch, argmax, argmaxOffset);
        if (!Checks.fits(dx, dxOffset, (long) batch * g.inputSize())) {
            Checks.vector("dx", dx, "dxOffset", dxOffset, (long) batch * g.inputSize(), inputShape("dx", g, batch));
        }
        if (Simd.ENABLED) {
            SimdPooling.maxBackward(g, batch, dy, dyOffset, argmax, argmaxOffset, dx, dxOffset);
        } else {
            ScalarPooling.maxBackward(g, batch, dy, dyOffset, argmax, argmaxOffset, dx, dxOffset);
        }
    }

    /**
     * Average pooling: each window's sum (row-major order, float) divided by its divisor: with
     * {@code countIncludePad} the window size {@code kernelHeight · kernelWidth} (PyTorch's
     * {@code AvgPool2d} default, {@code count_include_pad=True}), otherwise the number of window positions inside
     * the image (Keras's "same" average pooling, PyTorch's {@code count_include_pad=False}). Without padding the
     * two agree. y must not overlap x.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param batch number of examples, {@code >= 0}
     * @param countIncludePad divide by the whole window (true) or by its positions inside the image (false)
     * @param x the input images, {@code batch x inHeight x inWidth x channels}
     * @param xOffset index of the first element of {@code x}
     * @param y receives the pooled output, {@code batch x outHeight x outWidth x channels}
     * @param yOffset index of the first element of {@code y}
     * @throws IllegalArgumentException as {@link #maxForward}
     */
    public static void averageForward(Conv2dGeometry g, int batch, boolean countIncludePad, float[] x, int xOffset,
                                      float[] y, int yOffset) {
        checkPooling(g, batch);
        if (!Checks.fits(x, xOffset, (long) batch * g.inputSize())) {
            Checks.vector("x", x, "xOffset", xOffset, (long) batch * g.inputSize(), inputShape("x", g, batch));
        }
        if (!Checks.fits(y, yOffset, outputLength(g, batch))) {
            Checks.vector("y", y, "yOffset", yOffset, outputLength(g, batch), outputShape("y", g, batch));
        }
        if (Simd.ENABLED) {
            SimdPooling.averageForward(g, batch, countIncludePad, x, xOffset, y, yOffset);
        } else {
            ScalarPooling.averageForward(g, batch, countIncludePad, x, xOffset, y, yOffset);
        }
    }

    /**
     * Average pooling backward: dx = 0, then {@code dy / divisor} is added to every input position of each
     * window (in output order). dx must not overlap dy.
     *
     * @param g the pooling geometry ({@link Conv2dGeometry#pooling})
     * @param batch number of examples, {@code >= 0}
     * @param countIncludePad divide by the whole window (true) or by its positions inside the image (false)
     * @param dy the gradient to the output, the shape of y
     * @param dyOffset index of the first element of {@code dy}
     * @param dx receives the gradient to the input, the shape of x
     * @param dxOffset index of the first element of {@code dx}
     * @throws IllegalArgumentException as {@link #maxForward}
     */
    public static void averageBackward(Conv2dGeometry g, int batch, boolean countIncludePad, float[] dy,
                                       int dyOffset, float[] dx, int dxOffset) {
        checkPooling(g, batch);
        if (!Checks.fits(dy, dyOffset, outputLength(g, batch))) {
            Checks.vector("dy", dy, "dyOffset", dyOffset, outputLength(g, batch), outputShape("dy", g, batch));
        }
        if (!Checks.fits(dx, dxOffset, (long) batch * g.inputSize())) {
            Checks.vector("dx", dx, "dxOffset", dxOffset, (long) batch * g.inputSize(), inputShape("dx", g, batch));
        }
        if (Simd.ENABLED) {
            SimdPooling.averageBackward(g, batch, countIncludePad, dy, dyOffset, dx, dxOffset);
        } else {
            ScalarPooling.averageBackward(g, batch, countIncludePad, dy, dyOffset, dx, dxOffset);
        }
    }

    /**
     * Global average pooling: x is {@code batch x pixels x channels} (an NHWC batch with
     * {@code pixels = height · width}), {@code y[n, c]} = the float sum over the pixels in order, divided by
     * pixels. y is {@code batch x channels} and must not overlap x.
     *
     * @param batch number of examples, {@code >= 0}
     * @param pixels pixels per image (height · width), {@code >= 1}
     * @param channels channels per pixel, {@code >= 1}
     * @param x the input images, {@code batch x inHeight x inWidth x channels}
     * @param xOffset index of the first element of {@code x}
     * @param y receives the pooled output, {@code batch x outHeight x outWidth x channels}
     * @param yOffset index of the first element of {@code y}
     * @throws IllegalArgumentException if batch is negative, pixels or channels below 1, an offset is negative,
     *                                  or an array is null or too short
     */
    public static void globalAverageForward(int batch, int pixels, int channels, float[] x, int xOffset,
                                            float[] y, int yOffset) {
        checkGlobal(batch, pixels, channels);
        if (!Checks.fits(x, xOffset, (long) batch * pixels * channels)) {
            Checks.vector("x", x, "xOffset", xOffset, (long) batch * pixels * channels,
                    "x is batch x pixels x channels = " + batch + "x" + pixels + "x" + channels);
        }
        if (!Checks.fits(y, yOffset, (long) batch * channels)) {
            Checks.vector("y", y, "yOffset", yOffset, (long) batch * channels,
                    "y is batch x channels = " + batch + "x" + channels);
        }
        if (Simd.ENABLED) {
            SimdPooling.globalAverageForward(batch, pixels, channels, x, xOffset, y, yOffset);
        } else {
            ScalarPooling.globalAverageForward(batch, pixels, channels, x, xOffset, y, yOffset);
        }
    }

    /**
     * Global average pooling backward: {@code dx[n, p, c] = dy[n, c] / pixels} (overwritten). dx must not
     * overlap dy.
     *
     * @param batch number of examples, {@code >= 0}
     * @param pixels pixels per image (height · width), {@code >= 1}
     * @param channels channels per pixel, {@code >= 1}
     * @param dy the gradient to the output, the shape of y
     * @param dyOffset index of the first element of {@code dy}
     * @param dx receives the gradient to the input, the shape of x
     * @param dxOffset index of the first element of {@code dx}
     * @throws IllegalArgumentException as {@link #globalAverageForward}
     */
    public static void globalAverageBackward(int batch, int pixels, int channels, float[] dy, int dyOffset,
                                             float[] dx, int dxOffset) {
        checkGlobal(batch, pixels, channels);
        if (!Checks.fits(dy, dyOffset, (long) batch * channels)) {
            Checks.vector("dy", dy, "dyOffset", dyOffset, (long) batch * channels,
                    "dy is batch x channels = " + batch + "x" + channels);
        }
        if (!Checks.fits(dx, dxOffset, (long) batch * pixels * channels)) {
            Checks.vector("dx", dx, "dxOffset", dxOffset, (long) batch * pixels * channels,
                    "dx is batch x pixels x channels = " + batch + "x" + pixels + "x" + channels);
        }
        if (Simd.ENABLED) {
            SimdPooling.globalAverageBackward(batch, pixels, channels, dy, dyOffset, dx, dxOffset);
        } else {
            ScalarPooling.globalAverageBackward(batch, pixels, channels, dy, dyOffset, dx, dxOffset);
        }
    }

    private static void checkPooling(Conv2dGeometry g, int batch) {
        Checks.notNull("g", g);
        Checks.nonNegative("batch", batch);
        if (g.outChannels() != g.inChannels()) {
            throw new IllegalArgumentException("pooling keeps the channels: g.outChannels() must equal "
                    + "g.inChannels() = " + g.inChannels() + ", was " + g.outChannels() + " (" + g + ")");
        }
        if (!g.everyWindowSeesInput()) {
            throw new IllegalArgumentException("a pooling window lies entirely on padding (" + g
                    + "): the padding must be smaller than the window's reach");
        }
        if ((long) batch * g.inputSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch " + batch + " of " + g + " exceeds the largest array");
        }
    }

    private static void checkGlobal(int batch, int pixels, int channels) {
        Checks.nonNegative("batch", batch);
        Checks.positive("pixels", pixels);
        Checks.positive("channels", channels);
        if ((long) batch * pixels * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch x pixels x channels = " + batch + "x" + pixels + "x" + channels
                    + " exceeds the largest array");
        }
    }

    private static void checkArgmax(Conv2dGeometry g, int batch, int[] argmax, int argmaxOffset) {
        long length = outputLength(g, batch);
        Checks.notNull("argmax", argmax);
        Checks.nonNegative("argmaxOffset", argmaxOffset);
        if (argmaxOffset + length > argmax.length) {
            throw new IllegalArgumentException("argmax is too short: needs " + (argmaxOffset + length)
                    + " elements (argmaxOffset=" + argmaxOffset + " + " + length + ": one per output, "
                    + outputShape("y", g, batch) + "), has " + argmax.length);
        }
    }

    private static long outputLength(Conv2dGeometry g, int batch) {
        return (long) batch * g.outPixels() * g.inChannels();
    }

    private static String inputShape(String name, Conv2dGeometry g, int batch) {
        return name + " is batch x inHeight x inWidth x channels = " + batch + "x" + g.inHeight() + "x"
                + g.inWidth() + "x" + g.inChannels();
    }

    private static String outputShape(String name, Conv2dGeometry g, int batch) {
        return name + " is batch x outHeight x outWidth x channels = " + batch + "x" + g.outHeight() + "x"
                + g.outWidth() + "x" + g.inChannels();
    }
}
