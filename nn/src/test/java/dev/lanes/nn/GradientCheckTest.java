package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every parameter gradient and the input gradient, for every hidden activation × output activation × loss,
 * against central finite differences of a double-precision reference ({@link ReferenceNetwork}). The tolerance
 * of each element is the first-order float rounding bound the reference propagates for it, plus the finite
 * difference's own error (Richardson estimate |D(h) − D(2h)| and double rounding): derived, not chosen.
 */
class GradientCheckTest {

    private static final int BATCH = 4;
    private static final double H = 1e-4;

    static final Activation[] ELEMENTWISE = {
        Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.1f), Activation.SIGMOID, Activation.TANH,
        Activation.SOFTPLUS, Activation.GELU, Activation.SILU};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation hidden : ELEMENTWISE) {
            for (Activation output : ELEMENTWISE) {
                cases.add(Arguments.of(hidden, output, Loss.MSE));
            }
            cases.add(Arguments.of(hidden, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
            cases.add(Arguments.of(hidden, Activation.SOFTMAX, Loss.MSE));
            cases.add(Arguments.of(hidden, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}")
    @MethodSource("cases")
    void gradientsMatchFiniteDifferences(Activation hidden, Activation output, Loss loss) {
        // Seeds from names: an Activation's hashCode comes from its enum kind's, which changes from run to run.
        Random random = new Random(hidden.name().hashCode() * 31L + output.name().hashCode() * 7L + loss.id().hashCode());
        Network net = Network.builder().input(6).dense(5, hidden).dense(4, hidden).dense(3, output).loss(loss)
                .seed(random.nextLong()).build();
        float[] x = new float[BATCH * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        int[] labels = new int[BATCH];
        float[] targets = new float[BATCH * 3];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = random.nextInt(3);
        }
        for (int i = 0; i < targets.length; i++) {
            targets[i] = loss == Loss.MSE ? random.nextFloat() * 2 - 1 : random.nextFloat();
        }
        boolean useLabels = loss == Loss.CROSS_ENTROPY;

        Workspace ws = net.newWorkspace(BATCH);
        ws.forward(x, BATCH, Mode.TRAINING);
        ws.lossAndDelta(useLabels ? Targets.labels(labels, 0) : Targets.values(targets, 0));
        float[] inputGradient = ws.backwardToInput(true).clone();

        ReferenceNetwork ref = new ReferenceNetwork(net);
        double[] xd = ReferenceNetwork.toDouble(x);
        double[] td = useLabels ? null : ReferenceNetwork.toDouble(targets);
        int[] lb = useLabels ? labels : null;
        ReferenceNetwork.GradientBounds bounds = ref.bounds(xd, BATCH, lb, td);
        Checker check = new Checker(ref, xd, lb, td, hidden + "/" + output + "/" + loss);

        for (int l = 0; l < net.layers().size(); l++) {
            Dense d = (Dense) net.layers().get(l);
            check.tensor("layer " + (l + 1) + " weights", ref.weights[l], d.weights().gradient(), bounds.weights()[l]);
            check.tensor("layer " + (l + 1) + " bias", ref.biases[l], d.bias().gradient(), bounds.biases()[l]);
        }
        check.tensor("input", xd, inputGradient, bounds.input());
        assertTrue(check.skipped <= check.checked / 10,
                "too many finite differences straddled a ReLU kink: " + check.skipped + " of " + check.checked);
    }

    /** Compares one tensor's gradient with finite differences taken by perturbing {@code values} in place. */
    private static final class Checker {
        private final ReferenceNetwork ref;
        private final double[] x;
        private final int[] labels;
        private final double[] targets;
        private final String name;
        int checked;
        int skipped;

        Checker(ReferenceNetwork ref, double[] x, int[] labels, double[] targets, String name) {
            this.ref = ref;
            this.x = x;
            this.labels = labels;
            this.targets = targets;
            this.name = name;
        }

        void tensor(String what, double[] values, float[] gradient, double[] bound) {
            double largest = 0;
            double largestBound = 0;
            for (int e = 0; e < values.length; e++) {
                double saved = values[e];
                double h = H * Math.max(1, Math.abs(saved));
                if (crossesKink(values, e, 2 * h)) {
                    skipped++;
                    continue;
                }
                checked++;
                double d1 = difference(values, e, h);
                double d2 = difference(values, e, 2 * h);
                double baseLoss = Math.abs(ref.loss(x, BATCH, labels, targets));
                double fdError = Math.abs(d1 - d2) + 1e-14 * (1 + baseLoss) / h;
                double error = Math.abs(gradient[e] - d1);
                largest = Math.max(largest, Math.abs(d1));
                largestBound = Math.max(largestBound, bound[e]);
                if (!(error <= bound[e] + fdError)) {
                    throw new AssertionError(String.format("%s, %s element %d: backprop %s, finite difference %s,"
                                    + " |error| %.3g > float bound %.3g + finite-difference error %.3g",
                            name, what, e, gradient[e], d1, error, bound[e], fdError));
                }
            }
            // The bound must be tight enough to catch a real mistake, which changes gradients by O(1) relative:
            // it has to stay below 1 % of the largest gradient of the tensor. (Softmax under MSE loosens it most:
            // its δ = a ⊙ (g − Σ g a) cancels, so the bound relative to δ grows to ~1e-3.)
            assertTrue(largest == 0 || largestBound < 1e-2 * largest,
                    name + ", " + what + ": bound " + largestBound + " is not small next to gradients of " + largest);
        }

        private double difference(double[] values, int e, double h) {
            double saved = values[e];
            values[e] = saved + h;
            double up = ref.loss(x, BATCH, labels, targets);
            values[e] = saved - h;
            double down = ref.loss(x, BATCH, labels, targets);
            values[e] = saved;
            return (up - down) / (2 * h);
        }

        private boolean crossesKink(double[] values, int e, double h) {
            if (!ref.hasKinks()) {
                return false;
            }
            double saved = values[e];
            values[e] = saved + h;
            double[][] up = ref.preActivations(x, BATCH);
            values[e] = saved - h;
            double[][] down = ref.preActivations(x, BATCH);
            values[e] = saved;
            for (int l = 0; l < up.length; l++) {
                if (!ReferenceNetwork.hasKinkAtZero(ref.activations()[l])) {
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
    }
}
