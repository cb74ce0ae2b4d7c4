package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import java.util.List;
import java.util.Random;

/**
 * The gradient check of one layer, for any layer type with a {@link ReferenceLayers} entry: builds the layer
 * on a random input, takes {@code C = Σ r ⊙ output} for a random r, and compares
 * <ul>
 *   <li>the layer's float forward with its double reference,</li>
 *   <li>{@code ∂C/∂input} and every trainable parameter's gradient from the layer's backward with central
 *       finite differences of C computed on the double reference,</li>
 *   <li>and, for a layer that {@linkplain Layer#fusesInputDerivative() fuses} the layer below's f′ into its
 *       input gradient, that fused gradient with {@code ∂C/∂input ⊙ f′},</li>
 * </ul>
 * in each {@link Mode} asked for. Tolerances are derived, not chosen: a float result that accumulates n
 * terms is within {@code γ(n) Σ|terms|} of the exact one, and the elementwise kernels within
 * {@link ReferenceNetwork#KERNEL_ERROR} u of theirs; with n bounded by everything the layer touches for one
 * batch and Σ|terms| by the tensor's magnitude, each element may err by
 * {@code KERNEL_ERROR γ(n) (|g| + max |g|)}, plus the finite difference's own error (its Richardson estimate
 * |D(h) − D(2h)| and double rounding). A difference that straddles a kink (ReLU, a max-pool's switch) shows
 * as a large Richardson estimate; such elements are counted, not checked, and must stay rare. An exact zero
 * (a parameter without effect) is checked like any other value.
 */
final class LayerGradientCheck {

    private static final double H = 1e-4;
    private static final double U = ReferenceNetwork.U;

    private final Layer layer;
    private final int batch;
    private ReferenceLayer reference;
    private final Random random;
    private final double[][] params;
    private final List<Parameter> parameters;
    private final double gammaK;
    private int checked;
    private int skipped;

    private LayerGradientCheck(Layer layer, int batch, long seed) {
        this.layer = layer;
        this.batch = batch;
        this.random = new Random(seed);
        this.parameters = layer.parameters();
        this.params = new double[parameters.size()][];
        long terms = (long) batch * (layer.inputShape().size() + layer.outputShape().size()) + 2;
        for (int i = 0; i < params.length; i++) {
            Parameter p = parameters.get(i);
            float[] v = p.values();
            // Away from the initializer's zeros and ones, so every parameter's role shows in the gradient
            // (a variance stays positive).
            for (int e = 0; e < v.length; e++) {
                v[e] = p.role() == Parameter.Role.RUNNING_VARIANCE ? 0.5f + random.nextFloat()
                        : v[e] + (float) (0.2 * random.nextGaussian());
            }
            terms += p.size();
        }
        this.gammaK = ReferenceNetwork.gamma((int) Math.min(terms, 1 << 20));
    }

    /**
     * Checks the layer {@code factory} builds on {@code input}, for {@code batch} random examples, in each mode.
     *
     * @return how many elements were checked and skipped, for the caller's assertions
     */
    static int[] check(LayerFactory factory, Shape input, int batch, long seed, Mode... modes) {
        Random init = new Random(seed);
        Layer layer = factory.create(factory.type() + "1", input, (name, role, following, dims) -> {
            Parameter p = new Parameter(name, role, dims);
            Initializer.defaultFor(following).initialize(p, new java.util.SplittableRandom(init.nextLong()));
            return p;
        });
        LayerGradientCheck c = new LayerGradientCheck(layer, batch, seed);
        for (Mode mode : modes) {
            c.run(mode);
        }
        assertTrue(c.checked > 0 && c.skipped <= c.checked / 10, layer + ": " + c.skipped
                + " finite differences straddled a kink, of " + c.checked);
        return new int[] {c.checked, c.skipped};
    }

    private void run(Mode mode) {
        int inSize = layer.inputShape().size();
        int outSize = layer.outputShape().size();
        float[] x = new float[batch * inSize];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextFloat() * 2 - 1);
        }
        float[] r = new float[batch * outSize];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextGaussian();
        }
        double[] xd = toDouble(x);
        double[] rd = toDouble(r);

        Tensor in = new Tensor(layer.inputShape(), batch, x);
        Tensor out = new Tensor(layer.outputShape(), batch, null);
        in.allocateGradient(x.length);
        out.allocateGradient(r.length);
        for (int i = 0; i < params.length; i++) {
            // Read before forward: a training forward moves the running statistics, which it does not use.
            params[i] = toDouble(parameters.get(i).values());
        }
        LayerState state = layer.newState(batch);
        layer.forward(in, out, batch, state, mode);
        reference = ReferenceLayers.of(layer, state).detachedAt(xd, batch, params, mode);
        String where = layer + " (" + mode + ")";
        compare(where + " forward", reference.forward(xd, batch, params, mode), out.values(), 1);

        System.arraycopy(r, 0, out.gradient(), 0, r.length);
        layer.backward(in, out, batch, state, true, true);
        float[] inputGradient = in.gradient().clone();
        gradient(where + " ∂C/∂input", xd, mode, xd, rd, inputGradient);
        for (int i = 0; i < params.length; i++) {
            if (parameters.get(i).trainable()) {
                gradient(where + " ∂C/∂" + parameters.get(i).name(), params[i], mode, xd, rd,
                        parameters.get(i).gradient());
            }
        }
        if (layer.fusesInputDerivative()) {
            fused(where, in, out, state, mode, r, inputGradient);
        }
    }

    /** The input gradient times tanh′, written by the layer itself when the tensor asks for the fusion. */
    private void fused(String where, Tensor in, Tensor out, LayerState state, Mode mode, float[] r,
                       float[] plain) {
        float[] y = new float[plain.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.tanh(random.nextGaussian());
        }
        layer.forward(in, out, batch, state, mode);
        System.arraycopy(r, 0, out.gradient(), 0, r.length);
        in.fuse(Activation.TANH, y);
        layer.backward(in, out, batch, state, true, false);
        in.fuse(null, null);
        double[] expected = new double[plain.length];
        for (int i = 0; i < y.length; i++) {
            expected[i] = plain[i] * (1 - (double) y[i] * y[i]);
        }
        compare(where + " ∂C/∂input ⊙ tanh′ (fused)", expected, in.gradient(), 2);
    }

    /** Float {@code actual} against double {@code expected}, element by element, within the derived bound. */
    private void compare(String what, double[] expected, float[] actual, double extraRoundings) {
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i]));
        }
        for (int i = 0; i < expected.length; i++) {
            double bound = ReferenceNetwork.KERNEL_ERROR * gammaK * (Math.abs(expected[i]) + max)
                    + extraRoundings * U * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= bound)) {
                throw new AssertionError(String.format("%s, element %d: %s, reference %s, |error| %.3g > bound %.3g",
                        what, i, actual[i], expected[i], Math.abs(actual[i] - expected[i]), bound));
            }
        }
    }

    /** One tensor's gradient against central differences of C, perturbing {@code values} in place. */
    private void gradient(String what, double[] values, Mode mode, double[] x, double[] r, float[] gradient) {
        double[] fd = new double[values.length];
        double[] fdError = new double[values.length];
        double[] richardson = new double[values.length];
        double max = 0;
        for (int e = 0; e < values.length; e++) {
            double h = H * Math.max(1, Math.abs(values[e]));
            double d1 = difference(values, e, h, mode, x, r);
            double d2 = difference(values, e, 2 * h, mode, x, r);
            fd[e] = d1;
            richardson[e] = Math.abs(d1 - d2);
            fdError[e] = richardson[e] + 1e-13 / h;
            max = Math.max(max, Math.abs(d1));
        }
        double largestBound = 0;
        for (int e = 0; e < values.length; e++) {
            double bound = ReferenceNetwork.KERNEL_ERROR * gammaK * (Math.abs(fd[e]) + max);
            largestBound = Math.max(largestBound, bound);
            // A kink shows in the Richardson estimate; the rounding term alone would also skip exact zeros
            // (a weight without effect, e.g. W_hh over a single time step).
            if (richardson[e] > Math.max(bound, 1e-7 * max)) {
                skipped++;
                continue;
            }
            checked++;
            double error = Math.abs(gradient[e] - fd[e]);
            if (!(error <= bound + fdError[e])) {
                throw new AssertionError(String.format("%s, element %d: backprop %s, finite difference %s,"
                        + " |error| %.3g > float bound %.3g + finite-difference error %.3g",
                        what, e, gradient[e], fd[e], error, bound, fdError[e]));
            }
        }
        // A real mistake changes a gradient by O(1) relative: the bound must stay far below the gradients.
        assertTrue(max == 0 || largestBound < 1e-2 * max, what + ": bound " + largestBound
                + " is not small next to gradients of " + max);
    }

    private double difference(double[] values, int e, double h, Mode mode, double[] x, double[] r) {
        double saved = values[e];
        values[e] = saved + h;
        double up = objective(mode, x, r);
        values[e] = saved - h;
        double down = objective(mode, x, r);
        values[e] = saved;
        return (up - down) / (2 * h);
    }

    private double objective(Mode mode, double[] x, double[] r) {
        double[] out = reference.forward(x, batch, params, mode);
        double c = 0;
        for (int i = 0; i < out.length; i++) {
            c += r[i] * out[i];
        }
        return c;
    }

    static double[] toDouble(float[] x) {
        return ReferenceNetwork.toDouble(x);
    }
}
