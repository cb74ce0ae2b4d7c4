package dev.lanes.kernels.scalar;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.internal.GeluConstants;

/**
 * The reference activations: same signatures and semantics as {@link dev.lanes.kernels.Activations}, no
 * argument checks. Transcendental functions are evaluated in double and rounded once, so each result is
 * within about half an ulp of the exact function of its float inputs; the SIMD kernels are measured against
 * these (docs/numerics.md). Arguments a kernel forms before a transcendental call (GELU's t and g) are computed
 * in float exactly as the SIMD kernels do.
 */
public final class ScalarActivations {

    private ScalarActivations() {
    }

    /**
     * See {@link dev.lanes.kernels.Activations#forward}.
     *
     * @param f the activation, elementwise (not softmax)
     * @param n number of elements, {@code >= 0}
     * @param x the pre-activations z, n values
     * @param xOffset index of the first element of {@code x}
     * @param y receives {@code f(x)}, n values
     * @param yOffset index of the first element of {@code y}
     */
    public static void forward(Activation f, int n, float[] x, int xOffset, float[] y, int yOffset) {
        switch (f.kind()) {
            case IDENTITY -> {
                if (x != y || xOffset != yOffset) {
                    System.arraycopy(x, xOffset, y, yOffset, n);
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    y[yOffset + i] = Math.max(x[xOffset + i], 0f);
                }
            }
            case LEAKY_RELU -> {
                float slope = f.slope();
                for (int i = 0; i < n; i++) {
                    float v = x[xOffset + i];
                    y[yOffset + i] = v > 0f ? v : slope * v;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y[yOffset + i] = sigmoid(x[xOffset + i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y[yOffset + i] = (float) Math.tanh(x[xOffset + i]);
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    y[yOffset + i] = softplus(x[xOffset + i]);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    float v = x[xOffset + i];
                    y[yOffset + i] = timesSigmoid(v, GeluConstants.t(v));
                }
            }
            case SILU -> {
                for (int i = 0; i < n; i++) {
                    float v = x[xOffset + i];
                    y[yOffset + i] = timesSigmoid(v, v);
                }
            }
            case SOFTMAX -> throw new IllegalArgumentException("softmax is per row: use Softmax");
        }
    }

    /**
     * See {@link dev.lanes.kernels.Activations#multiplyByDerivative}.
     *
     * @param f the activation, elementwise (not softmax)
     * @param n number of elements, {@code >= 0}
     * @param saved what the forward pass kept: {@code f(z)} or z, as the activation says
     * @param savedOffset index of the first element of {@code saved}
     * @param delta the gradient {@code dC/dy} on entry, {@code dC/dz} on return, n values
     * @param deltaOffset index of the first element of {@code delta}
     */
    public static void multiplyByDerivative(Activation f, int n, float[] saved, int savedOffset,
                                            float[] delta, int deltaOffset) {
        switch (f.kind()) {
            case IDENTITY -> {
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    delta[deltaOffset + i] *= saved[savedOffset + i] > 0f ? 1f : 0f;
                }
            }
            case LEAKY_RELU -> {
                float slope = f.slope();
                for (int i = 0; i < n; i++) {
                    delta[deltaOffset + i] *= saved[savedOffset + i] > 0f ? 1f : slope;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float y = saved[savedOffset + i];
                    delta[deltaOffset + i] *= y * (1f - y);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    float y = saved[savedOffset + i];
                    delta[deltaOffset + i] *= 1f - y * y;
                }
            }
            case SOFTPLUS -> {
                // f'(z) = σ(z) = 1 - e^-y; expm1 keeps its relative accuracy for small y.
                for (int i = 0; i < n; i++) {
                    delta[deltaOffset + i] *= (float) -Math.expm1(-(double) saved[savedOffset + i]);
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    float z = saved[savedOffset + i];
                    delta[deltaOffset + i] *= sigmoidDerivative(GeluConstants.t(z), GeluConstants.g(z));
                }
            }
            case SILU -> {
                for (int i = 0; i < n; i++) {
                    float z = saved[savedOffset + i];
                    delta[deltaOffset + i] *= sigmoidDerivative(z, z);
                }
            }
            case SOFTMAX -> throw new IllegalArgumentException("softmax is per row: use Softmax");
        }
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-(double) x)));
    }

    static float softplus(float x) {
        return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs((double) x))));
    }

    /** z σ(t), with its limit -0 at z = -∞ (where the product would be -∞ · 0). */
    private static float timesSigmoid(float z, float t) {
        if (z == Float.NEGATIVE_INFINITY) {
            return -0f;
        }
        return (float) (z / (1.0 + Math.exp(-(double) t)));
    }

    /**
     * σ(t) (1 + g (1 - σ(t))), the derivative of z σ(t(z)) with g = z t'(z); where σ(t) is 0 or 1 the second
     * term is dropped, which gives the limits 0 and 1 at infinite g instead of NaN.
     */
    private static float sigmoidDerivative(float t, float g) {
        double s = 1.0 / (1.0 + Math.exp(-(double) t));
        double p = s == 0.0 || s == 1.0 ? 0.0 : g * (1.0 - s);
        return (float) (s * (1.0 + p));
    }
}
