package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.Dropouts;

/**
 * Double-precision references of the image layers, plain loops over channels-last images (element (c, y, x) of
 * an example at {@code (y · width + x) · channels + c}), written from the definitions.
 */
final class ReferenceConvolutions {

    private ReferenceConvolutions() {
    }

    /** {@code f(bias[o] + Σ x[ih, iw, i] w[o, kh, kw, i])} over each window, zero padding. */
    static ReferenceLayer conv(Conv2dGeometry g, Activation f) {
        return (x, batch, p, mode) -> {
            double[] w = p[0];
            double[] b = p[1];
            int c = g.inChannels();
            int outSize = g.outHeight() * g.outWidth() * g.outChannels();
            double[] z = new double[batch * outSize];
            for (int n = 0; n < batch; n++) {
                for (int oh = 0; oh < g.outHeight(); oh++) {
                    for (int ow = 0; ow < g.outWidth(); ow++) {
                        for (int o = 0; o < g.outChannels(); o++) {
                            double s = b[o];
                            for (int kh = 0; kh < g.kernelHeight(); kh++) {
                                int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
                                for (int kw = 0; kw < g.kernelWidth(); kw++) {
                                    int iw = ow * g.strideWidth() + kw * g.dilationWidth() - g.padLeft();
                                    if (ih < 0 || ih >= g.inHeight() || iw < 0 || iw >= g.inWidth()) {
                                        continue;
                                    }
                                    for (int i = 0; i < c; i++) {
                                        s += x[n * g.inputSize() + (ih * g.inWidth() + iw) * c + i]
                                                * w[((o * g.kernelHeight() + kh) * g.kernelWidth() + kw) * c + i];
                                    }
                                }
                            }
                            z[n * outSize + (oh * g.outWidth() + ow) * g.outChannels() + o] = s;
                        }
                    }
                }
            }
            return ReferenceNetwork.activate(f, z, batch, outSize);
        };
    }

    /** The largest input of each window (padding never counts), per channel. */
    static ReferenceLayer maxPool(Shape in, Shape out, int size, int stride, int pad) {
        return pool(in, out, size, stride, pad, true, false);
    }

    /** The mean of each window; with {@code countPad} the divisor is the whole window. */
    static ReferenceLayer avgPool(Shape in, Shape out, int size, int stride, int pad, boolean countPad) {
        return pool(in, out, size, stride, pad, false, countPad);
    }

    private static ReferenceLayer pool(Shape in, Shape out, int size, int stride, int pad, boolean max,
                                       boolean countPad) {
        int c = in.channels();
        return (x, batch, p, mode) -> {
            double[] y = new double[batch * out.size()];
            for (int n = 0; n < batch; n++) {
                for (int oh = 0; oh < out.height(); oh++) {
                    for (int ow = 0; ow < out.width(); ow++) {
                        for (int ch = 0; ch < c; ch++) {
                            double best = Double.NEGATIVE_INFINITY;
                            double sum = 0;
                            int count = 0;
                            for (int kh = 0; kh < size; kh++) {
                                for (int kw = 0; kw < size; kw++) {
                                    int ih = oh * stride + kh - pad;
                                    int iw = ow * stride + kw - pad;
                                    if (ih < 0 || ih >= in.height() || iw < 0 || iw >= in.width()) {
                                        continue;
                                    }
                                    double v = x[n * in.size() + (ih * in.width() + iw) * c + ch];
                                    best = Math.max(best, v);
                                    sum += v;
                                    count++;
                                }
                            }
                            y[n * out.size() + (oh * out.width() + ow) * c + ch] = max ? best
                                    : sum / (countPad ? size * size : count);
                        }
                    }
                }
            }
            return y;
        };
    }

    /** Each channel's mean over the image. */
    static ReferenceLayer globalAvgPool(Shape in) {
        int c = in.channels();
        int pixels = in.height() * in.width();
        return (x, batch, p, mode) -> {
            double[] y = new double[batch * c];
            for (int n = 0; n < batch; n++) {
                for (int px = 0; px < pixels; px++) {
                    for (int ch = 0; ch < c; ch++) {
                        y[n * c + ch] += x[n * in.size() + px * c + ch] / pixels;
                    }
                }
            }
            return y;
        };
    }

    /**
     * {@code γ (x − μ) / sqrt(σ² + ε) + β} per channel: μ, σ² (biased) of the batch in training, the running
     * statistics (parameters 2 and 3) in inference.
     */
    static ReferenceLayer batchNorm(Shape in, double eps) {
        int c = in.features();
        return (x, batch, p, mode) -> {
            int rows = batch * (in.size() / c);
            double[] mean = new double[c];
            double[] variance = new double[c];
            for (int ch = 0; ch < c; ch++) {
                if (mode == Mode.TRAINING) {
                    for (int r = 0; r < rows; r++) {
                        mean[ch] += x[r * c + ch] / rows;
                    }
                    for (int r = 0; r < rows; r++) {
                        double d = x[r * c + ch] - mean[ch];
                        variance[ch] += d * d / rows;
                    }
                } else {
                    mean[ch] = p[2][ch];
                    variance[ch] = p[3][ch];
                }
            }
            double[] y = new double[x.length];
            for (int r = 0; r < rows; r++) {
                for (int ch = 0; ch < c; ch++) {
                    y[r * c + ch] = p[0][ch] * (x[r * c + ch] - mean[ch]) / Math.sqrt(variance[ch] + eps) + p[1][ch];
                }
            }
            return y;
        };
    }

    /** The mask of the layer's last training step (kept values scaled by 1/(1 − rate)); the identity in inference. */
    static ReferenceLayer dropout(Shape in, double rate, long seed, long step) {
        return (x, batch, p, mode) -> {
            if (mode == Mode.INFERENCE) {
                return x.clone();
            }
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = Dropouts.kept((float) rate, seed, step, i) ? x[i] / (1 - rate) : 0;
            }
            return y;
        };
    }
}
