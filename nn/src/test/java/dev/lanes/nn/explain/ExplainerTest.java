package dev.lanes.nn.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Dense;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The methods' definitions in terms of each other, their independence of the batch size, and their
 * argument checks. The network is small enough that every GEMM takes the kernels' direct path whatever the
 * batch, so results must be bit-identical across batch sizes (the packed path may round differently, within
 * the bounds SaliencyGradientCheckTest derives).
 */
class ExplainerTest {

    private static final int ROWS = 3;
    private static final int COLS = 4;
    private static final int INPUTS = ROWS * COLS;
    private static final int COUNT = 7;

    private static Network network() {
        return Network.builder().input(INPUTS).dense(8, Activation.TANH).dense(3, Activation.SOFTMAX).seed(5).build();
    }

    private static float[] inputs() {
        Random random = new Random(11);
        float[] x = new float[COUNT * INPUTS];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        return x;
    }

    @Test
    void everyMethodGivesTheSameMapsWhateverTheBatch() {
        Network net = network();
        float[] x = inputs();
        float[] baseline = new float[INPUTS];
        Arrays.fill(baseline, 0.25f);
        for (Score score : Score.values()) {
            List<Function<Explainer, Attribution>> methods = List.of(
                e -> e.gradient(x, COUNT, Explainer.PREDICTED, score),
                e -> e.gradientTimesInput(x, COUNT, 1, score),
                e -> e.smoothGrad(x, COUNT, Explainer.PREDICTED, score, 5, 0.2f, 42),
                e -> e.integratedGradients(x, COUNT, 2, score, baseline, 9),
                e -> e.occlusion(x, COUNT, Explainer.PREDICTED, score, ROWS, COLS, 2, 0.1f));
            for (Function<Explainer, Attribution> method : methods) {
                Attribution reference = method.apply(new Explainer(net, 1));
                // Odd batch sizes: SmoothGrad copies, path points and ± pairs of occlusion straddle batches.
                for (int maxBatch : new int[] {2, 3, 5, 64}) {
                    Attribution a = method.apply(new Explainer(net, maxBatch));
                    assertArrayEquals(reference.values(), a.values(), a + " with batches of " + maxBatch);
                    for (int i = 0; i < COUNT; i++) {
                        assertEquals(reference.explainedClass(i), a.explainedClass(i));
                        assertEquals(reference.scoreValue(i), a.scoreValue(i));
                        assertEquals(reference.baselineScore(i), a.baselineScore(i));
                    }
                }
            }
        }
    }

    @Test
    void predictedClassIsTheHighestOutputAndAChosenClassIsKept() {
        Network net = network();
        float[] x = inputs();
        float[] p = net.predict(x, COUNT);
        Explainer explainer = new Explainer(net);
        Attribution predicted = explainer.gradient(x, COUNT, Explainer.PREDICTED, Score.PROBABILITY);
        Attribution chosen = explainer.gradient(x, COUNT, 1, Score.PROBABILITY);
        for (int i = 0; i < COUNT; i++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                best = p[i * 3 + c] > p[i * 3 + best] ? c : best;
            }
            assertEquals(best, predicted.predictedClass(i));
            assertEquals(best, predicted.explainedClass(i));
            assertEquals(p[i * 3 + best], predicted.scoreValue(i));
            assertEquals(best, chosen.predictedClass(i));
            assertEquals(1, chosen.explainedClass(i));
            assertEquals(p[i * 3 + 1], chosen.scoreValue(i));
        }
    }

    @Test
    void gradientTimesInputSmoothGradWithoutNoiseAndOneStepIntegratedGradientsReduceToTheGradient() {
        Network net = network();
        float[] x = inputs();
        Explainer explainer = new Explainer(net, 4);
        Attribution g = explainer.gradient(x, COUNT, Explainer.PREDICTED, Score.LOGIT);
        float[] expected = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            expected[j] = g.values()[j] * x[j];
        }
        assertArrayEquals(expected, explainer.gradientTimesInput(x, COUNT, Explainer.PREDICTED, Score.LOGIT)
                .values());
        // Two noiseless copies of weight ½ sum back to the gradient exactly.
        assertArrayEquals(g.values(), explainer.smoothGrad(x, COUNT, Explainer.PREDICTED, Score.LOGIT, 2, 0f, 1)
                .values());

        // One step: the gradient at the path's midpoint, times x − x′.
        float[] baseline = new float[INPUTS];
        Arrays.fill(baseline, 0.5f);
        float[] midpoints = new float[x.length];
        for (int j = 0; j < x.length; j++) {
            midpoints[j] = baseline[j % INPUTS] + 0.5f * (x[j] - baseline[j % INPUTS]);
        }
        Attribution ig = explainer.integratedGradients(x, COUNT, 0, Score.LOGIT, baseline, 1);
        Attribution atMidpoints = explainer.gradient(midpoints, COUNT, 0, Score.LOGIT);
        for (int j = 0; j < x.length; j++) {
            assertEquals((x[j] - baseline[j % INPUTS]) * atMidpoints.values()[j], ig.values()[j]);
        }
        // s(x′) comes from the same one-row forward pass as the gradient's own score at x′.
        assertEquals(explainer.gradient(baseline, 1, 0, Score.LOGIT).scoreValue(0), ig.baselineScore(0));
        assertTrue(Double.isNaN(g.completenessGap(0)) && Double.isNaN(g.maxCompletenessGap()));
        assertTrue(Float.isNaN(g.baselineScore(0)));
    }

    /**
     * On a linear network s(x) = w·x + b, raising and lowering a patch P by ε changes s by exactly 2ε Σ_{i∈P} w_i,
     * so each window's slope is the mean of w over it and each pixel gets the mean of that over the windows
     * covering it. Float: each score is within γ(n+3)(|b| + Σ|w_i| (|x_i| + ε)) of w·x + b (n products, the bias,
     * and the rounding of x_i ± ε), so a window's slope is within 2 of those over 2ε|P|, plus 3 roundings of its
     * value (the difference, 1/(2ε|P|), the product); a pixel sums at most |P| slopes and divides by their number
     * (|P| more roundings): γ(|P| + 4) times the mean |slope| of its windows.
     */
    @Test
    void occlusionOfPatchesAveragesTheSlopesOfTheWindowsCoveringEachPixel() {
        Network net = Network.builder().input(INPUTS).dense(3, Activation.IDENTITY).loss(Loss.MSE).seed(3).build();
        float[] x = inputs();
        float epsilon = 0.3f;
        int patch = 2;
        Attribution a = new Explainer(net, 5).occlusion(x, COUNT, 2, Score.LOGIT, ROWS, COLS, patch, epsilon);
        float[] w = ((Dense) net.layers().get(0)).weights().values();
        float b = ((Dense) net.layers().get(0)).bias().values()[2];
        double gamma = (INPUTS + 3) * 0x1p-24 / (1 - (INPUTS + 3) * 0x1p-24);
        for (int i = 0; i < COUNT; i++) {
            double scoreBound = Math.abs(b);
            for (int k = 0; k < INPUTS; k++) {
                scoreBound += Math.abs(w[2 * INPUTS + k]) * (Math.abs(x[i * INPUTS + k]) + epsilon);
            }
            scoreBound *= gamma;
            double slopeBound = 2 * scoreBound / (2 * epsilon * patch * patch);
            for (int r = 0; r < ROWS; r++) {
                for (int c = 0; c < COLS; c++) {
                    double sum = 0;
                    double magnitude = 0;
                    int windows = 0;
                    for (int wr = Math.max(0, r - patch + 1); wr <= Math.min(r, ROWS - patch); wr++) {
                        for (int wc = Math.max(0, c - patch + 1); wc <= Math.min(c, COLS - patch); wc++) {
                            double mean = 0;
                            for (int py = 0; py < patch; py++) {
                                for (int px = 0; px < patch; px++) {
                                    mean += w[2 * INPUTS + (wr + py) * COLS + wc + px];
                                }
                            }
                            sum += mean / (patch * patch);
                            magnitude += Math.abs(mean / (patch * patch));
                            windows++;
                        }
                    }
                    double expected = sum / windows;
                    float actual = a.values()[i * INPUTS + r * COLS + c];
                    int n = patch * patch + 4;
                    double bound = slopeBound + n * 0x1p-24 / (1 - n * 0x1p-24) * magnitude / windows;
                    assertEquals(expected, actual, bound, "example " + i + ", pixel " + r + "," + c);
                }
            }
        }
    }

    @Test
    void smoothGradIsReproducibleAndItsNoiseMatters() {
        Network net = network();
        float[] x = inputs();
        Explainer explainer = new Explainer(net, 16);
        Attribution first = explainer.smoothGrad(x, COUNT, Explainer.PREDICTED, Score.LOGIT, 8, 0.15f, 7);
        Attribution again = explainer.smoothGrad(x, COUNT, Explainer.PREDICTED, Score.LOGIT, 8, 0.15f, 7);
        Attribution other = explainer.smoothGrad(x, COUNT, Explainer.PREDICTED, Score.LOGIT, 8, 0.15f, 8);
        assertArrayEquals(first.values(), again.values());
        assertNotEquals(Arrays.toString(first.values()), Arrays.toString(other.values()));
    }

    @Test
    void badArgumentsSayWhichAndWhy() {
        Network net = network();
        Explainer e = new Explainer(net);
        float[] x = inputs();
        assertMessage("class 3 is not one of the network's 3 outputs (0 to 2), nor PREDICTED (-1)",
                () -> e.gradient(x, 1, 3, Score.LOGIT));
        assertMessage("x holds 84 floats, fewer than count 8 x 12 inputs", () -> e.gradient(x, 8, 0, Score.LOGIT));
        assertMessage("count must be >= 1, was 0", () -> e.gradient(x, 0, 0, Score.LOGIT));
        float[] bad = x.clone();
        bad[13] = Float.NaN;
        assertMessage("x[13] (example 1, feature 1) is NaN, must be finite", () -> e.gradient(bad, 2, 0, Score.LOGIT));
        assertMessage("samples must be >= 1, was 0",
                () -> e.smoothGrad(x, 1, 0, Score.LOGIT, 0, 0.1f, 1));
        assertMessage("noise must be finite and >= 0 (a fraction of the input range), was -0.1",
                () -> e.smoothGrad(x, 1, 0, Score.LOGIT, 4, -0.1f, 1));
        assertMessage("steps must be >= 1, was 0", () -> e.integratedGradients(x, 1, 0, Score.LOGIT, null, 0));
        assertMessage("baseline has 5 features, the network expects 12",
                () -> e.integratedGradients(x, 1, 0, Score.LOGIT, new float[5], 8));
        assertMessage("rows x cols must be the network's 12 inputs, was 4 x 4",
                () -> e.occlusion(x, 1, 0, Score.LOGIT, 4, 4, 1, 0.1f));
        assertMessage("patch must be in 1 to 3 for a 3 x 4 image, was 4",
                () -> e.occlusion(x, 1, 0, Score.LOGIT, 3, 4, 4, 0.1f));
        assertMessage("epsilon must be finite and > 0, was 0.0",
                () -> e.occlusion(x, 1, 0, Score.LOGIT, 3, 4, 1, 0f));
        assertMessage("maxBatch must be >= 1, was 0", () -> new Explainer(net, 0));
        assertMessage("example must be in 0 to 0, was 1",
                () -> e.gradient(x, 1, 0, Score.LOGIT).map(1));
        assertMessage("unknown method 'lime': expected gradient, gradxinput, smoothgrad, integrated, occlusion or gradcam",
                () -> Method.parse("lime"));
        assertMessage("unknown score 'margin': expected logit or probability", () -> Score.parse("margin"));
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
