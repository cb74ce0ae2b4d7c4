package dev.lanes.nn.explain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Initializer;
import dev.lanes.nn.Layer;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.optim.Optimizer;
import dev.lanes.nn.train.Trainer;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The model-randomization sanity check of Adebayo et al. (2018): a saliency method that explains the model
 * must give different maps once the trained weights are replaced by fresh random ones. Measured by Spearman's
 * rank correlation ρ between the maps of the trained model and of the same model re-initialized, averaged
 * over test images.
 *
 * <p>The threshold: if the two maps were independent, ρ over n = 784 pixels would have a standard deviation of
 * 1/√(n − 1) ≈ 0.036 per image, about 0.006 for the mean over 32 images, so a mean below 0.2 is what
 * "clearly different" looks like with a wide margin against chance; a method that ignored the weights would
 * give ρ = 1. Two controls show the measure can tell: two networks trained from different seeds share much
 * more of their maps (ρ about 0.5 here, asserted to exceed the randomized ρ by 0.2), and |gradient × input|,
 * which the paper found dominated by the input, stays at ρ above 0.9 after randomization (its zero background
 * ties in both maps).
 */
class ModelRandomizationTest {

    private static final int IMAGES = 32;
    private static final int PIXELS = 784;

    private static float[] x;
    private static Network trained;
    private static Network otherSeed;

    @BeforeAll
    static void train() throws IOException {
        DataSets.TrainTest digits = DataSets.load("digits");
        x = new float[IMAGES * PIXELS];
        digits.test().copyBatch(0, IMAGES, x, 0, null, 0);
        trained = train(digits, 1);
        otherSeed = train(digits, 2);
    }

    private static Network train(DataSets.TrainTest digits, long seed) {
        Network net = Network.builder().input(PIXELS).dense(64, Activation.RELU).dense(10, Activation.SOFTMAX)
                .seed(seed).build();
        Trainer.builder().optimizer(Optimizer.momentum(0.9f, 0)).learningRate(0.05f).epochs(2).batchSize(64)
                .seed(seed).build().fit(net, digits.train(), null);
        return net;
    }

    /** The trained model's architecture with every layer re-initialized as at construction, from another seed. */
    private static Network randomized(long seed) {
        Network copy = Network.builder().input(PIXELS).dense(64, Activation.RELU).dense(10, Activation.SOFTMAX)
                .seed(1).build();
        SplittableRandom random = new SplittableRandom(seed);
        for (Layer layer : copy.layers()) {
            for (Parameter p : layer.parameters()) {
                Initializer.defaultFor(layer.activation()).initialize(p, random);
            }
        }
        return copy;
    }

    @Test
    void gradientAndSmoothGradMapsChangeWhenTheWeightsAreRandomized() {
        Network random = randomized(99);
        Explainer e = new Explainer(trained);
        Explainer r = new Explainer(random);
        Explainer o = new Explainer(otherSeed);
        // Explain the trained model's predicted class in both, so only the weights differ.
        Attribution explained = e.gradient(x, IMAGES, Explainer.PREDICTED, Score.LOGIT);
        int[] classes = new int[IMAGES];
        for (int i = 0; i < IMAGES; i++) {
            classes[i] = explained.predictedClass(i);
        }
        float[] trainedMaps = explained.values();
        float[] randomMaps = ofClasses(classes, c -> r.gradient(x, IMAGES, c, Score.LOGIT));
        float[] otherMaps = ofClasses(classes, c -> o.gradient(x, IMAGES, c, Score.LOGIT));
        for (boolean absolute : new boolean[] {false, true}) {
            double rhoRandom = RankCorrelation.meanSpearman(trainedMaps, randomMaps, IMAGES, PIXELS, absolute);
            double rhoOther = RankCorrelation.meanSpearman(trainedMaps, otherMaps, IMAGES, PIXELS, absolute);
            String what = (absolute ? "|gradient|" : "gradient") + ": ρ(trained, randomized) " + rhoRandom
                    + ", ρ(trained, other seed) " + rhoOther;
            assertTrue(Math.abs(rhoRandom) < 0.2, what);
            assertTrue(rhoOther > rhoRandom + 0.2, what);
        }

        float[] smooth = e.smoothGrad(x, IMAGES, Explainer.PREDICTED, Score.LOGIT, 8, 0.15f, 1).values();
        float[] smoothRandom = ofClasses(classes, c -> r.smoothGrad(x, IMAGES, c, Score.LOGIT, 8, 0.15f, 1));
        double rho = RankCorrelation.meanSpearman(smooth, smoothRandom, IMAGES, PIXELS, false);
        assertTrue(Math.abs(rho) < 0.2, "SmoothGrad: ρ(trained, randomized) " + rho);
    }

    @Test
    void gradientTimesInputKeepsTheInputsShapeAfterRandomization() {
        Network random = randomized(99);
        float[] trainedMaps = new Explainer(trained).gradientTimesInput(x, IMAGES, 3, Score.LOGIT).values();
        float[] randomMaps = new Explainer(random).gradientTimesInput(x, IMAGES, 3, Score.LOGIT).values();
        double signed = RankCorrelation.meanSpearman(trainedMaps, randomMaps, IMAGES, PIXELS, false);
        double magnitude = RankCorrelation.meanSpearman(trainedMaps, randomMaps, IMAGES, PIXELS, true);
        assertTrue(Math.abs(signed) < 0.2, "signed gradient × input: ρ " + signed);
        assertTrue(magnitude > 0.9, "|gradient × input| follows the input, not the weights: ρ " + magnitude);
    }

    /** Row i of the maps {@code explain} gives for class {@code classes[i]}. */
    private static float[] ofClasses(int[] classes, IntFunction<Attribution> explain) {
        float[] maps = new float[IMAGES * PIXELS];
        for (int c = 0; c < 10; c++) {
            float[] all = explain.apply(c).values();
            for (int i = 0; i < IMAGES; i++) {
                if (classes[i] == c) {
                    System.arraycopy(all, i * PIXELS, maps, i * PIXELS, PIXELS);
                }
            }
        }
        return maps;
    }
}
