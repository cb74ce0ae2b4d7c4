package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarConvolutions;
import dev.lanes.kernels.simd.SimdConvolutions;

/**
 * 2-D convolution over a batch of channels-last images: forward with the bias and activation fused, and the
 * two backward passes. Shapes and layouts are those of {@link Conv2dGeometry}: x is {@code batch x inHeight x
 * inWidth x inChannels} (NHWC), y and dz are {@code batch x outHeight x outWidth x outChannels}, w is
 * {@code outChannels x kernelHeight x kernelWidth x inChannels} (OHWI), each stored contiguously from its
 * offset.
 *
 * <p>Seen as matrices, with {@code M = batch outHeight outWidth} rows (output pixels), {@code K = patchSize()}
 * and {@code N = outChannels}: the forward pass is {@code Y = f(col(X) Wᵀ + b)}, where row m of the M x K matrix
 * col(X) is output pixel m's window (zeros for padding), and W is N x K; {@code dX = col⁻¹(dZ W)} scatters and
 * adds each window's gradient back to the input positions it came from; {@code dW = dZᵀ col(X)} and
 * {@code db = Σ_rows dZ}. These are a dense layer's forward, BP2, BP4 and BP3. The backward passes take
 * {@code dZ = dC/dz}, the gradient at the pre-activation: the layer multiplies by f' itself
 * ({@link Activations#multiplyByDerivative}).
 *
 * <p>Accuracy: each output is a float sum of K products (forward), of {@code N · kernelHeight · kernelWidth}
 * products (input gradient) or of M products (weight gradient), in an order that may differ from the scalar
 * reference's, so within {@code gamma(terms)} of the exact sum of absolute values (docs/numerics.md). Results are
 * the same at any thread count.
 *
 * <p>No call allocates: the SIMD kernels work in a caller-provided {@code scratch} of at least
 * {@link #scratchSize(Conv2dGeometry, int)} floats (size it once per thread for the largest batch), and the
 * GEMM's per-thread panels.
 */
public final class Convolutions {

    private Convolutions() {
    }

    /**
     * Floats of scratch that {@link #forward}, {@link #backwardInput} and {@link #backwardWeights} need for this
     * geometry and up to {@code batch} examples, in this JVM (it depends on the vector width; 0 on the scalar
     * path). When it is 0, scratch may be null.
     *
     * @param g the convolution geometry
     * @param batch number of examples, {@code >= 0}
     * @return the number of scratch floats, {@code >= 0}
     * @throws IllegalArgumentException if g is null or batch is negative
     */
    public static int scratchSize(Conv2dGeometry g, int batch) {
        Checks.notNull("g", g);
        Checks.nonNegative("batch", batch);
        return Simd.ENABLED ? SimdConvolutions.scratchSize(g, batch) : ScalarConvolutions.scratchSize(g, batch);
    }

    /**
     * Forward: {@code y = f(conv(x, w) + bias)}, bias one value per output channel (or null), f elementwise:
     * <pre>
     * y[n, oh, ow, o] = f(bias[o] + Σ_{kh, kw, i} x[n, oh·sh + kh·dh − padTop, ow·sw + kw·dw − padLeft, i] w[o, kh, kw, i])
     * </pre>
     * with x taken as 0 outside the image. y must not overlap x, w, bias or scratch.
     *
     * @param g the convolution geometry
     * @param batch number of examples, {@code >= 0}
     * @param x the input images, {@code batch x inHeight x inWidth x inChannels} (NHWC)
     * @param xOffset index of the first element of {@code x}
     * @param w the filters, {@code outChannels x kernelHeight x kernelWidth x inChannels} (OHWI)
     * @param wOffset index of the first element of {@code w}
     * @param bias one value per output channel, or null for none
     * @param biasOffset index of the first element of {@code bias}
     * @param f the activation applied last, elementwise (not softmax)
     * @param y receives the output, {@code batch x outHeight x outWidth x outChannels}
     * @param yOffset index of the first element of {@code y}
     * @param scratch working memory of at least {@link #scratchSize} floats (may be null when that is 0)
     * @param scratchOffset index of the first element of {@code scratch}
     * @throws IllegalArgumentException if g or f is null, f is softmax, batch is negative, an offset is negative,
     *                                  or an array is null or too short for its offset and shape
     */
    public static void forward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] w, int wOffset,
                               float[] bias, int biasOffset, Activation f, float[] y, int yOffset,
                               float[] scratch, int scratchOffset) {
        checkCommon(g, batch);
        Checks.elementwise(f);
        if (!Checks.fits(x, xOffset, (long) batch * g.inputSize())) {
            Checks.vector("x", x, "xOffset", xOffset, (long) batch * g.inputSize(), inputShape("x", g, batch));
        }
        if (!Checks.fits(w, wOffset, g.weightSize())) {
            Checks.vector("w", w, "wOffset", wOffset, g.weightSize(), weightShape(g));
        }
        if (bias != null) {
            Checks.vector("bias", bias, "biasOffset", biasOffset, g.outChannels());
        }
        if (!Checks.fits(y, yOffset, (long) batch * g.outputSize())) {
            Checks.vector("y", y, "yOffset", yOffset, (long) batch * g.outputSize(), outputShape("y", g, batch));
        }
        checkScratch(g, batch, scratch, scratchOffset);
        if (Simd.ENABLED) {
            SimdConvolutions.forward(g, batch, x, xOffset, w, wOffset, bias, biasOffset, f, y, yOffset,
                    scratch, scratchOffset);
        } else {
            ScalarConvolutions.forward(g, batch, x, xOffset, w, wOffset, bias, biasOffset, f, y, yOffset,
                    scratch, scratchOffset);
        }
    }

    /**
     * Gradient to the input, {@code dx = dC/dx} from {@code dz = dC/dz}:
     * <pre>
     * dx[n, ih, iw, i] = Σ over every (oh, ow, kh, kw) whose window puts (kh, kw) on (ih, iw) of Σ_o dz[n, oh, ow, o] w[o, kh, kw, i]
     * </pre>
     * dx is overwritten (positions no window reads get 0). dx must not overlap dz, w or scratch.
     *
     * @param g the convolution geometry
     * @param batch number of examples, {@code >= 0}
     * @param dz the gradient at the pre-activation, {@code batch x outHeight x outWidth x outChannels}
     * @param dzOffset index of the first element of {@code dz}
     * @param w the filters, {@code outChannels x kernelHeight x kernelWidth x inChannels} (OHWI)
     * @param wOffset index of the first element of {@code w}
     * @param dx receives the gradient to the input, the shape of x
     * @param dxOffset index of the first element of {@code dx}
     * @param scratch working memory of at least {@link #scratchSize} floats (may be null when that is 0)
     * @param scratchOffset index of the first element of {@code scratch}
     * @throws IllegalArgumentException as {@link #forward}
     */
    public static void backwardInput(Conv2dGeometry g, int batch, float[] dz, int dzOffset, float[] w, int wOffset,
                                     float[] dx, int dxOffset, float[] scratch, int scratchOffset) {
        checkCommon(g, batch);
        if (!Checks.fits(dz, dzOffset, (long) batch * g.outputSize())) {
            Checks.vector("dz", dz, "dzOffset", dzOffset, (long) batch * g.outputSize(), outputShape("dz", g, batch));
        }
        if (!Checks.fits(w, wOffset, g.weightSize())) {
            Checks.vector("w", w, "wOffset", wOffset, g.weightSize(), weightShape(g));
        }
        if (!Checks.fits(dx, dxOffset, (long) batch * g.inputSize())) {
            Checks.vector("dx", dx, "dxOffset", dxOffset, (long) batch * g.inputSize(), inputShape("dx", g, batch));
        }
        checkScratch(g, batch, scratch, scratchOffset);
        if (Simd.ENABLED) {
            SimdConvolutions.backwardInput(g, batch, dz, dzOffset, w, wOffset, dx, dxOffset, scratch, scratchOffset);
        } else {
            ScalarConvolutions.backwardInput(g, batch, dz, dzOffset, w, wOffset, dx, dxOffset, scratch,
                    scratchOffset);
        }
    }

    /**
     * Gradients to the weights and the bias: {@code dw = dzᵀ col(x)},
     * <pre>
     * dw[o, kh, kw, i] = Σ_{n, oh, ow} dz[n, oh, ow, o] x[n, oh·sh + kh·dh − padTop, ow·sw + kw·dw − padLeft, i]
     * dbias[o]         = Σ_{n, oh, ow} dz[n, oh, ow, o]
     * </pre>
     * Both are overwritten; dbias may be null (no bias). They must not overlap x, dz or scratch.
     *
     * @param g the convolution geometry
     * @param batch number of examples, {@code >= 0}
     * @param x the input images, {@code batch x inHeight x inWidth x inChannels} (NHWC)
     * @param xOffset index of the first element of {@code x}
     * @param dz the gradient at the pre-activation, {@code batch x outHeight x outWidth x outChannels}
     * @param dzOffset index of the first element of {@code dz}
     * @param dw receives the gradient to the filters, the shape of w
     * @param dwOffset index of the first element of {@code dw}
     * @param dbias receives the gradient to the bias, outChannels values; null when there is no bias
     * @param dbiasOffset index of the first element of {@code dbias}
     * @param scratch working memory of at least {@link #scratchSize} floats (may be null when that is 0)
     * @param scratchOffset index of the first element of {@code scratch}
     * @throws IllegalArgumentException as {@link #forward}
     */
    public static void backwardWeights(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] dz,
                                       int dzOffset, float[] dw, int dwOffset, float[] dbias, int dbiasOffset,
                                       float[] scratch, int scratchOffset) {
        checkCommon(g, batch);
        if (!Checks.fits(x, xOffset, (long) batch * g.inputSize())) {
            Checks.vector("x", x, "xOffset", xOffset, (long) batch * g.inputSize(), inputShape("x", g, batch));
        }
        if (!Checks.fits(dz, dzOffset, (long) batch * g.outputSize())) {
            Checks.vector("dz", dz, "dzOffset", dzOffset, (long) batch * g.outputSize(), outputShape("dz", g, batch));
        }
        if (!Checks.fits(dw, dwOffset, g.weightSize())) {
            Checks.vector("dw", dw, "dwOffset", dwOffset, g.weightSize(), weightShape(g));
        }
        if (dbias != null) {
            Checks.vector("dbias", dbias, "dbiasOffset", dbiasOffset, g.outChannels());
        }
        checkScratch(g, batch, scratch, scratchOffset);
        if (Simd.ENABLED) {
            SimdConvolutions.backwardWeights(g, batch, x, xOffset, dz, dzOffset, dw, dwOffset, dbias, dbiasOffset,
                    scratch, scratchOffset);
        } else {
            ScalarConvolutions.backwardWeights(g, batch, x, xOffset, dz, dzOffset, dw, dwOffset, dbias,
                    dbiasOffset, scratch, scratchOffset);
        }
    }

    private static void checkCommon(Conv2dGeometry g, int batch) {
        Checks.notNull("g", g);
        Checks.nonNegative("batch", batch);
        if ((long) batch * g.outPixels() > Integer.MAX_VALUE || (long) batch * g.inputSize() > Integer.MAX_VALUE
                || (long) batch * g.outputSize() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch " + batch + " of " + g + " exceeds the largest array");
        }
    }

    private static void checkScratch(Conv2dGeometry g, int batch, float[] scratch, int scratchOffset) {
        int needed = scratchSize(g, batch);
        if (needed == 0 && scratch == null) {
            return;
        }
        if (!Checks.fits(scratch, scratchOffset, needed)) {
            Checks.vector("scratch", scratch, "scratchOffset", scratchOffset, needed,
                    "Convolutions.scratchSize(g, " + batch + ")");
        }
    }

    private static String inputShape(String name, Conv2dGeometry g, int batch) {
        return name + " is batch x inHeight x inWidth x inChannels = " + batch + "x" + g.inHeight() + "x" + g.inWidth()
                + "x" + g.inChannels();
    }

    private static String outputShape(String name, Conv2dGeometry g, int batch) {
        return name + " is batch x outHeight x outWidth x outChannels = " + batch + "x" + g.outHeight() + "x"
                + g.outWidth() + "x" + g.outChannels();
    }

    private static String weightShape(Conv2dGeometry g) {
        return "w is outChannels x kernelHeight x kernelWidth x inChannels = " + g.outChannels() + "x"
                + g.kernelHeight() + "x" + g.kernelWidth() + "x" + g.inChannels();
    }
}
