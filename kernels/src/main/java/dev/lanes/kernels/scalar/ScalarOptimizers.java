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

    /** See {@link dev.lanes.kernels.Optimizers#sgd}. */
    public static void sgd(int n, float learningRate, float weightDecay, float[] w, int wOffset,
                           float[] g, int gOffset) {
        for (int i = 0; i < n; i++) {
            float wi = w[wOffset + i];
            float gi = weightDecay == 0f ? g[gOffset + i] : g[gOffset + i] + weightDecay * wi;
            w[wOffset + i] = wi - learningRate * gi;
        }
    }

    /** See {@link dev.lanes.kernels.Optimizers#momentum}. */
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

    /** See {@link dev.lanes.kernels.Optimizers#adam}. */
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

    /** See {@link dev.lanes.kernels.Optimizers#clipByGlobalNorm}. */
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
