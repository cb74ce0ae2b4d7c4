package dev.lanes.kernels;

import java.util.Objects;

/**
 * The geometry of a 2-D convolution or pooling window over channels-last images: input channels, height and
 * width, output channels, kernel size, stride, padding and dilation, and the output size they give. Immutable;
 * equal when every field is equal. Built with {@link #builder}, {@link #of} or {@link #pooling}; every field is
 * checked when it is built.
 *
 * <p><b>Layouts.</b> One example is {@code height x width x channels} with the channels fastest (HWC), a batch
 * is NHWC: element (n, h, w, c) of the input is at {@code n * inputSize() + (h * inWidth() + w) * inChannels() +
 * c}. Convolution weights are {@code outChannels x kernelHeight x kernelWidth x inChannels} (OHWI): weight
 * (o, i, kh, kw) is at {@code ((o * kernelHeight() + kh) * kernelWidth() + kw) * inChannels() + i}, so each
 * output channel's weights are one row of {@link #patchSize()} floats. PyTorch's {@code Conv2d.weight} is OIHW,
 * {@code W_oihw[o][i][kh][kw] = W_ohwi[o][kh][kw][i]}: converting is a transposition of each output channel's
 * {@code inChannels x (kernelHeight kernelWidth)} block.
 *
 * <p><b>What is computed</b> (as PyTorch's {@code Conv2d}, a cross-correlation): output pixel (oh, ow) sees the
 * input positions {@code ih = oh strideHeight + kh dilationHeight - padTop} and
 * {@code iw = ow strideWidth + kw dilationWidth - padLeft} for kh in [0, kernelHeight), kw in [0, kernelWidth);
 * positions outside the input are padding (zeros for a convolution, ignored by max pooling). The output is
 * {@code outHeight = (inHeight + padTop + padBottom - reach) / strideHeight + 1} rows, rounded down as PyTorch
 * does, with {@code reach = dilationHeight (kernelHeight - 1) + 1}; likewise the width.
 *
 * <p>Allowed, and handled by every kernel: 1x1 kernels, a stride larger than the kernel (some input positions
 * are then never read, and their gradient is 0), padding larger than the kernel's reach (output pixels that see
 * only padding: a convolution gives them the bias; pooling rejects such a geometry, see
 * {@link #everyWindowSeesInput()}). Not allowed: a kernel whose reach exceeds the padded input (no output), or
 * sizes whose products overflow an int.
 */
public final class Conv2dGeometry {

    private final int inChannels;
    private final int inHeight;
    private final int inWidth;
    private final int outChannels;
    private final int kernelHeight;
    private final int kernelWidth;
    private final int strideHeight;
    private final int strideWidth;
    private final int padTop;
    private final int padLeft;
    private final int padBottom;
    private final int padRight;
    private final int dilationHeight;
    private final int dilationWidth;
    private final int outHeight;
    private final int outWidth;

    private Conv2dGeometry(Builder b, int padTop, int padLeft, int padBottom, int padRight) {
        this.inChannels = b.inChannels;
        this.inHeight = b.inHeight;
        this.inWidth = b.inWidth;
        this.outChannels = b.outChannels;
        this.kernelHeight = b.kernelHeight;
        this.kernelWidth = b.kernelWidth;
        this.strideHeight = b.strideHeight;
        this.strideWidth = b.strideWidth;
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.padBottom = padBottom;
        this.padRight = padRight;
        this.dilationHeight = b.dilationHeight;
        this.dilationWidth = b.dilationWidth;
        this.outHeight = outSize("height", inHeight, padTop, padBottom, kernelHeight, dilationHeight, strideHeight);
        this.outWidth = outSize("width", inWidth, padLeft, padRight, kernelWidth, dilationWidth, strideWidth);
        checkInt("inHeight x inWidth x inChannels (the input size of one example)",
                (long) inHeight * inWidth * inChannels);
        checkInt("outHeight x outWidth x outChannels (the output size of one example)",
                (long) outHeight * outWidth * outChannels);
        checkInt("outHeight x outWidth x inChannels (a pooled example)", (long) outHeight * outWidth * inChannels);
        checkInt("outChannels x kernelHeight x kernelWidth x inChannels (the weights)",
                (long) outChannels * kernelHeight * kernelWidth * inChannels);
    }

    /**
     * A builder for a geometry over {@code inChannels x inHeight x inWidth} inputs, starting from
     * {@code outChannels = inChannels}, a 1x1 kernel, stride 1, no padding and dilation 1.
     *
     * @param inChannels input channels, {@code >= 1}
     * @param inHeight input rows, {@code >= 1}
     * @param inWidth input columns, {@code >= 1}
     * @return a builder with a 1x1 window of 1 output channel, stride 1, no padding, dilation 1
     */
    public static Builder builder(int inChannels, int inHeight, int inWidth) {
        return new Builder(inChannels, inHeight, inWidth);
    }

    /**
     * A square convolution, PyTorch's {@code Conv2d(inChannels, outChannels, kernel, stride, padding)}: a
     * {@code kernel x kernel} window, the same stride and symmetric padding on both axes, dilation 1.
     *
     * @param inChannels input channels, {@code >= 1}
     * @param inHeight input rows, {@code >= 1}
     * @param inWidth input columns, {@code >= 1}
     * @param outChannels output channels (filters), {@code >= 1}
     * @param kernel the window side, {@code >= 1}
     * @param stride the step between windows on both axes, {@code >= 1}
     * @param padding zero rows and columns added on every side, {@code >= 0}
     * @return the geometry
     * @throws IllegalArgumentException if a size is below 1, the padding is negative, or the kernel does not
     *                                  fit the padded input
     */
    public static Conv2dGeometry of(int inChannels, int inHeight, int inWidth, int outChannels, int kernel,
                                    int stride, int padding) {
        return builder(inChannels, inHeight, inWidth).outChannels(outChannels).kernel(kernel, kernel)
                .stride(stride, stride).padding(padding, padding, padding, padding).build();
    }

    /**
     * A square pooling window, PyTorch's {@code MaxPool2d(window, stride, padding)}/{@code AvgPool2d}: as many
     * output channels as input channels.
     *
     * @param channels channels, in and out, {@code >= 1}
     * @param inHeight input rows, {@code >= 1}
     * @param inWidth input columns, {@code >= 1}
     * @param window the window side, {@code >= 1}
     * @param stride the step between windows on both axes, {@code >= 1}
     * @param padding zero rows and columns added on every side, {@code >= 0}
     * @return the geometry
     * @throws IllegalArgumentException as {@link #of}
     */
    public static Conv2dGeometry pooling(int channels, int inHeight, int inWidth, int window, int stride,
                                         int padding) {
        return of(channels, inHeight, inWidth, channels, window, stride, padding);
    }

    /** {@return channels of the input} */
    public int inChannels() {
        return inChannels;
    }

    /** {@return rows of the input image} */
    public int inHeight() {
        return inHeight;
    }

    /** {@return columns of the input image} */
    public int inWidth() {
        return inWidth;
    }

    /** {@return channels of the output (filters of a convolution; the input channels for pooling)} */
    public int outChannels() {
        return outChannels;
    }

    /** {@return rows of the window} */
    public int kernelHeight() {
        return kernelHeight;
    }

    /** {@return columns of the window} */
    public int kernelWidth() {
        return kernelWidth;
    }

    /** {@return input rows between two output rows} */
    public int strideHeight() {
        return strideHeight;
    }

    /** {@return input columns between two output columns} */
    public int strideWidth() {
        return strideWidth;
    }

    /** {@return padding rows above the input} */
    public int padTop() {
        return padTop;
    }

    /** {@return padding columns left of the input} */
    public int padLeft() {
        return padLeft;
    }

    /** {@return padding rows below the input} */
    public int padBottom() {
        return padBottom;
    }

    /** {@return padding columns right of the input} */
    public int padRight() {
        return padRight;
    }

    /** {@return input rows between two window rows (1: adjacent)} */
    public int dilationHeight() {
        return dilationHeight;
    }

    /** {@return input columns between two window columns (1: adjacent)} */
    public int dilationWidth() {
        return dilationWidth;
    }

    /** {@return rows of the output image} */
    public int outHeight() {
        return outHeight;
    }

    /** {@return columns of the output image} */
    public int outWidth() {
        return outWidth;
    }

    /** {@return output pixels of one example, {@code outHeight x outWidth}: the GEMM rows per example} */
    public int outPixels() {
        return outHeight * outWidth;
    }

    /** {@return input pixels of one example, {@code inHeight x inWidth}} */
    public int inPixels() {
        return inHeight * inWidth;
    }

    /**
     * {@return floats of one window over all input channels, {@code kernelHeight x kernelWidth x inChannels}: the
     * GEMM's k}
     */
    public int patchSize() {
        return kernelHeight * kernelWidth * inChannels;
    }

    /** {@return floats of one input example, {@code inHeight x inWidth x inChannels}} */
    public int inputSize() {
        return inHeight * inWidth * inChannels;
    }

    /** {@return floats of one output example, {@code outHeight x outWidth x outChannels}} */
    public int outputSize() {
        return outHeight * outWidth * outChannels;
    }

    /** {@return floats of the weights, {@code outChannels x patchSize()}} */
    public int weightSize() {
        return outChannels * patchSize();
    }

    /**
     * {@return whether every output pixel's window covers at least one input position (not only padding)} Pooling
     * needs it (the maximum of nothing is undefined); PyTorch enforces it by limiting the padding to half the
     * window.
     */
    public boolean everyWindowSeesInput() {
        return axisSeesInput(outHeight, strideHeight, dilationHeight, kernelHeight, padTop, inHeight)
                && axisSeesInput(outWidth, strideWidth, dilationWidth, kernelWidth, padLeft, inWidth);
    }

    private static boolean axisSeesInput(int out, int stride, int dilation, int kernel, int pad, int in) {
        for (int o = 0; o < out; o++) {
            boolean seen = false;
            for (int k = 0; k < kernel && !seen; k++) {
                long i = (long) o * stride + (long) k * dilation - pad;
                seen = i >= 0 && i < in;
            }
            if (!seen) {
                return false;
            }
        }
        return true;
    }

    private static int outSize(String axis, int in, int padBefore, int padAfter, int kernel, int dilation,
                               int stride) {
        long padded = (long) in + padBefore + padAfter;
        long reach = (long) dilation * (kernel - 1) + 1;
        if (reach > padded) {
            throw new IllegalArgumentException("the kernel's " + axis + " reach " + reach + " (kernel " + kernel
                    + ", dilation " + dilation + ") exceeds the padded input " + axis + " " + padded + " (input "
                    + in + " + padding " + padBefore + " + " + padAfter + "): no output");
        }
        return (int) ((padded - reach) / stride + 1);
    }

    private static void checkInt(String what, long value) {
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " = " + value + " exceeds the largest array, "
                    + Integer.MAX_VALUE);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conv2dGeometry g && g.inChannels == inChannels && g.inHeight == inHeight
                && g.inWidth == inWidth && g.outChannels == outChannels && g.kernelHeight == kernelHeight
                && g.kernelWidth == kernelWidth && g.strideHeight == strideHeight && g.strideWidth == strideWidth
                && g.padTop == padTop && g.padLeft == padLeft && g.padBottom == padBottom && g.padRight == padRight
                && g.dilationHeight == dilationHeight && g.dilationWidth == dilationWidth;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth, strideHeight,
                strideWidth, padTop, padLeft, padBottom, padRight, dilationHeight, dilationWidth);
    }

    /** E.g. {@code 1x28x28 -> 16x24x24, kernel 5x5, stride 1x1, padding 0,0,0,0 (t,l,b,r), dilation 1x1} (CxHxW). */
    @Override
    public String toString() {
        return inChannels + "x" + inHeight + "x" + inWidth + " -> " + outChannels + "x" + outHeight + "x" + outWidth
                + ", kernel " + kernelHeight + "x" + kernelWidth + ", stride " + strideHeight + "x" + strideWidth
                + ", padding " + padTop + "," + padLeft + "," + padBottom + "," + padRight + " (t,l,b,r), dilation "
                + dilationHeight + "x" + dilationWidth;
    }

    /**
     * Collects the fields of a {@link Conv2dGeometry}; {@link #build()} checks them. Not thread-safe; each
     * setter returns the builder.
     */
    public static final class Builder {
        private final int inChannels;
        private final int inHeight;
        private final int inWidth;
        private int outChannels;
        private int kernelHeight = 1;
        private int kernelWidth = 1;
        private int strideHeight = 1;
        private int strideWidth = 1;
        private int padTop;
        private int padLeft;
        private int padBottom;
        private int padRight;
        private boolean samePadding;
        private int dilationHeight = 1;
        private int dilationWidth = 1;

        private Builder(int inChannels, int inHeight, int inWidth) {
            Checks.positive("inChannels", inChannels);
            Checks.positive("inHeight", inHeight);
            Checks.positive("inWidth", inWidth);
            this.inChannels = inChannels;
            this.inHeight = inHeight;
            this.inWidth = inWidth;
            this.outChannels = inChannels;
        }

        /**
         * Output channels (filters); default the input channels.
         *
         * @param outChannels output channels (filters), {@code >= 1}
         * @return this builder
         */
        public Builder outChannels(int outChannels) {
            Checks.positive("outChannels", outChannels);
            this.outChannels = outChannels;
            return this;
        }

        /**
         * Window rows and columns; default 1x1.
         *
         * @param height the window rows, {@code >= 1}
         * @param width the window columns, {@code >= 1}
         * @return this builder
         */
        public Builder kernel(int height, int width) {
            Checks.positive("kernelHeight", height);
            Checks.positive("kernelWidth", width);
            this.kernelHeight = height;
            this.kernelWidth = width;
            return this;
        }

        /**
         * Stride along the rows and the columns; default 1.
         *
         * @param height input rows between two output rows, {@code >= 1}
         * @param width input columns between two output columns, {@code >= 1}
         * @return this builder
         */
        public Builder stride(int height, int width) {
            Checks.positive("strideHeight", height);
            Checks.positive("strideWidth", width);
            this.strideHeight = height;
            this.strideWidth = width;
            return this;
        }

        /**
         * Padding above, left of, below and right of the input; default 0. Replaces {@link #samePadding()}.
         *
         * @param top rows of padding above, {@code >= 0}
         * @param left columns of padding on the left, {@code >= 0}
         * @param bottom rows of padding below, {@code >= 0}
         * @param right columns of padding on the right, {@code >= 0}
         * @return this builder
         */
        public Builder padding(int top, int left, int bottom, int right) {
            Checks.nonNegative("padTop", top);
            Checks.nonNegative("padLeft", left);
            Checks.nonNegative("padBottom", bottom);
            Checks.nonNegative("padRight", right);
            this.padTop = top;
            this.padLeft = left;
            this.padBottom = bottom;
            this.padRight = right;
            this.samePadding = false;
            return this;
        }

        /**
         * "Same" padding, computed at {@link #build()} from the kernel, stride and dilation: the output is
         * {@code ceil(in / stride)} on each axis (the input size at stride 1), the total padding
         * {@code max((out - 1) stride + reach - in, 0)} split with the odd one below and right, as Keras/TensorFlow
         * do and as PyTorch's {@code padding="same"} does at stride 1.
         *
         * @return this builder
         */
        public Builder samePadding() {
            this.samePadding = true;
            return this;
        }

        /**
         * Dilation along the rows and the columns; default 1.
         *
         * @param height input rows between two window rows (1: adjacent), {@code >= 1}
         * @param width input columns between two window columns (1: adjacent), {@code >= 1}
         * @return this builder
         */
        public Builder dilation(int height, int width) {
            Checks.positive("dilationHeight", height);
            Checks.positive("dilationWidth", width);
            this.dilationHeight = height;
            this.dilationWidth = width;
            return this;
        }

        /**
         * {@return the geometry}
         *
         * @throws IllegalArgumentException if the kernel's reach exceeds the padded input on an axis, or a size
         *                                  of one example overflows an int
         */
        public Conv2dGeometry build() {
            if (!samePadding) {
                return new Conv2dGeometry(this, padTop, padLeft, padBottom, padRight);
            }
            int totalH = samePad(inHeight, strideHeight, kernelHeight, dilationHeight, "height");
            int totalW = samePad(inWidth, strideWidth, kernelWidth, dilationWidth, "width");
            return new Conv2dGeometry(this, totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2);
        }

        private static int samePad(int in, int stride, int kernel, int dilation, String axis) {
            long out = (in + (long) stride - 1) / stride;
            long reach = (long) dilation * (kernel - 1) + 1;
            long total = Math.max((out - 1) * stride + reach - in, 0);
            if (total > Integer.MAX_VALUE / 2) {
                throw new IllegalArgumentException("same padding along the " + axis + " (" + total
                        + ") exceeds the largest array");
            }
            return (int) total;
        }
    }
}
