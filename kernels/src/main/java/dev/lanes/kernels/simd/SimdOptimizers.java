package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.internal.AdamScalars;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The Vector API optimizer steps behind {@link dev.lanes.kernels.Optimizers}: one pass over the buffers, the
 * reference's float operations in its order (so results are identical), a masked last vector. Arguments are
 * trusted.
 */
public final class SimdOptimizers {

    private SimdOptimizers() {
    }

    /** See {@link dev.lanes.kernels.Optimizers#sgd}. */
    public static void sgd(int n, float learningRate, float weightDecay, float[] w, int wOffset,
                           float[] g, int gOffset) {
        boolean decay = weightDecay != 0f;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector wi = FloatVector.fromArray(F, w, wOffset + i);
            FloatVector gi = FloatVector.fromArray(F, g, gOffset + i);
            if (decay) {
                gi = gi.add(wi.mul(weightDecay));
            }
            wi.sub(gi.mul(learningRate)).intoArray(w, wOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector wi = FloatVector.fromArray(F, w, wOffset + i, m);
            FloatVector gi = FloatVector.fromArray(F, g, gOffset + i, m);
            if (decay) {
                gi = gi.add(wi.mul(weightDecay));
            }
            wi.sub(gi.mul(learningRate)).intoArray(w, wOffset + i, m);
        }
    }

    /** See {@link dev.lanes.kernels.Optimizers#momentum}. */
    public static void momentum(int n, float learningRate, float momentum, float weightDecay, boolean nesterov,
                                float[] w, int wOffset, float[] g, int gOffset, float[] velocity,
                                int velocityOffset) {
        boolean decay = weightDecay != 0f;
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector wi = FloatVector.fromArray(F, w, wOffset + i);
            FloatVector gi = FloatVector.fromArray(F, g, gOffset + i);
            if (decay) {
                gi = gi.add(wi.mul(weightDecay));
            }
            FloatVector v = FloatVector.fromArray(F, velocity, velocityOffset + i).mul(momentum).add(gi);
            v.intoArray(velocity, velocityOffset + i);
            FloatVector step = nesterov ? gi.add(v.mul(momentum)) : v;
            wi.sub(step.mul(learningRate)).intoArray(w, wOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector wi = FloatVector.fromArray(F, w, wOffset + i, m);
            FloatVector gi = FloatVector.fromArray(F, g, gOffset + i, m);
            if (decay) {
                gi = gi.add(wi.mul(weightDecay));
            }
            FloatVector v = FloatVector.fromArray(F, velocity, velocityOffset + i, m).mul(momentum).add(gi);
            v.intoArray(velocity, velocityOffset + i, m);
            FloatVector step = nesterov ? gi.add(v.mul(momentum)) : v;
            wi.sub(step.mul(learningRate)).intoArray(w, wOffset + i, m);
        }
    }

    /** See {@link dev.lanes.kernels.Optimizers#adam}. */
    public static void adam(int n, float learningRate, float beta1, float beta2, float epsilon, float weightDecay,
                            boolean decoupledWeightDecay, int step, float[] w, int wOffset, float[] g, int gOffset,
                            float[] m, int mOffset, float[] v, int vOffset) {
        AdamScalars s = new AdamScalars(learningRate, beta1, beta2, weightDecay, decoupledWeightDecay, step);
        float l2 = s.l2();
        float decay = s.decay();
        float oneMinusBeta1 = s.oneMinusBeta1();
        float oneMinusBeta2 = s.oneMinusBeta2();
        float stepSize = s.stepSize();
        float inverseSqrtCorrection2 = s.inverseSqrtCorrection2();
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector wi = FloatVector.fromArray(F, w, wOffset + i);
            FloatVector gi = FloatVector.fromArray(F, g, gOffset + i);
            if (l2 != 0f) {
                gi = gi.add(wi.mul(l2));
            }
            if (decay != 1f) {
                wi = wi.mul(decay);
            }
            FloatVector mi = FloatVector.fromArray(F, m, mOffset + i).mul(beta1).add(gi.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(F, v, vOffset + i).mul(beta2).add(gi.mul(gi).mul(oneMinusBeta2));
            mi.intoArray(m, mOffset + i);
            vi.intoArray(v, vOffset + i);
            FloatVector denominator = vi.sqrt().mul(inverseSqrtCorrection2).add(epsilon);
            wi.sub(mi.mul(stepSize).div(denominator)).intoArray(w, wOffset + i);
        }
        if (i < n) {
            VectorMask<Float> k = F.indexInRange(i, n);
            FloatVector wi = FloatVector.fromArray(F, w, wOffset + i, k);
            FloatVector gi = FloatVector.fromArray(F, g, gOffset + i, k);
            if (l2 != 0f) {
                gi = gi.add(wi.mul(l2));
            }
            if (decay != 1f) {
                wi = wi.mul(decay);
            }
            FloatVector mi = FloatVector.fromArray(F, m, mOffset + i, k).mul(beta1).add(gi.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(F, v, vOffset + i, k).mul(beta2).add(gi.mul(gi).mul(oneMinusBeta2));
            mi.intoArray(m, mOffset + i, k);
            vi.intoArray(v, vOffset + i, k);
            FloatVector denominator = vi.sqrt().mul(inverseSqrtCorrection2).add(epsilon);
            wi.sub(mi.mul(stepSize).div(denominator)).intoArray(w, wOffset + i, k);
        }
    }

    /** See {@link dev.lanes.kernels.Optimizers#clipByGlobalNorm}. */
    public static double clipByGlobalNorm(float maxNorm, float[][] gradients) {
        double sum = 0;
        for (float[] g : gradients) {
            sum += SimdVectors.sumOfSquares(g.length, g, 0);
        }
        double norm = Math.sqrt(sum);
        if (Double.isFinite(norm) && norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (float[] g : gradients) {
                SimdVectors.scale(g.length, scale, g, 0);
            }
        }
        return norm;
    }
}
