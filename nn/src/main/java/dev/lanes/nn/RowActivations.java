package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Activations;
import dev.lanes.kernels.Softmax;

/**
 * An activation over {@code rows x cols} values, contiguous and row-major: softmax per row, every other
 * activation elementwise. The one place that tells the two apart, for forward and for the derivative.
 */
public final class RowActivations {

    private RowActivations() {
    }

    /**
     * {@code a = f(z)}; {@code a} may be {@code z}.
     *
     * @param f the activation
     * @param rows number of rows (examples), {@code >= 0}
     * @param cols number of columns (values per row), {@code >= 1}
     * @param z the pre-activations, {@code rows x cols}
     * @param a receives f(z), {@code rows x cols} (may be z)
     */
    public static void forward(Activation f, int rows, int cols, float[] z, float[] a) {
        if (f.isElementwise()) {
            Activations.forward(f, rows * cols, z, 0, a, 0);
        } else {
            Softmax.forward(rows, cols, z, 0, cols, a, 0, cols);
        }
    }

    /**
     * {@code gradient ← ∂C/∂z} from {@code gradient = ∂C/∂a}, in place: {@code ⊙ f′(z)} for an elementwise f
     * (read from {@code a} or {@code z}, as {@link Activation#derivativeFromOutput()} says), the softmax
     * Jacobian-vector product per row otherwise. Nothing to do for the identity.
     *
     * @param a the outputs f(z)
     * @param z the pre-activations; may be null when f′ reads only the outputs
     * @param f the activation
     * @param rows number of rows (examples), {@code >= 0}
     * @param cols number of columns (values per row), {@code >= 1}
     * @param gradient {@code ∂C/∂a} on entry, {@code ∂C/∂z} on return, {@code rows x cols}
     */
    public static void multiplyByDerivative(Activation f, int rows, int cols, float[] a, float[] z, float[] gradient) {
        if (f.kind() == Activation.Kind.IDENTITY) {
            return;
        }
        if (!f.isElementwise()) {
            Softmax.backward(rows, cols, a, 0, cols, gradient, 0, cols, gradient, 0, cols);
        } else {
            Activations.multiplyByDerivative(f, rows * cols, f.derivativeFromOutput() ? a : z, 0, gradient, 0);
        }
    }

    /**
     * {@return whether f′ needs z (it cannot be computed from f's outputs alone)}
     *
     * @param f the activation
     */
    public static boolean needsPreActivation(Activation f) {
        return f.isElementwise() && !f.derivativeFromOutput();
    }
}
