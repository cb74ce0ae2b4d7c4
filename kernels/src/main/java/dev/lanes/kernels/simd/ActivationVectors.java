package dev.lanes.kernels.simd;

import dev.lanes.kernels.internal.GeluConstants;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The activations and their derivatives on one vector, shared by {@link SimdActivations} and the GEMM
 * epilogues. Float operations that form an argument (GELU's t and g) are the reference's, in its order, so
 * they agree bit for bit; see {@link dev.lanes.kernels.scalar.ScalarActivations}. All methods are small and
 * static so that C2 inlines them into the caller's loop.
 */
final class ActivationVectors {

    private ActivationVectors() {
    }

    /**
     * max(x, 0) with {@link Math#max} semantics (NaN stays NaN, -0 gives +0) as a compare and a blend: the
     * vector MAX operation implements those semantics with a longer instruction sequence.
     */
    static FloatVector relu(FloatVector x) {
        return x.blend(0f, x.compare(VectorOperators.LE, 0f));
    }

    static FloatVector leakyRelu(FloatVector x, float slope) {
        return x.mul(slope).blend(x, x.compare(VectorOperators.GT, 0f));
    }

    static FloatVector gelu(FloatVector z) {
        return timesSigmoid(z, geluT(z));
    }

    /** t = K z (1 + A z²), the same float operations as {@link GeluConstants#t}. */
    static FloatVector geluT(FloatVector z) {
        return z.mul(GeluConstants.K).mul(z.mul(z).mul(GeluConstants.A).add(1f));
    }

    /** z σ(t), with the limit -0 at z = -∞ (where the product is -∞ · 0). */
    static FloatVector timesSigmoid(FloatVector z, FloatVector t) {
        return z.mul(VectorMath.sigmoid(t)).blend(-0f, z.compare(VectorOperators.EQ, Float.NEGATIVE_INFINITY));
    }

    /** y &gt; 0 ? 1 : slope (ReLU: slope 0). */
    static FloatVector reluDerivative(FloatVector y, float slope) {
        return FloatVector.broadcast(Species.F, slope).blend(1f, y.compare(VectorOperators.GT, 0f));
    }

    /** y (1 - y). */
    static FloatVector sigmoidDerivative(FloatVector y) {
        return y.mul(y.neg().add(1f));
    }

    /** 1 - y². */
    static FloatVector tanhDerivative(FloatVector y) {
        return y.mul(y).neg().add(1f);
    }

    /** σ(z) = 1 - e^-y = -expm1(-y), from the output y = softplus(z). */
    static FloatVector softplusDerivative(FloatVector y) {
        return VectorMath.expm1(y.neg()).neg();
    }

    static FloatVector geluDerivative(FloatVector z) {
        FloatVector g = z.mul(GeluConstants.K).mul(z.mul(z).mul(GeluConstants.A3).add(1f));
        return timesSigmoidDerivative(geluT(z), g);
    }

    /**
     * σ(t) (1 + g (1 - σ(t))), the derivative of z σ(t(z)) with g = z t'(z); where σ(t) is 0 or 1 the second
     * term is dropped (its limit), which keeps infinite g from making NaN.
     */
    static FloatVector timesSigmoidDerivative(FloatVector t, FloatVector g) {
        FloatVector s = VectorMath.sigmoid(t);
        FloatVector p = g.mul(s.neg().add(1f));
        p = p.blend(0f, s.compare(VectorOperators.EQ, 0f).or(s.compare(VectorOperators.EQ, 1f)));
        return s.mul(p.add(1f));
    }
}
