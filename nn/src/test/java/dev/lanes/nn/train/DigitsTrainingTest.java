package dev.lanes.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.optim.Optimizer;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end on the bundled digits: accuracy after a fixed number of epochs, and reproducibility. */
class DigitsTrainingTest {

    private static DataSets.TrainTest digits;

    @BeforeAll
    static void load() throws IOException {
        digits = DataSets.load("digits");
    }

    private static Network network(long seed) {
        return Network.builder().input(784).dense(128, Activation.RELU).dense(10, Activation.SOFTMAX).seed(seed)
                .build();
    }

    @Test
    void reachesNinetyFivePercentOnTheTestSet() {
        Network net = network(1);
        TrainingHistory history = Trainer.builder().optimizer(Optimizer.momentum(0.9f, 0)).learningRate(0.05f)
                .epochs(8).batchSize(64).seed(1).build().fit(net, digits.train(), digits.test());
        assertEquals(8, history.epochs().size());
        double accuracy = Evaluation.of(net, digits.test()).accuracy();
        assertEquals(history.last().testAccuracy(), accuracy, 0.0);
        assertTrue(accuracy >= 0.95, "test accuracy after 8 epochs: " + accuracy);
        assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss(), history.toString());
    }

    @Test
    void sameSeedGivesBitIdenticalTraining() {
        float[][] first = train(7);
        float[][] second = train(7);
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], second[i], "parameter " + i);
        }
    }

    private static float[][] train(long seed) {
        Network net = network(seed);
        Trainer.builder().optimizer(Optimizer.adam(0)).learningRate(1e-3f).epochs(1).batchSize(100).seed(seed)
                .build().fit(net, digits.train(), null);
        List<Parameter> params = net.parameters();
        float[][] values = new float[params.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = params.get(i).values().clone();
        }
        return values;
    }
}
