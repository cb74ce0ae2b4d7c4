package dev.lanes.kernels.scalar;

import dev.lanes.kernels.internal.AdamScalars;

/**
 * The reference optimizer steps: same signatures and semantics as {@link dev.lanes.kernels.Optimizers}, no
 * argument checks. The per-element updates are the same float operations, in the same order, as the SIMD
 * kernels, so both give identical results.
 */
public final class ScalarOptimizers {

    private ScalarOptimizers() {
    }

    /**
     * See {@link dev.lanes.kernels.Optimizers#sgd}.
     *
     * @param n number of parameters, {@code >= 0}
     * @param learningRate the learning rate, {@code >= 0}
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @param w the parameters, updated in place
     * @param wOffset index of the first element of {@code w}
     * @param g their gradients, read only
     * @param gOffset index of the first element of {@code g}
     */
    public static void sgd(int n, float learningRate, float weightDecay, float[] w, int wOffset,
                           float[] g, int gOffset) {
        for (int i = 0; i < n; i++) {
            float wi = w[wOffset + i];
            float gi = weightDecay == 0f ? g[gOffset + i] : g[gOffset + i] + weightDecay * wi;
            w[wOffset + i] = wi - learningRate * gi;
        }
    }

    /**
     * See {@link dev.lanes.kernels.Optimizers#momentum}.
     *
     * @param n number of parameters, {@code >= 0}
     * @param learningRate the learning rate, {@code >= 0}
     * @param momentum the momentum μ, {@code >= 0}
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @param nesterov Nesterov momentum (needs {@code momentum > 0})
     * @param w the parameters, updated in place
     * @param wOffset index of the first element of {@code w}
     * @param g their gradients, read only
     * @param gOffset index of the first element of {@code g}
     * @param velocity the velocity buffer, zero before the first step, updated in place
     * @param velocityOffset index of the first element of {@code velocity}
     */
    public static void momentum(int n, float learningRate, float momentum, float weightDecay, boolean nesterov,
                                float[] w, int wOffset, float[] g, int gOffset, float[] velocity,
                                int velocityOffset) {
        for (int i = 0; i < n; i++) {
            float wi = w[wOffset + i];
            float gi = weightDecay == 0f ? g[gOffset + i] : g[gOffset + i] + weightDecay * wi;
            float v = momentum * velocity[velocityOffset + i] + gi;
            velocity[velocityOffset + i] = v;
            w[wOffset + i] = wi - learningRate * (nesterov ? gi + momentum * v : v);
        }
    }

    /**
     * See {@link dev.lanes.kernels.Optimizers#adam}.
     *
     * @param n number of parameters, {@code >= 0}
     * @param learningRate the learning rate, {@code >= 0}
     * @param beta1 decay of the first-moment estimate, in [0, 1)
     * @param beta2 decay of the second-moment estimate, in [0, 1)
     * @param epsilon added to the root of the second moment, {@code > 0}
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @param decoupledWeightDecay AdamW: decay w directly ({@code w -= lr wd w}) instead of adding {@code wd w} to
     *     the gradient
     * @param step the number of this step, from 1 (for the bias corrections)
     * @param w the parameters, updated in place
     * @param wOffset index of the first element of {@code w}
     * @param g their gradients, read only
     * @param gOffset index of the first element of {@code g}
     * @param m the first-moment buffer, zero before the first step, updated in place
     * @param mOffset index of the first element of {@code m}
     * @param v the second-moment buffer, zero before the first step, updated in place
     * @param vOffset index of the first element of {@code v}
     */
    public static void adam(int n, float learningRate, float beta1, float beta2, float epsilon, float weightDecay,
                            boolean decoupledWeightDecay, int step, float[] w, int wOffset, float[] g, int gOffset,
                            float[] m, int mOffset, float[] v, int vOffset) {
        AdamScalars s = new AdamScalars(learningRate, beta1, beta2, weightDecay, decoupledWeightDecay, step);
        for (int i = 0; i < n; i++) {
            float wi = w[wOffset + i];
            float gi = g[gOffset + i];
            if (s.l2() != 0f) {
                gi += s.l2() * wi;
            }
            if (s.decay() != 1f) {
                wi *= s.decay();
            }
            float mi = beta1 * m[mOffset + i] + s.oneMinusBeta1() * gi;
            float vi = beta2 * v[vOffset + i] + s.oneMinusBeta2() * (gi * gi);
            m[mOffset + i] = mi;
            v[vOffset + i] = vi;
            float denominator = (float) Math.sqrt(vi) * s.inverseSqrtCorrection2() + epsilon;
            w[wOffset + i] = wi - s.stepSize() * mi / denominator;
        }
    }

    /**
     * See {@link dev.lanes.kernels.Optimizers#clipByGlobalNorm}.
     *
     * @param maxNorm the largest global L2 norm allowed, {@code > 0}
     * @param gradients the gradient arrays, scaled in place when their global norm exceeds maxNorm
     * @return the norm before clipping
     */
    public static double clipByGlobalNorm(float maxNorm, float[][] gradients) {
        double sum = 0;
        for (float[] g : gradients) {
            sum += sumOfSquares(g);
        }
        double norm = Math.sqrt(sum);
        if (Double.isFinite(norm) && norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (float[] g : gradients) {
                ScalarVectors.scale(g.length, scale, g, 0);
            }
        }
        return norm;
    }

    private static double sumOfSquares(float[] g) {
        return ScalarVectors.sumOfSquares(g.length, g, 0);
    }
}
