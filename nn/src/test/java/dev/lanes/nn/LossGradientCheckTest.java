package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BP1 of every loss with every output activation it takes, from labels and from real targets: C and
 * δᴸ = ∂C/∂zᴸ against the loss written in double from its definition and its central finite differences. The
 * float bound: the loss and softmax/sigmoid kernels are within {@link ReferenceNetwork#KERNEL_ERROR} u of each
 * term, the mean over n rows adds γ(n), the derivative one more kernel error.
 */
class LossGradientCheckTest {

    private static final double H = 1e-4;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation f : new Activation[] {Activation.IDENTITY, Activation.SIGMOID, Activation.TANH,
            Activation.GELU, Activation.SOFTMAX}) {
            cases.add(Arguments.of(Loss.MSE, f, false));
            cases.add(Arguments.of(Loss.MSE, f, true));
        }
        cases.add(Arguments.of(Loss.CROSS_ENTROPY, Activation.SOFTMAX, true));
        cases.add(Arguments.of(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID, false));
        cases.add(Arguments.of(Loss.BINARY_CROSS_ENTROPY, Activation.SIGMOID, true));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} over {1}, labels {2}")
    @MethodSource("cases")
    void deltaIsTheDerivativeOfTheLossWithRespectToTheLogits(Loss loss, Activation f, boolean labels) {
        int rows = 6;
        int cols = 4;
        Random random = new Random(loss.id().hashCode() * 31L + f.name().hashCode() + (labels ? 1 : 0));
        float[] z = new float[rows * cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) (2 * random.nextGaussian());
        }
        float[] a = new float[z.length];
        RowActivations.forward(f, rows, cols, z, a);
        int[] y = new int[rows];
        float[] t = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            y[i] = random.nextInt(cols);
        }
        for (int i = 0; i < t.length; i++) {
            t[i] = random.nextFloat();
        }
        Targets targets = labels ? Targets.labels(y, 0) : Targets.values(t, 0);
        float[] delta = new float[z.length];
        float c = loss.lossAndDelta(rows, cols, f, z, a, targets, new float[z.length], delta);

        double[] zd = ReferenceNetwork.toDouble(z);
        double exact = reference(loss, f, zd, rows, cols, labels ? y : null, labels ? null : t);
        double bound = ReferenceNetwork.KERNEL_ERROR * ReferenceNetwork.gamma(rows * cols + 2) * (1 + Math.abs(exact));
        assertEquals(exact, c, bound, "the loss");
        double max = 0;
        double[] fd = new double[z.length];
        double[] fdError = new double[z.length];
        for (int e = 0; e < z.length; e++) {
            fd[e] = difference(loss, f, zd, e, H, rows, cols, labels ? y : null, labels ? null : t);
            fdError[e] = Math.abs(fd[e] - difference(loss, f, zd, e, 2 * H, rows, cols, labels ? y : null,
                    labels ? null : t)) + 1e-13 / H;
            max = Math.max(max, Math.abs(fd[e]));
        }
        for (int e = 0; e < z.length; e++) {
            double b = ReferenceNetwork.KERNEL_ERROR * ReferenceNetwork.gamma(cols + 4) * (Math.abs(fd[e]) + max)
                    + fdError[e];
            assertTrue(Math.abs(delta[e] - fd[e]) <= b, loss + "/" + f.name() + " δ[" + e + "] = " + delta[e]
                    + ", finite difference " + fd[e] + ", bound " + b);
        }
    }

    @Test
    void crossEntropyNeedsLabelsAndLabelsMustBeClasses() {
        float[] z = new float[8];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Loss.CROSS_ENTROPY
                .lossAndDelta(2, 4, Activation.SOFTMAX, z, z, Targets.values(new float[8], 0), new float[8],
                        new float[8]));
        assertEquals("cross_entropy compares with class labels, not real-valued targets", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Loss.MSE.lossAndDelta(2, 4, Activation.IDENTITY, z,
                z, Targets.labels(new int[] {1, 4}, 0), new float[8], new float[8]));
        assertEquals("label 4 of row 1 is outside the 4 outputs", e.getMessage());
    }

    private static double difference(Loss loss, Activation f, double[] z, int e, double h, int rows, int cols,
                                     int[] labels, float[] targets) {
        double saved = z[e];
        z[e] = saved + h;
        double up = reference(loss, f, z, rows, cols, labels, targets);
        z[e] = saved - h;
        double down = reference(loss, f, z, rows, cols, labels, targets);
        z[e] = saved;
        return (up - down) / (2 * h);
    }

    /** The mean over rows of the loss of f(z), in double, from the definitions. */
    static double reference(Loss loss, Activation f, double[] z, int rows, int cols, int[] labels, float[] targets) {
        double[] a = ReferenceNetwork.activate(f, z, rows, cols);
        double total = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int o = i * cols + j;
                double t = labels != null ? (labels[i] == j ? 1 : 0) : targets[o];
                if (loss == Loss.CROSS_ENTROPY) {
                    total += -t * Math.log(a[o]);
                } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
                    total += -(t * Math.log(a[o]) + (1 - t) * Math.log1p(-a[o]));
                } else {
                    total += 0.5 * (a[o] - t) * (a[o] - t);
                }
            }
        }
        return total / rows;
    }
}
