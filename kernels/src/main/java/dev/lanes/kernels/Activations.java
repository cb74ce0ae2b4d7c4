package dev.lanes.kernels;

import dev.lanes.kernels.internal.Simd;
import dev.lanes.kernels.scalar.ScalarActivations;
import dev.lanes.kernels.simd.SimdActivations;

/**
 * Elementwise activations and their derivatives over a run of {@code n} floats, for a layer's forward pass
 * and for BP2 (δ ⊙ f'). For softmax, which works per row, use {@link Softmax}.
 *
 * <p>Accuracy: ReLU, leaky ReLU, identity and the derivatives computed from y of ReLU, leaky ReLU, sigmoid and
 * tanh are exact float operations. sigmoid, tanh, softplus, GELU and SiLU are within a few ulp of the exact
 * function (docs/numerics.md gives the measured bounds); NaN gives NaN, ±∞ gives the function's limit.
 */
public final class Activations {

    private Activations() {
    }

    /**
     * {@code y[i] = f(x[i])} for i in [0, n). In place allowed ({@code y == x} with the same offset); other
     * overlaps are not.
     *
     * @param f the activation, elementwise (not softmax)
     * @param n number of elements, {@code >= 0}
     * @param x the pre-activations z, n values
     * @param xOffset index of the first element of {@code x}
     * @param y receives {@code f(x)}, n values
     * @param yOffset index of the first element of {@code y}
     * @throws IllegalArgumentException if f is softmax or null, n or an offset is negative, or an array is
     *                                  null or too short
     */
    public static void forward(Activation f, int n, float[] x, int xOffset, float[] y, int yOffset) {
        Checks.elementwise(f);
        Checks.nonNegative("n", n);
        Checks.vector("x", x, "xOffset", xOffset, n);
        Checks.vector("y", y, "yOffset", yOffset, n);
        if (Simd.ENABLED) {
            SimdActivations.forward(f, n, x, xOffset, y, yOffset);
        } else {
            ScalarActivations.forward(f, n, x, xOffset, y, yOffset);
        }
    }

    /**
     * {@code delta[i] *= f'(z_i)}, where {@code saved} holds y = f(z) when {@link Activation#derivativeFromOutput()}
     * and z otherwise. Derivatives from y: ReLU {@code y > 0 ? 1 : 0} (0 at 0), leaky ReLU {@code y > 0 ? 1 :
     * slope}, sigmoid {@code y (1 - y)}, tanh {@code 1 - y²}, softplus {@code 1 - e^-y}; from z: GELU and SiLU.
     *
     * @param f the activation, elementwise (not softmax)
     * @param n number of elements, {@code >= 0}
     * @param saved what the forward pass kept: {@code f(z)} or z, as the activation says
     * @param savedOffset index of the first element of {@code saved}
     * @param delta the gradient {@code dC/dy} on entry, {@code dC/dz} on return, n values
     * @param deltaOffset index of the first element of {@code delta}
     * @throws IllegalArgumentException if f is softmax or null, n or an offset is negative, or an array is
     *                                  null or too short
     */
    public static void multiplyByDerivative(Activation f, int n, float[] saved, int savedOffset,
                                            float[] delta, int deltaOffset) {
        Checks.elementwise(f);
        Checks.nonNegative("n", n);
        Checks.vector("saved", saved, "savedOffset", savedOffset, n);
        Checks.vector("delta", delta, "deltaOffset", deltaOffset, n);
        if (Simd.ENABLED) {
            SimdActivations.multiplyByDerivative(f, n, saved, savedOffset, delta, deltaOffset);
        } else {
            ScalarActivations.multiplyByDerivative(f, n, saved, savedOffset, delta, deltaOffset);
        }
    }
}
