package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarOptimizers;
import dev.lanes.kernels.simd.SimdOptimizers;

/**
 * Optimizer steps, each one pass over a parameter buffer w (updated in place) and its gradient g (read only),
 * with PyTorch's semantics. The SIMD and scalar paths apply the same float operations in the same order, so
 * they give identical results.
 */
public final class Optimizers {

    private Optimizers() {
    }

    /**
     * Plain SGD: {@code w -= lr (g + weightDecay w)} (with {@code weightDecay == 0} the decay term is skipped,
     * so an infinite w does not make NaN).
     *
     * @param n number of parameters, {@code >= 0}
     * @param learningRate the learning rate, {@code >= 0}
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @param w the parameters, updated in place
     * @param wOffset index of the first element of {@code w}
     * @param g their gradients, read only
     * @param gOffset index of the first element of {@code g}
     * @throws IllegalArgumentException if learningRate or weightDecay is negative or NaN, n or an offset is
     *                                  negative, or an array is null or too short
     */
    public static void sgd(int n, float learningRate, float weightDecay, float[] w, int wOffset,
                           float[] g, int gOffset) {
        Checks.nonNegative("learningRate", learningRate);
        Checks.nonNegative("weightDecay", weightDecay);
        checkBuffers(n, w, wOffset, g, gOffset);
        if (Simd.ENABLED) {
            SimdOptimizers.sgd(n, learningRate, weightDecay, w, wOffset, g, gOffset);
        } else {
            ScalarOptimizers.sgd(n, learningRate, weightDecay, w, wOffset, g, gOffset);
        }
    }

    /**
     * SGD with momentum, PyTorch semantics: {@code g' = g + wd w; v = momentum v + g';
     * w -= lr (nesterov ? g' + momentum v : v)}. Start with a zero velocity buffer.
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
     * @throws IllegalArgumentException if a hyperparameter is negative or NaN, nesterov is set with
     *                                  {@code momentum == 0}, n or an offset is negative, or an array is null
     *                                  or too short
     */
    public static void momentum(int n, float learningRate, float momentum, float weightDecay, boolean nesterov,
                                float[] w, int wOffset, float[] g, int gOffset, float[] velocity,
                                int velocityOffset) {
        Checks.nonNegative("learningRate", learningRate);
        Checks.nonNegative("momentum", momentum);
        Checks.nonNegative("weightDecay", weightDecay);
        if (nesterov && momentum == 0f) {
            throw new IllegalArgumentException("nesterov needs momentum > 0, was 0.0");
        }
        checkBuffers(n, w, wOffset, g, gOffset);
        Checks.vector("velocity", velocity, "velocityOffset", velocityOffset, n);
        if (Simd.ENABLED) {
            SimdOptimizers.momentum(n, learningRate, momentum, weightDecay, nesterov, w, wOffset, g, gOffset,
                    velocity, velocityOffset);
        } else {
            ScalarOptimizers.momentum(n, learningRate, momentum, weightDecay, nesterov, w, wOffset, g, gOffset,
                    velocity, velocityOffset);
        }
    }

    /**
     * Adam (decoupledWeightDecay false: {@code g += wd w}) or AdamW (true: {@code w *= 1 - lr wd} first),
     * bias-corrected, step {@code t >= 1}:
     * {@code m = b1 m + (1-b1) g; v = b2 v + (1-b2) g²;
     * w -= (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + epsilon)}.
     * Start with zero m and v buffers.
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
     * @throws IllegalArgumentException if learningRate, epsilon or weightDecay is negative or NaN, a beta is
     *                                  not in [0, 1), step is below 1, n or an offset is negative, or an array
     *                                  is null or too short
     */
    public static void adam(int n, float learningRate, float beta1, float beta2, float epsilon, float weightDecay,
                            boolean decoupledWeightDecay, int step, float[] w, int wOffset, float[] g, int gOffset,
                            float[] m, int mOffset, float[] v, int vOffset) {
        Checks.nonNegative("learningRate", learningRate);
        Checks.unitInterval("beta1", beta1);
        Checks.unitInterval("beta2", beta2);
        Checks.nonNegative("epsilon", epsilon);
        Checks.nonNegative("weightDecay", weightDecay);
        Checks.positive("step", step);
        checkBuffers(n, w, wOffset, g, gOffset);
        Checks.vector("m", m, "mOffset", mOffset, n);
        Checks.vector("v", v, "vOffset", vOffset, n);
        if (Simd.ENABLED) {
            SimdOptimizers.adam(n, learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay, step,
                    w, wOffset, g, gOffset, m, mOffset, v, vOffset);
        } else {
            ScalarOptimizers.adam(n, learningRate, beta1, beta2, epsilon, weightDecay, decoupledWeightDecay, step,
                    w, wOffset, g, gOffset, m, mOffset, v, vOffset);
        }
    }

    /**
     * Global-norm clipping over several whole gradient buffers: with {@code ||g||_2} the norm of all of them
     * together ({@link Vectors#sumOfSquares}, in double), if it exceeds maxNorm every buffer is scaled by
     * {@code maxNorm / ||g||}. A non-finite norm leaves the buffers unchanged (the caller should skip the step).
     *
     * @param maxNorm the largest global L2 norm allowed, {@code > 0}
     * @param gradients the gradient arrays, scaled in place when their global norm exceeds maxNorm
     * @return the norm before clipping
     * @throws IllegalArgumentException if maxNorm is not finite and positive, or gradients or one of its
     *                                  buffers is null (naming its index)
     */
    public static double clipByGlobalNorm(float maxNorm, float[][] gradients) {
        Checks.positiveFinite("maxNorm", maxNorm);
        Checks.notNull("gradients", gradients);
        for (int i = 0; i < gradients.length; i++) {
            if (gradients[i] == null) {
                // The name is built only on failure: the check runs every training step.
                Checks.notNull("gradients[" + i + "]", null);
            }
        }
        return Simd.ENABLED ? SimdOptimizers.clipByGlobalNorm(maxNorm, gradients)
                : ScalarOptimizers.clipByGlobalNorm(maxNorm, gradients);
    }

    private static void checkBuffers(int n, float[] w, int wOffset, float[] g, int gOffset) {
        Checks.nonNegative("n", n);
        Checks.vector("w", w, "wOffset", wOffset, n);
        Checks.vector("g", g, "gOffset", gOffset, n);
    }
}
