package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.List;

/**
 * A double-precision re-implementation of a {@link Network}'s loss, straight from the definitions (no kernels,
 * no fusion): the reference that finite differences are taken on. It also propagates, alongside the float
 * computation it mirrors, a first-order bound on the float rounding error of every quantity (see
 * docs/numerics.md, "Gradient checks"), so the tolerance of a gradient comparison is derived, not chosen.
 */
final class ReferenceNetwork {

    /** Unit roundoff of float. */
    static final double U = 0x1p-24;

    private final int inputSize;
    private final int[] sizes;
    private final Activation[] activations;
    private final Loss loss;
    final double[][] weights;
    final double[][] biases;

    ReferenceNetwork(Network network) {
        List<Layer> layers = network.layers();
        this.inputSize = network.inputSize();
        this.sizes = new int[layers.size()];
        this.activations = new Activation[layers.size()];
        this.loss = network.loss();
        this.weights = new double[layers.size()][];
        this.biases = new double[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            Dense d = (Dense) layers.get(l);
            sizes[l] = d.units();
            // The network applies the last layer's activation as its output activation.
            activations[l] = l == layers.size() - 1 ? network.outputActivation() : d.activation();
            weights[l] = toDouble(d.weights().values());
            biases[l] = toDouble(d.bias().values());
        }
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** The mean loss over {@code batch} rows of {@code x}; targets are one-hot labels or real targets. */
    double loss(double[] x, int batch, int[] labels, double[] targets) {
        return run(x, batch, labels, targets).loss;
    }

    /** Pre-activations of every layer for one batch (to detect kinks crossed by a finite difference). */
    double[][] preActivations(double[] x, int batch) {
        return run(x, batch, null, null).z;
    }

    private record Pass(double loss, double[][] z, double[][] a) {
    }

    private Pass run(double[] x, int batch, int[] labels, double[] targets) {
        int layers = sizes.length;
        double[][] z = new double[layers][];
        double[][] a = new double[layers][];
        double[] in = x;
        int inSize = inputSize;
        for (int l = 0; l < layers; l++) {
            int out = sizes[l];
            z[l] = new double[batch * out];
            for (int i = 0; i < batch; i++) {
                for (int j = 0; j < out; j++) {
                    double s = biases[l][j];
                    for (int k = 0; k < inSize; k++) {
                        s += weights[l][j * inSize + k] * in[i * inSize + k];
                    }
                    z[l][i * out + j] = s;
                }
            }
            a[l] = activate(activations[l], z[l], batch, out);
            in = a[l];
            inSize = out;
        }
        if (labels == null && targets == null) {
            return new Pass(Double.NaN, z, a);
        }
        int outs = sizes[layers - 1];
        double total = 0;
        for (int i = 0; i < batch; i++) {
            for (int j = 0; j < outs; j++) {
                double zj = z[layers - 1][i * outs + j];
                double aj = a[layers - 1][i * outs + j];
                double t = targets != null ? targets[i * outs + j] : (labels[i] == j ? 1 : 0);
                if (loss == Loss.CROSS_ENTROPY) {
                    total += t == 1 ? -Math.log(aj) : 0;
                } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
                    total += Math.max(zj, 0) - zj * t + Math.log1p(Math.exp(-Math.abs(zj)));
                } else {
                    total += 0.5 * (aj - t) * (aj - t);
                }
            }
        }
        return new Pass(total / batch, z, a);
    }

    static double[] activate(Activation f, double[] z, int batch, int out) {
        double[] a = new double[z.length];
        if (f.kind() == Activation.Kind.SOFTMAX) {
            for (int i = 0; i < batch; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < out; j++) {
                    max = Math.max(max, z[i * out + j]);
                }
                double sum = 0;
                for (int j = 0; j < out; j++) {
                    sum += Math.exp(z[i * out + j] - max);
                }
                for (int j = 0; j < out; j++) {
                    a[i * out + j] = Math.exp(z[i * out + j] - max) / sum;
                }
            }
            return a;
        }
        for (int i = 0; i < z.length; i++) {
            a[i] = apply(f, z[i]);
        }
        return a;
    }

    static double apply(Activation f, double z) {
        return switch (f.kind()) {
            case IDENTITY -> z;
            case RELU -> z > 0 ? z : 0;
            case LEAKY_RELU -> z > 0 ? z : f.slope() * z;
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> Math.tanh(z);
            case SOFTPLUS -> Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
            case GELU -> 0.5 * z * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (z + 0.044715 * z * z * z)));
            case SILU -> z / (1 + Math.exp(-z));
            case SOFTMAX -> throw new IllegalArgumentException("softmax is per row");
        };
    }

    /** Whether f has a kink (a jump in f′) at 0, where a finite difference straddling 0 is meaningless. */
    static boolean hasKinkAtZero(Activation f) {
        return f.kind() == Activation.Kind.RELU || f.kind() == Activation.Kind.LEAKY_RELU;
    }

    boolean hasKinks() {
        for (Activation f : activations) {
            if (hasKinkAtZero(f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Largest |f′| (Lipschitz constant) of each activation over the reals: how much an error in z can grow
     * in a = f(z). GELU's derivative peaks at 1.129 near z = 1.5, SiLU's at 1.100 near z = 2.4.
     */
    static double lipschitz(Activation f) {
        return switch (f.kind()) {
            case SIGMOID -> 0.25;
            case GELU -> 1.13;
            case SILU -> 1.1;
            case LEAKY_RELU, RELU, IDENTITY, TANH, SOFTPLUS, SOFTMAX -> 1.0;
        };
    }

    /**
     * Largest |f″|: how much an error in z (or y) changes f′ in BP2. Sigmoid 0.0962, tanh 0.770, softplus
     * 0.25, SiLU 0.5 (at 0), GELU 0.798 (at 0); ReLU-likes 0 away from the kink.
     */
    static double curvature(Activation f) {
        return switch (f.kind()) {
            case SIGMOID -> 0.0962;
            case TANH -> 0.770;
            case SOFTPLUS -> 0.25;
            case SILU -> 0.5;
            case GELU -> 0.8;
            case SOFTMAX -> 1.0;
            case IDENTITY, RELU, LEAKY_RELU -> 0.0;
        };
    }

    /**
     * Relative error of the activation, softmax and loss kernels, in units of u: measured over all floats
     * (docs/numerics.md) they are within 6.6 ulp (GELU) and 2.6 ulp (everything else) on normal results, and one
     * ulp is at most 2u relative, so 16u covers them (SiLU's 52 ulp occur only on subnormal outputs, below 1e-38
     * absolute, which no gradient here notices).
     */
    static final double KERNEL_ERROR = 16;

    static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    /** First-order bounds on the float rounding error of every gradient a {@link Workspace} computes. */
    record GradientBounds(double[][] weights, double[][] biases, double[] input) {
    }

    /**
     * Propagates, through the forward pass, BP1, BP2, BP3 and BP4 exactly as the float code orders them, a
     * first-order bound on each quantity's rounding error: every sum of n products contributes
     * {@code gamma(n + 2) * sum |terms|}, every activation {@link #lipschitz} times its input's error plus
     * {@link #KERNEL_ERROR} u of its value, every derivative its {@link #curvature} times its argument's error.
     */
    GradientBounds bounds(double[] x, int batch, int[] labels, double[] targets) {
        int layers = sizes.length;
        Pass pass = run(x, batch, labels, targets);
        double[][] ez = new double[layers][];
        double[][] ea = new double[layers][];
        int inSize = inputSize;
        double[] in = x;
        double[] ein = new double[x.length];
        for (int l = 0; l < layers; l++) {
            int out = sizes[l];
            ez[l] = new double[batch * out];
            ea[l] = new double[batch * out];
            Activation f = activations[l];
            for (int i = 0; i < batch; i++) {
                double rowMaxEz = 0;
                for (int j = 0; j < out; j++) {
                    double mag = Math.abs(biases[l][j]);
                    double prop = 0;
                    for (int k = 0; k < inSize; k++) {
                        double w = Math.abs(weights[l][j * inSize + k]);
                        mag += w * Math.abs(in[i * inSize + k]);
                        prop += w * ein[i * inSize + k];
                    }
                    ez[l][i * out + j] = gamma(inSize + 2) * mag + prop;
                    rowMaxEz = Math.max(rowMaxEz, ez[l][i * out + j]);
                }
                for (int j = 0; j < out; j++) {
                    double a = Math.abs(pass.a[l][i * out + j]);
                    double propagated = f.kind() == Activation.Kind.SOFTMAX ? rowMaxEz : lipschitz(f) * ez[l][i * out + j];
                    ea[l][i * out + j] = propagated + KERNEL_ERROR * U * a;
                }
            }
            in = pass.a[l];
            ein = ea[l];
            inSize = out;
        }

        // BP1: δᴸ and its error bound, per row, including the 1/batch of the mean.
        int last = layers - 1;
        int outs = sizes[last];
        double[] delta = new double[batch * outs];
        double[] edelta = new double[batch * outs];
        Activation g = activations[last];
        for (int i = 0; i < batch; i++) {
            double rowMaxEz = 0;
            for (int j = 0; j < outs; j++) {
                rowMaxEz = Math.max(rowMaxEz, ez[last][i * outs + j]);
            }
            double[] grad = new double[outs];
            double[] egrad = new double[outs];
            for (int j = 0; j < outs; j++) {
                int o = i * outs + j;
                double t = targets != null ? targets[o] : (labels[i] == j ? 1 : 0);
                double a = pass.a[last][o];
                if (loss == Loss.CROSS_ENTROPY) {
                    delta[o] = (a - t) / batch;
                    edelta[o] = (rowMaxEz + KERNEL_ERROR * U * a + 2 * U * Math.abs(a - t)) / batch;
                } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
                    delta[o] = (a - t) / batch;
                    edelta[o] = (0.25 * ez[last][o] + KERNEL_ERROR * U * a + 2 * U * Math.abs(a - t)) / batch;
                } else {
                    grad[j] = (a - t) / batch;
                    egrad[j] = (ea[last][o] + 2 * U * Math.abs(a - t)) / batch;
                }
            }
            if (loss != Loss.MSE) {
                continue;
            }
            if (g.kind() == Activation.Kind.SOFTMAX) {
                double s = 0;
                double smag = 0;
                double es = 0;
                for (int m = 0; m < outs; m++) {
                    double am = pass.a[last][i * outs + m];
                    s += grad[m] * am;
                    smag += Math.abs(grad[m] * am);
                    es += egrad[m] * am + Math.abs(grad[m]) * ea[last][i * outs + m];
                }
                for (int j = 0; j < outs; j++) {
                    int o = i * outs + j;
                    double aj = pass.a[last][o];
                    delta[o] = aj * (grad[j] - s);
                    edelta[o] = ea[last][o] * Math.abs(grad[j] - s)
                            + aj * (egrad[j] + es + gamma(outs + 2) * (Math.abs(grad[j]) + smag));
                }
            } else {
                for (int j = 0; j < outs; j++) {
                    int o = i * outs + j;
                    double fp = derivative(g, pass.z[last][o], pass.a[last][o]);
                    double esaved = g.derivativeFromOutput() ? ea[last][o] : ez[last][o];
                    delta[o] = grad[j] * fp;
                    edelta[o] = egrad[j] * Math.abs(fp)
                            + Math.abs(grad[j]) * (derivativeSlope(g) * esaved + KERNEL_ERROR * U * Math.abs(fp))
                            + U * Math.abs(delta[o]);
                }
            }
        }

        double[][] wb = new double[layers][];
        double[][] bb = new double[layers][];
        double[] inputBound = null;
        for (int l = last; l >= 0; l--) {
            int out = sizes[l];
            int inN = l == 0 ? inputSize : sizes[l - 1];
            double[] a = l == 0 ? x : pass.a[l - 1];
            double[] eaIn = l == 0 ? new double[x.length] : ea[l - 1];
            // BP4 and BP3: sums over the batch.
            wb[l] = new double[out * inN];
            bb[l] = new double[out];
            for (int j = 0; j < out; j++) {
                double bmag = 0;
                double bprop = 0;
                for (int i = 0; i < batch; i++) {
                    bmag += Math.abs(delta[i * out + j]);
                    bprop += edelta[i * out + j];
                }
                bb[l][j] = gamma(batch + 2) * bmag + bprop;
                for (int k = 0; k < inN; k++) {
                    double mag = 0;
                    double prop = 0;
                    for (int i = 0; i < batch; i++) {
                        double d = Math.abs(delta[i * out + j]);
                        double av = Math.abs(a[i * inN + k]);
                        mag += d * av;
                        prop += edelta[i * out + j] * av + d * eaIn[i * inN + k];
                    }
                    wb[l][j * inN + k] = gamma(batch + 2) * mag + prop;
                }
            }
            // BP2 (or the input gradient for l = 0).
            double[] below = new double[batch * inN];
            double[] ebelow = new double[batch * inN];
            Activation fb = l == 0 ? null : activations[l - 1];
            for (int i = 0; i < batch; i++) {
                for (int k = 0; k < inN; k++) {
                    double s = 0;
                    double smag = 0;
                    double es = 0;
                    for (int j = 0; j < out; j++) {
                        double w = weights[l][j * inN + k];
                        s += delta[i * out + j] * w;
                        smag += Math.abs(delta[i * out + j] * w);
                        es += edelta[i * out + j] * Math.abs(w);
                    }
                    es += gamma(out + 2) * smag;
                    int o = i * inN + k;
                    if (fb == null) {
                        below[o] = s;
                        ebelow[o] = es;
                    } else {
                        double fp = derivative(fb, pass.z[l - 1][o], pass.a[l - 1][o]);
                        double esaved = fb.derivativeFromOutput() ? ea[l - 1][o] : ez[l - 1][o];
                        below[o] = s * fp;
                        ebelow[o] = es * Math.abs(fp)
                                + Math.abs(s) * (derivativeSlope(fb) * esaved + KERNEL_ERROR * U * Math.abs(fp))
                                + U * Math.abs(below[o]);
                    }
                }
            }
            if (l == 0) {
                inputBound = ebelow;
            }
            delta = below;
            edelta = ebelow;
        }
        return new GradientBounds(wb, bb, inputBound);
    }

    /** f′ at z (whose output is y), in double. */
    static double derivative(Activation f, double z, double y) {
        return switch (f.kind()) {
            case IDENTITY -> 1;
            case RELU -> y > 0 ? 1 : 0;
            case LEAKY_RELU -> y > 0 ? 1 : f.slope();
            case SIGMOID -> y * (1 - y);
            case TANH -> 1 - y * y;
            case SOFTPLUS -> 1 - Math.exp(-y);
            case GELU -> {
                double c = Math.sqrt(2 / Math.PI);
                double t = Math.tanh(c * (z + 0.044715 * z * z * z));
                yield 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * c * (1 + 3 * 0.044715 * z * z);
            }
            case SILU -> {
                double s = 1 / (1 + Math.exp(-z));
                yield s * (1 + z * (1 - s));
            }
            case SOFTMAX -> throw new IllegalArgumentException("softmax has a Jacobian, not a derivative");
        };
    }

    /**
     * How fast f′ moves with the value it is computed from (y when f′ is taken from the output, z otherwise):
     * the bound on d f′ / d(saved). Sigmoid y(1−y): |1 − 2y| ≤ 1; tanh 1 − y²: |2y| ≤ 2; softplus 1 − e^(−y):
     * e^(−y) ≤ 1; GELU and SiLU from z: their {@link #curvature}; ReLU-likes and identity: 0.
     */
    static double derivativeSlope(Activation f) {
        return switch (f.kind()) {
            case SIGMOID, SOFTPLUS -> 1;
            case TANH -> 2;
            case GELU, SILU -> curvature(f);
            case IDENTITY, RELU, LEAKY_RELU, SOFTMAX -> 0;
        };
    }

    int inputSize() {
        return inputSize;
    }

    int[] sizes() {
        return sizes;
    }

    Activation[] activations() {
        return activations;
    }
}
