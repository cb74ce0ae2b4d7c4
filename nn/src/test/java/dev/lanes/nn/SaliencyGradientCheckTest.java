package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.explain.Attribution;
import dev.lanes.nn.explain.Explainer;
import dev.lanes.nn.explain.Score;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gradient saliency against central finite differences of the score in double precision, for every hidden
 * activation, output and score, through an explainer whose batches are smaller than the input (so rows cross
 * batch boundaries). The tolerance of each element is the first-order float bound {@link ScoreReference}
 * propagates plus the finite difference's own error (Richardson estimate |D(h) − D(2h)| and double
 * rounding), as in {@link GradientCheckTest}. Lives in dev.lanes.nn to reuse {@link ReferenceNetwork}.
 *
 * <p>Occlusion with 1-pixel patches is then checked against the same reference: for a ReLU network's logit,
 * which is piecewise linear, (s(x + ε e_k) − s(x − ε e_k)) / 2ε is exactly ∂s/∂x_k when no unit changes sign
 * within ±ε, so occlusion and gradient must agree to within their float bounds.
 */
class SaliencyGradientCheckTest {

    private static final int COUNT = 5;
    private static final int INPUTS = 6;
    private static final double H = 1e-4;

    static final Activation[] HIDDEN = {
        Activation.RELU, Activation.leakyRelu(0.1f), Activation.SIGMOID, Activation.TANH, Activation.SOFTPLUS,
        Activation.GELU, Activation.SILU};

    /** Output activation, the loss that goes with it, the score explained. */
    private record Head(Activation output, Loss loss, Score score) {
        @Override
        public String toString() {
            return output + "/" + loss.id() + "/" + score.id();
        }
    }

    private static final Head[] HEADS = {
        new Head(Activation.SOFTMAX, Loss.CROSS_ENTROPY, Score.LOGIT),
        new Head(Activation.SOFTMAX, Loss.CROSS_ENTROPY, Score.PROBABILITY),
        new Head(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, Score.LOGIT),
        new Head(Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, Score.PROBABILITY),
        // MSE keeps no logits: the explainer computes the one it needs by a dot product.
        new Head(Activation.SIGMOID, Loss.MSE, Score.LOGIT),
        new Head(Activation.SIGMOID, Loss.MSE, Score.PROBABILITY),
        new Head(Activation.IDENTITY, Loss.MSE, Score.LOGIT),
        new Head(Activation.TANH, Loss.MSE, Score.PROBABILITY),
        new Head(Activation.GELU, Loss.MSE, Score.PROBABILITY)};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Activation hidden : HIDDEN) {
            for (Head head : HEADS) {
                cases.add(Arguments.of(hidden, head, Explainer.PREDICTED));
                cases.add(Arguments.of(hidden, head, 2));
            }
        }
        return cases.stream();
    }

    private static Network network(Activation hidden, Activation output, Loss loss, long seed) {
        return Network.builder().input(INPUTS).dense(5, hidden).dense(4, hidden).dense(3, output).loss(loss)
                .seed(seed).build();
    }

    private static float[] inputs(Random random) {
        float[] x = new float[COUNT * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        return x;
    }

    @ParameterizedTest(name = "{0} hidden, {1}, class {2}")
    @MethodSource("cases")
    void gradientSaliencyMatchesFiniteDifferences(Activation hidden, Head head, int targetClass) {
        // Seeds from names: enums' hash codes change from one JVM run to the next.
        Random random = new Random(hidden.name().hashCode() * 31L + head.toString().hashCode() + targetClass);
        Network net = network(hidden, head.output(), head.loss(), random.nextLong());
        float[] x = inputs(random);
        Attribution a = new Explainer(net, 2).gradient(x, COUNT, targetClass, head.score());
        ScoreReference reference = new ScoreReference(net);
        float[] outputs = net.predict(x, COUNT);

        double largest = 0;
        double largestBound = 0;
        int checked = 0;
        int skipped = 0;
        for (int i = 0; i < COUNT; i++) {
            int c = a.explainedClass(i);
            assertEquals(argmax(outputs, i * 3, 3), a.predictedClass(i), "predicted class of row " + i);
            assertEquals(targetClass == Explainer.PREDICTED ? a.predictedClass(i) : targetClass, c, "row " + i);
            double[] xi = new double[INPUTS];
            for (int k = 0; k < INPUTS; k++) {
                xi[k] = x[i * INPUTS + k];
            }
            ScoreReference.Bounds bounds = reference.bounds(xi, c, head.score());
            double s = reference.score(xi, c, head.score());
            assertTrue(Math.abs(a.scoreValue(i) - s) <= bounds.score() + 1e-14 * Math.abs(s),
                    "row " + i + ": score " + a.scoreValue(i) + ", reference " + s + ", bound " + bounds.score());
            for (int k = 0; k < INPUTS; k++) {
                double h = H * Math.max(1, Math.abs(xi[k]));
                if (reference.crossesKink(xi, k, 2 * h)) {
                    skipped++;
                    continue;
                }
                checked++;
                double d1 = difference(reference, xi, k, h, c, head.score());
                double d2 = difference(reference, xi, k, 2 * h, c, head.score());
                double fdError = Math.abs(d1 - d2) + 1e-14 * (1 + Math.abs(s)) / h;
                float g = a.values()[i * INPUTS + k];
                double bound = bounds.inputGradient()[k];
                largest = Math.max(largest, Math.abs(d1));
                largestBound = Math.max(largestBound, bound);
                if (!(Math.abs(g - d1) <= bound + fdError)) {
                    throw new AssertionError(String.format("row %d, input %d: saliency %s, finite difference %s,"
                            + " |error| %.3g > float bound %.3g + finite-difference error %.3g", i, k, g, d1,
                            Math.abs(g - d1), bound, fdError));
                }
            }
        }
        assertTrue(skipped <= checked / 10, "too many differences straddled a kink: " + skipped + " of " + checked);
        // A real mistake changes a gradient by O(1) relative: the bound must stay far below the gradients.
        assertTrue(largest == 0 || largestBound < 1e-2 * largest,
                "bound " + largestBound + " is not small next to gradients of " + largest);
    }

    private static double difference(ScoreReference reference, double[] x, int k, double h, int c, Score score) {
        double saved = x[k];
        x[k] = saved + h;
        double up = reference.score(x, c, score);
        x[k] = saved - h;
        double down = reference.score(x, c, score);
        x[k] = saved;
        return (up - down) / (2 * h);
    }

    private static int argmax(float[] v, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) {
            if (v[offset + j] > v[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    /**
     * Occlusion with 1-pixel patches and ε = 1/256 (so 2ε and 1/2ε are exact) on ReLU networks' logits. Where no
     * unit changes sign on [x − ε, x + ε] (checked at both ends, layer by layer: with no sign change below, a
     * layer's pre-activation is linear on the segment, so equal signs at the ends mean none inside), the central
     * difference is exactly the gradient. Float errors: each score within its forward bound e(s±); the
     * perturbed input x_k ± ε rounded, which moves s by |∂s/∂x_k| u |x_k ± ε|; the difference one rounding.
     * So |occlusion − ∂s/∂x_k| ≤ (e(s+) + e(s−) + |g| u (|x_k + ε| + |x_k − ε|)) / 2ε + 2u |occlusion|, and the
     * float gradient adds its own bound.
     */
    @Test
    void occlusionWithSinglePixelsIsTheGradientOfAPiecewiseLinearScore() {
        float epsilon = 1f / 256;
        int checked = 0;
        int skipped = 0;
        for (Head head : new Head[] {HEADS[0], HEADS[2], HEADS[6]}) {
            Random random = new Random(head.toString().hashCode());
            Network net = network(Activation.RELU, head.output(), head.loss(), random.nextLong());
            float[] x = inputs(random);
            Explainer explainer = new Explainer(net, 3);
            Attribution occlusion = explainer.occlusion(x, COUNT, Explainer.PREDICTED, Score.LOGIT, 2, 3, 1, epsilon);
            Attribution gradient = explainer.gradient(x, COUNT, Explainer.PREDICTED, Score.LOGIT);
            ScoreReference reference = new ScoreReference(net);
            for (int i = 0; i < COUNT; i++) {
                int c = occlusion.explainedClass(i);
                assertEquals(gradient.explainedClass(i), c);
                double[] xi = new double[INPUTS];
                for (int k = 0; k < INPUTS; k++) {
                    xi[k] = x[i * INPUTS + k];
                }
                double[] gradientBound = reference.bounds(xi, c, Score.LOGIT).inputGradient();
                for (int k = 0; k < INPUTS; k++) {
                    // Widened a little beyond ±ε: the float network evaluates at x_k ± ε rounded.
                    if (reference.crossesKink(xi, k, epsilon * (1 + 1e-6))) {
                        skipped++;
                        continue;
                    }
                    checked++;
                    double saved = xi[k];
                    xi[k] = saved + epsilon;
                    double up = reference.score(xi, c, Score.LOGIT);
                    double upBound = reference.bounds(xi, c, Score.LOGIT).score();
                    xi[k] = saved - epsilon;
                    double down = reference.score(xi, c, Score.LOGIT);
                    double downBound = reference.bounds(xi, c, Score.LOGIT).score();
                    xi[k] = saved;
                    double slope = (up - down) / (2 * epsilon);
                    double exact = difference(reference, xi, k, H, c, Score.LOGIT);
                    assertTrue(Math.abs(slope - exact) <= 1e-9 * (1 + Math.abs(exact)),
                            "on one linear piece the difference is the gradient: " + slope + " vs " + exact);
                    float o = occlusion.values()[i * INPUTS + k];
                    double bound = (upBound + downBound + Math.abs(exact) * ReferenceNetwork.U
                            * (Math.abs(saved + epsilon) + Math.abs(saved - epsilon))) / (2 * epsilon)
                            + 2 * ReferenceNetwork.U * Math.abs(o);
                    assertTrue(Math.abs(o - exact) <= bound, head + ", row " + i + ", input " + k + ": occlusion "
                            + o + ", exact slope " + exact + ", bound " + bound);
                    float g = gradient.values()[i * INPUTS + k];
                    assertTrue(Math.abs(o - g) <= bound + gradientBound[k], head + ", row " + i + ", input " + k
                            + ": occlusion " + o + " vs gradient " + g);
                }
            }
        }
        assertTrue(checked > 0 && skipped <= checked / 4, "checked " + checked + ", skipped " + skipped);
    }
}
