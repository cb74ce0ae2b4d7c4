package dev.lanes.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.Network;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.optim.Optimizer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Training and evaluating on real targets: the adding problem, learnt by an LSTM at a short length. */
class RegressionTrainingTest {

    private static Network lstm(Dataset data) {
        return Network.builder().input(data.shape()).layers("lstm:12,dense:1").seed(3).build();
    }

    @Test
    void anLstmLearnsTheShortAddingProblem() throws IOException {
        DataSets.TrainTest sets = DataSets.load("adding:8:3000");
        Network net = lstm(sets.train());
        Evaluation before = Evaluation.of(net, sets.test());
        TrainingHistory h = Trainer.builder().optimizer(Optimizer.adam(0)).learningRate(0.01f).epochs(8)
                .batchSize(32).seed(1).build().fit(net, sets.train(), sets.test());
        Evaluation after = Evaluation.of(net, sets.test());
        assertTrue(after.isRegression());
        assertEquals(after.accuracy(), h.last().testAccuracy(), 0.0);
        // The mean squared error and the loss ½(a − y)² describe the same errors.
        assertEquals(2 * after.loss(), after.meanSquaredError(), 1e-6 * after.meanSquaredError());
        assertTrue(before.meanSquaredError() > 0.1, "untrained: " + before.meanSquaredError());
        assertTrue(after.meanSquaredError() < 0.01, "trained: " + after.meanSquaredError());
        assertTrue(after.accuracy() > 0.3, "within 0.04: " + after.accuracy());
        assertEquals(0, after.confusionMatrix().length);
        assertEquals(0, after.perClassAccuracy().length);
    }

    @Test
    void sameSeedGivesTheSameRegressionRun() throws IOException {
        Dataset train = DataSets.load("adding:6:200").train();
        float[][] runs = new float[2][];
        for (int r = 0; r < 2; r++) {
            Network net = lstm(train);
            Trainer.builder().optimizer(Optimizer.adam(0)).learningRate(0.01f).epochs(2).batchSize(16)
                    .validationSplit(0.2).seed(5).build().fit(net, train);
            runs[r] = net.parameters().get(1).values().clone();
        }
        assertArrayEquals(runs[0], runs[1]);
    }

    @Test
    void aNetworkWithTheWrongNumberOfOutputsIsRefused() throws IOException {
        Dataset train = DataSets.load("adding:6:20").train();
        Network two = Network.builder().input(train.shape()).layers("gru:4,dense:2").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().build().fit(two, train));
        assertEquals("adding:6/train has 1 targets per example, the network 2 outputs", e.getMessage());
    }
}
