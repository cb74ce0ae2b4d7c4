package dev.lanes.kernels.scalar;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Conv2dGeometry;

/**
 * The reference 2-D convolution over NHWC images and OHWI weights: the definitions of
 * {@link dev.lanes.kernels.Convolutions} as plain loops, no argument checks. The scratch arguments exist only so
 * that the signatures match; they are not used. Each sum is a float sum in a fixed order: over the window's
 * (kh, kw, ci) for the forward pass, over the output channels and then the windows that cover an input position
 * for the input gradient, over (n, oh, ow) for the weight and bias gradients.
 */
public final class ScalarConvolutions {

    private ScalarConvolutions() {
    }

    /**
     * See {@link dev.lanes.kernels.Convolutions#scratchSize}: the references need none.
     *
     * @param g the convolution geometry
     * @param batch number of examples, {@code >= 0}
     * @return the number of scratch floats, {@code >= 0}
     */
    public static int scratchSize(Conv2dGeometry g, int batch) {
        return 0;
    }

    /**
     * See {@link dev.lanes.kernels.Convolutions#forward}.
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
     */
    public static void forward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] w, int wOffset,
                               float[] bias, int biasOffset, Activation f, float[] y, int yOffset,
                               float[] scratch, int scratchOffset) {
        int cIn = g.inChannels();
        int cOut = g.outChannels();
        int k = g.patchSize();
        for (int n = 0; n < batch; n++) {
            int xBase = xOffset + n * g.inputSize();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    int row = yOffset + n * g.outputSize() + (oh * g.outWidth() + ow) * cOut;
                    for (int oc = 0; oc < cOut; oc++) {
                        float sum = 0f;
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
                                int xi = xBase + (ih * g.inWidth() + iw) * cIn;
                                int wi = wOffset + oc * k + (kh * g.kernelWidth() + kw) * cIn;
                                for (int ci = 0; ci < cIn; ci++) {
                                    sum += x[xi + ci] * w[wi + ci];
                                }
                            }
                        }
                        y[row + oc] = bias == null ? sum : sum + bias[biasOffset + oc];
                    }
                    ScalarActivations.forward(f, cOut, y, row, y, row);
                }
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Convolutions#backwardInput}.
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
     */
    public static void backwardInput(Conv2dGeometry g, int batch, float[] dz, int dzOffset, float[] w, int wOffset,
                                     float[] dx, int dxOffset, float[] scratch, int scratchOffset) {
        int cIn = g.inChannels();
        int cOut = g.outChannels();
        int k = g.patchSize();
        java.util.Arrays.fill(dx, dxOffset, dxOffset + batch * g.inputSize(), 0f);
        for (int n = 0; n < batch; n++) {
            int dxBase = dxOffset + n * g.inputSize();
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    int row = dzOffset + n * g.outputSize() + (oh * g.outWidth() + ow) * cOut;
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
                            int xi = dxBase + (ih * g.inWidth() + iw) * cIn;
                            int wi = wOffset + (kh * g.kernelWidth() + kw) * cIn;
                            for (int ci = 0; ci < cIn; ci++) {
                                float sum = 0f;
                                for (int oc = 0; oc < cOut; oc++) {
                                    sum += dz[row + oc] * w[wi + oc * k + ci];
                                }
                                dx[xi + ci] += sum;
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * See {@link dev.lanes.kernels.Convolutions#backwardWeights}.
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
     */
    public static void backwardWeights(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] dz,
                                       int dzOffset, float[] dw, int dwOffset, float[] dbias, int dbiasOffset,
                                       float[] scratch, int scratchOffset) {
        int cIn = g.inChannels();
        int cOut = g.outChannels();
        int k = g.patchSize();
        for (int oc = 0; oc < cOut; oc++) {
            for (int kh = 0; kh < g.kernelHeight(); kh++) {
                for (int kw = 0; kw < g.kernelWidth(); kw++) {
                    for (int ci = 0; ci < cIn; ci++) {
                        float sum = 0f;
                        for (int n = 0; n < batch; n++) {
                            for (int oh = 0; oh < g.outHeight(); oh++) {
                                int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
                                if (ih < 0 || ih >= g.inHeight()) {
                                    continue;
                                }
                                for (int ow = 0; ow < g.outWidth(); ow++) {
                                    int iw = ow * g.strideWidth() + kw * g.dilationWidth() - g.padLeft();
                                    if (iw < 0 || iw >= g.inWidth()) {
                                        continue;
                                    }
                                    int xi = xOffset + n * g.inputSize() + (ih * g.inWidth() + iw) * cIn + ci;
                                    int zi = dzOffset + n * g.outputSize() + (oh * g.outWidth() + ow) * cOut + oc;
                                    sum += dz[zi] * x[xi];
                                }
                            }
                        }
                        dw[dwOffset + oc * k + (kh * g.kernelWidth() + kw) * cIn + ci] = sum;
                    }
                }
            }
        }
        if (dbias != null) {
            int rows = batch * g.outPixels();
            for (int oc = 0; oc < cOut; oc++) {
                float sum = 0f;
                for (int r = 0; r < rows; r++) {
                    sum += dz[dzOffset + r * cOut + oc];
                }
                dbias[dbiasOffset + oc] = sum;
            }
        }
    }
}
