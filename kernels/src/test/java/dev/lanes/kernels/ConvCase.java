package dev.lanes.kernels;

import java.util.Random;

/**
 * Random convolution geometries for the properties, and the textbook definitions in double: the exact values
 * (for checking the scalar references) and, per output element, the sum of the absolute values of its terms (the
 * magnitude every float error bound is proportional to).
 */
final class ConvCase {

    private ConvCase() {
    }

    /**
     * A random valid geometry: odd and even sizes, channel counts around the vector widths (1-3, 7-9, 15-17,
     * 31-33), 1x1 kernels, strides larger than the kernel, dilation, and padding up to two past the kernel's reach,
     * asymmetric. With {@code pooling}, outChannels = inChannels and every window sees the input.
     */
    static Conv2dGeometry geometry(Random random, boolean pooling) {
        while (true) {
            int inC = channels(random);
            int outC = pooling ? inC : channels(random);
            int inH = 1 + random.nextInt(random.nextInt(4) == 0 ? 16 : 9);
            int inW = 1 + random.nextInt(random.nextInt(4) == 0 ? 16 : 9);
            int kh = random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(5);
            int kw = random.nextInt(4) == 0 ? kh : 1 + random.nextInt(5);
            int sh = 1 + random.nextInt(random.nextInt(3) == 0 ? 6 : 2);
            int sw = random.nextBoolean() ? sh : 1 + random.nextInt(4);
            int dh = random.nextInt(5) == 0 ? 2 + random.nextInt(2) : 1;
            int dw = random.nextInt(5) == 0 ? 2 + random.nextInt(2) : 1;
            int reachH = dh * (kh - 1) + 1;
            int reachW = dw * (kw - 1) + 1;
            Conv2dGeometry.Builder b = Conv2dGeometry.builder(inC, inH, inW).outChannels(outC).kernel(kh, kw)
                    .stride(sh, sw).dilation(dh, dw);
            switch (random.nextInt(4)) {
                case 0 -> b.padding(0, 0, 0, 0);
                case 1 -> b.samePadding();
                default -> b.padding(random.nextInt(reachH + 2), random.nextInt(reachW + 2),
                        random.nextInt(reachH + 2), random.nextInt(reachW + 2));
            }
            Conv2dGeometry g;
            try {
                g = b.build();
            } catch (IllegalArgumentException tooSmall) {
                continue; // the kernel's reach exceeds the padded input: draw again
            }
            if (!pooling || g.everyWindowSeesInput()) {
                return g;
            }
        }
    }

    private static int channels(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(3);
            case 1 -> new int[] {7, 8, 9, 15, 16, 17}[random.nextInt(6)];
            case 2 -> new int[] {31, 32, 33}[random.nextInt(3)];
            default -> 1 + random.nextInt(24);
        };
    }

    /** n values uniform in [-1, 1] placed at {@code offset}, with three random floats after them. */
    static float[] values(Random random, int offset, int n) {
        return Inputs.padded(Inputs.uniform(random, n, -1, 1), offset, 3, random);
    }

    /** Input row ih of output row oh at window row kh, or -1 if it is padding. */
    private static int inRow(Conv2dGeometry g, int oh, int kh) {
        int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
        return ih >= 0 && ih < g.inHeight() ? ih : -1;
    }

    private static int inCol(Conv2dGeometry g, int ow, int kw) {
        int iw = ow * g.strideWidth() + kw * g.dilationWidth() - g.padLeft();
        return iw >= 0 && iw < g.inWidth() ? iw : -1;
    }

    /**
     * The forward pre-activation in double, {@code exact[0]} (bias included), and {@code exact[1]} = Σ|x w|,
     * per output element, NHWC order.
     */
    static double[][] forward(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] w, int wOffset,
                              float[] bias, int biasOffset) {
        int outputs = batch * g.outputSize();
        double[] value = new double[outputs];
        double[] magnitude = new double[outputs];
        int cIn = g.inChannels();
        int i = 0;
        for (int n = 0; n < batch; n++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    for (int o = 0; o < g.outChannels(); o++, i++) {
                        double s = bias == null ? 0 : bias[biasOffset + o];
                        double a = 0;
                        for (int kh = 0; kh < g.kernelHeight(); kh++) {
                            int ih = inRow(g, oh, kh);
                            for (int kw = 0; kw < g.kernelWidth() && ih >= 0; kw++) {
                                int iw = inCol(g, ow, kw);
                                for (int c = 0; c < cIn && iw >= 0; c++) {
                                    double p = (double) x[xOffset + n * g.inputSize() + (ih * g.inWidth() + iw) * cIn + c]
                                            * w[wOffset + ((o * g.kernelHeight() + kh) * g.kernelWidth() + kw) * cIn + c];
                                    s += p;
                                    a += Math.abs(p);
                                }
                            }
                        }
                        value[i] = s;
                        magnitude[i] = a;
                    }
                }
            }
        }
        return new double[][] {value, magnitude};
    }

    /** The input gradient in double and Σ|dz w| per input element. */
    static double[][] backwardInput(Conv2dGeometry g, int batch, float[] dz, int dzOffset, float[] w, int wOffset) {
        double[] value = new double[batch * g.inputSize()];
        double[] magnitude = new double[value.length];
        int cIn = g.inChannels();
        for (int n = 0; n < batch; n++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    int zi = dzOffset + n * g.outputSize() + (oh * g.outWidth() + ow) * g.outChannels();
                    for (int kh = 0; kh < g.kernelHeight(); kh++) {
                        int ih = inRow(g, oh, kh);
                        for (int kw = 0; kw < g.kernelWidth() && ih >= 0; kw++) {
                            int iw = inCol(g, ow, kw);
                            for (int c = 0; c < cIn && iw >= 0; c++) {
                                int xi = n * g.inputSize() + (ih * g.inWidth() + iw) * cIn + c;
                                for (int o = 0; o < g.outChannels(); o++) {
                                    double p = (double) dz[zi + o]
                                            * w[wOffset + ((o * g.kernelHeight() + kh) * g.kernelWidth() + kw) * cIn + c];
                                    value[xi] += p;
                                    magnitude[xi] += Math.abs(p);
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {value, magnitude};
    }

    /** The weight gradient in double and Σ|dz x| per weight, OHWI order. */
    static double[][] backwardWeights(Conv2dGeometry g, int batch, float[] x, int xOffset, float[] dz, int dzOffset) {
        double[] value = new double[g.weightSize()];
        double[] magnitude = new double[value.length];
        int cIn = g.inChannels();
        for (int n = 0; n < batch; n++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    int zi = dzOffset + n * g.outputSize() + (oh * g.outWidth() + ow) * g.outChannels();
                    for (int kh = 0; kh < g.kernelHeight(); kh++) {
                        int ih = inRow(g, oh, kh);
                        for (int kw = 0; kw < g.kernelWidth() && ih >= 0; kw++) {
                            int iw = inCol(g, ow, kw);
                            for (int c = 0; c < cIn && iw >= 0; c++) {
                                double xv = x[xOffset + n * g.inputSize() + (ih * g.inWidth() + iw) * cIn + c];
                                for (int o = 0; o < g.outChannels(); o++) {
                                    int wi = ((o * g.kernelHeight() + kh) * g.kernelWidth() + kw) * cIn + c;
                                    double p = dz[zi + o] * xv;
                                    value[wi] += p;
                                    magnitude[wi] += Math.abs(p);
                                }
                            }
                        }
                    }
                }
            }
        }
        return new double[][] {value, magnitude};
    }
}
