package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.explain.Score;

/**
 * The class scores of a {@link Network} in double precision ({@link ReferenceNetwork}'s forward pass), and
 * first-order bounds on the float rounding error of a score and of its input gradient as the
 * {@link dev.lanes.nn.explain.Explainer} computes them: the forward bounds of {@link ReferenceNetwork#bounds},
 * then, instead of a loss's BP1, the seed δᴸ = ∂s/∂zᴸ of the score, then the same BP2 recursion down to the
 * input.
 */
final class ScoreReference {

    private static final double U = ReferenceNetwork.U;

    final ReferenceNetwork ref;
    private final int[] sizes;
    private final Activation[] activations;

    ScoreReference(Network network) {
        this.ref = new ReferenceNetwork(network);
        this.sizes = ref.sizes();
        this.activations = ref.activations();
    }

    /** s of class {@code c} for one example {@code x}, in double. */
    double score(double[] x, int c, Score score) {
        double[][] z = ref.preActivations(x, 1);
        int last = sizes.length - 1;
        if (score == Score.LOGIT) {
            return z[last][c];
        }
        return ReferenceNetwork.activate(activations[last], z[last], 1, sizes[last])[c];
    }

    /** Whether a kinked activation's pre-activation changes sign between x − h e_k and x + h e_k. */
    boolean crossesKink(double[] x, int k, double h) {
        if (!ref.hasKinks()) {
            return false;
        }
        double saved = x[k];
        x[k] = saved + h;
        double[][] up = ref.preActivations(x, 1);
        x[k] = saved - h;
        double[][] down = ref.preActivations(x, 1);
        x[k] = saved;
        for (int l = 0; l < up.length; l++) {
            if (!ReferenceNetwork.hasKinkAtZero(activations[l])) {
                continue;
            }
            for (int i = 0; i < up[l].length; i++) {
                if ((up[l][i] > 0) != (down[l][i] > 0)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Error bounds of one example's float score and input gradient. */
    record Bounds(double score, double[] inputGradient) {
    }

    /**
     * Forward: every sum of n products contributes {@code gamma(n + 2) Σ|terms|} plus its inputs' errors times
     * |w|; every activation its Lipschitz constant times its input's error plus {@code KERNEL_ERROR u |value|}
     * (softmax: the row's largest logit error). Seed: a logit's δᴸ = e_c is exact; a softmax probability's
     * δ_j = a_j (e_cj − a_c) is two roundings from the computed a (Σ_k e_ck a_k has one nonzero term, so it is
     * exact) and moves by ea_j |e_cj − a_c| + a_j ea_c with the activations; an elementwise output's
     * δ_c = f′ carries f′'s error (slope of f′ times the saved value's error, plus the kernel error). BP2 as in
     * {@link ReferenceNetwork#bounds}.
     */
    Bounds bounds(double[] x, int c, Score score) {
        int layers = sizes.length;
        double[][] z = ref.preActivations(x, 1);
        double[][] a = new double[layers][];
        for (int l = 0; l < layers; l++) {
            a[l] = ReferenceNetwork.activate(activations[l], z[l], 1, sizes[l]);
        }
        double[][] ez = new double[layers][];
        double[][] ea = new double[layers][];
        double[] in = x;
        double[] ein = new double[x.length];
        int inSize = ref.inputSize();
        for (int l = 0; l < layers; l++) {
            int out = sizes[l];
            Activation f = activations[l];
            ez[l] = new double[out];
            ea[l] = new double[out];
            double maxEz = 0;
            for (int j = 0; j < out; j++) {
                double mag = Math.abs(ref.biases[l][j]);
                double prop = 0;
                for (int k = 0; k < inSize; k++) {
                    double w = Math.abs(ref.weights[l][j * inSize + k]);
                    mag += w * Math.abs(in[k]);
                    prop += w * ein[k];
                }
                ez[l][j] = ReferenceNetwork.gamma(inSize + 2) * mag + prop;
                maxEz = Math.max(maxEz, ez[l][j]);
            }
            for (int j = 0; j < out; j++) {
                double propagated = f.kind() == Activation.Kind.SOFTMAX ? maxEz
                        : ReferenceNetwork.lipschitz(f) * ez[l][j];
                ea[l][j] = propagated + ReferenceNetwork.KERNEL_ERROR * U * Math.abs(a[l][j]);
            }
            in = a[l];
            ein = ea[l];
            inSize = out;
        }

        int last = layers - 1;
        int outs = sizes[last];
        Activation g = activations[last];
        double[] delta = new double[outs];
        double[] edelta = new double[outs];
        delta[c] = 1;
        double scoreError = score == Score.LOGIT && g.kind() != Activation.Kind.IDENTITY ? ez[last][c] : ea[last][c];
        if (score == Score.PROBABILITY && g.kind() == Activation.Kind.SOFTMAX) {
            double ac = a[last][c];
            for (int j = 0; j < outs; j++) {
                double e = j == c ? 1 : 0;
                delta[j] = a[last][j] * (e - ac);
                edelta[j] = ea[last][j] * Math.abs(e - ac) + a[last][j] * ea[last][c]
                        + ReferenceNetwork.gamma(2) * Math.abs(delta[j]);
            }
        } else if (score == Score.PROBABILITY && g.kind() != Activation.Kind.IDENTITY) {
            double fp = ReferenceNetwork.derivative(g, z[last][c], a[last][c]);
            double esaved = g.derivativeFromOutput() ? ea[last][c] : ez[last][c];
            delta[c] = fp;
            edelta[c] = ReferenceNetwork.derivativeSlope(g) * esaved
                    + ReferenceNetwork.KERNEL_ERROR * U * Math.abs(fp);
        }

        for (int l = last; l >= 0; l--) {
            int out = sizes[l];
            int inN = l == 0 ? ref.inputSize() : sizes[l - 1];
            Activation fb = l == 0 ? null : activations[l - 1];
            double[] below = new double[inN];
            double[] ebelow = new double[inN];
            for (int k = 0; k < inN; k++) {
                double s = 0;
                double smag = 0;
                double es = 0;
                for (int j = 0; j < out; j++) {
                    double w = ref.weights[l][j * inN + k];
                    s += delta[j] * w;
                    smag += Math.abs(delta[j] * w);
                    es += edelta[j] * Math.abs(w);
                }
                es += ReferenceNetwork.gamma(out + 2) * smag;
                if (fb == null) {
                    below[k] = s;
                    ebelow[k] = es;
                } else {
                    double fp = ReferenceNetwork.derivative(fb, z[l - 1][k], a[l - 1][k]);
                    double esaved = fb.derivativeFromOutput() ? ea[l - 1][k] : ez[l - 1][k];
                    below[k] = s * fp;
                    ebelow[k] = es * Math.abs(fp)
                            + Math.abs(s) * (ReferenceNetwork.derivativeSlope(fb) * esaved
                            + ReferenceNetwork.KERNEL_ERROR * U * Math.abs(fp))
                            + U * Math.abs(below[k]);
                }
            }
            delta = below;
            edelta = ebelow;
        }
        return new Bounds(scoreError, edelta);
    }
}
