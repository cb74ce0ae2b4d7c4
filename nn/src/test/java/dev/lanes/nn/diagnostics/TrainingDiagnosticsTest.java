package dev.lanes.nn.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Dense;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.optim.Optimizer;
import dev.lanes.nn.train.BatchEvent;
import dev.lanes.nn.train.Trainer;
import dev.lanes.nn.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activation statistics on known values, gradient norms, CSV output, and vanishing gradients made visible. */
class TrainingDiagnosticsTest {

    private static Dataset train;

    @BeforeAll
    static void load() throws IOException {
        int[] first = new int[2000];
        Arrays.setAll(first, i -> i);
        train = DataSets.load("digits").train().subset(first);
    }

    @Test
    void statisticsOfKnownActivations() {
        // Two examples of three ReLU units: unit 0 never fires.
        float[] relu = {0, 1, 2, 0, 3, 0};
        ActivationStatistics s = ActivationStatistics.of(Activation.RELU, relu, 2, 3, 3);
        assertEquals(1.0, s.mean());
        assertEquals(Math.sqrt(8.0 / 6), s.std());
        assertEquals(0.0, s.min());
        assertEquals(3.0, s.max());
        assertEquals(1.0 / 3, s.deadFraction());
        assertTrue(Double.isNaN(s.saturatedFraction()));
        // Bins [0, 1), [1, 2), [2, 3]: the last includes the maximum.
        assertArrayEquals(new long[] {3, 1, 2}, s.histogram().counts());
        assertEquals(6, s.histogram().total());

        float[] sigmoid = {0.005f, 0.5f, 0.995f, 0.3f};
        assertEquals(0.5, ActivationStatistics.of(Activation.SIGMOID, sigmoid, 2, 2, 4).saturatedFraction());
        float[] tanh = {-0.995f, 0f, 0.999f, 0.5f};
        assertEquals(0.5, ActivationStatistics.of(Activation.TANH, tanh, 1, 4, 4).saturatedFraction());
        assertTrue(Double.isNaN(ActivationStatistics.of(Activation.TANH, tanh, 1, 4, 4).deadFraction()));

        // A diverged layer: the moments say so, extremes and histogram keep the finite values.
        ActivationStatistics nan = ActivationStatistics.of(Activation.IDENTITY, new float[] {Float.NaN, 1, 2}, 1, 3, 2);
        assertTrue(Double.isNaN(nan.mean()));
        assertEquals(1.0, nan.min());
        assertEquals(2.0, nan.max());
        assertEquals(2, nan.histogram().total());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ActivationStatistics.of(Activation.RELU, relu, 3, 3, 3));
        assertEquals("activations must hold 3 x 3 = 9 floats, has 6", e.getMessage());
    }

    @Test
    void recordsEveryLayerOfTheChosenStepsAndWritesThemAsCsv(@TempDir Path dir) throws IOException {
        Network net = Network.builder().input(784).dense(32, Activation.RELU).dense(16, Activation.SIGMOID)
                .dense(10, Activation.SOFTMAX).seed(3).build();
        TrainingDiagnostics d = new TrainingDiagnostics(3, 8);
        double[] norm19 = new double[1];
        TrainingListener probe = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchEvent event) {
                if (event.epoch() == 2 && event.batch() == 9) {
                    double sum = 0;
                    for (float g : ((Dense) net.layers().get(1)).weights().gradient()) {
                        sum += (double) g * g;
                    }
                    norm19[0] = Math.sqrt(sum);
                }
            }
        };
        Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(0.1f).epochs(2).batchSize(200).seed(1)
                .listener(d).listener(probe).build().fit(net, train, null);
        // 10 steps per epoch, 20 in all; every third from the first: steps 1, 4, ..., 19.
        assertEquals(20, d.steps());
        assertEquals(7 * 3, d.samples().size());
        assertEquals(2, d.epochs().size());
        LayerDiagnostics last = d.samples().get(d.samples().size() - 2);
        assertEquals(19, last.step());
        assertEquals(2, last.epoch());
        assertEquals(9, last.batch());
        assertEquals(10, last.batches());
        assertEquals(1.9, last.epochs(), 1e-15);
        assertEquals(2, last.layer());
        assertEquals("sigmoid", last.activation());
        assertEquals(16, last.units());
        assertEquals(200 * 16, last.activations().histogram().total());
        assertTrue(Double.isNaN(last.activations().deadFraction()));
        assertTrue(last.activations().saturatedFraction() >= 0);
        assertTrue(last.biasGradientNorm() > 0);
        // Both sums of squares are in double (relative error below n 2⁻⁵³ each, n = 16 x 32 terms); the square
        // root halves it.
        assertEquals(norm19[0], last.weightGradientNorm(), 2 * 512 * 0x1p-53 * norm19[0]);

        Path csv = dir.resolve("diagnostics.csv");
        d.writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 21, lines.size());
        String[] header = lines.get(0).split(",");
        assertEquals(17 + 8, header.length);
        assertEquals("weight_grad_norm", header[13]);
        assertEquals("hist_7", header[24]);
        String[] row = lines.get(lines.size() - 2).split(",");
        assertEquals(header.length, row.length);
        assertEquals("19", row[3]);
        assertEquals("sigmoid", row[5]);
        assertEquals("NaN", row[11]);
        // Written with 6 significant digits: within half a unit of the 6th.
        assertEquals(last.weightGradientNorm(), Double.parseDouble(row[13]), 5e-6 * last.weightGradientNorm());
        long histogram = 0;
        for (int b = 17; b < row.length; b++) {
            histogram += Long.parseLong(row[b]);
        }
        assertEquals(200 * 16, histogram);
    }

    @Test
    void deepSigmoidGradientsVanishTowardTheInputWhereHeReluGradientsDoNot() {
        double sigmoid = firstToLastGradientRatio(Activation.SIGMOID);
        double relu = firstToLastGradientRatio(Activation.RELU);
        // σ′ ≤ ¼, so five sigmoid layers may shrink δ by up to 4⁵ ≈ 1000 on its way down, while He-initialized
        // ReLU layers keep its scale: ask for a factor 100 between the two networks' ratios.
        assertTrue(sigmoid < 0.01 * relu, "‖∂C/∂W1‖ / ‖∂C/∂W6‖: sigmoid " + sigmoid + ", relu " + relu);
    }

    /** The median over the first steps of the first hidden layer's weight-gradient norm over the last one's. */
    private static double firstToLastGradientRatio(Activation hidden) {
        Network.Builder b = Network.builder().input(784);
        for (int l = 0; l < 5; l++) {
            b.dense(32, hidden);
        }
        Network net = b.dense(10, Activation.SOFTMAX).seed(1).build();
        TrainingDiagnostics d = new TrainingDiagnostics();
        Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(0.1f).epochs(1).batchSize(100).seed(1)
                .listener(d).build().fit(net, train, null);
        double[] ratios = new double[(int) d.steps()];
        for (int step = 0; step < ratios.length; step++) {
            List<LayerDiagnostics> layers = d.samples().subList(step * 6, step * 6 + 6);
            ratios[step] = layers.get(0).weightGradientNorm() / layers.get(5).weightGradientNorm();
        }
        Arrays.sort(ratios);
        return ratios[ratios.length / 2];
    }
}
