package dev.lanes.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The trainer's guards: divergence is an error naming where, early stopping restores the best weights. */
class TrainerTest {

    private static Dataset blobs(int n, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (r.nextGaussian() * 0.5 + (j == y[i] ? 2 : 0));
            }
        }
        return Dataset.of("blobs", 2, 2, x, y, 3);
    }

    @Test
    void divergenceStopsTrainingAndNamesTheEpochAndBatch() {
        Network net = Network.builder().input(4).dense(8, Activation.RELU).dense(3, Activation.SIGMOID)
                .loss(Loss.MSE).seed(1).build();
        Dataset data = blobs(300, 1);
        // Values this large overflow the float loss at once: the loss is Inf or NaN on the first batch.
        float[] big = new float[300 * 4];
        java.util.Arrays.fill(big, 1e30f);
        Dataset huge = Dataset.of("huge", 2, 2, big, data.labels(), 3);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(0.1f).epochs(3).batchSize(50)
                        .build().fit(net, huge, null));
        assertEquals(1, e.epoch());
        assertEquals(1, e.batch());
        assertTrue(e.getMessage().startsWith("training diverged at epoch 1, batch 1 of 6: the loss is "),
                e.getMessage());
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        Network net = Network.builder().input(4).dense(16, Activation.TANH).dense(3, Activation.SOFTMAX).seed(2)
                .build();
        List<EpochStats> seen = new ArrayList<>();
        // A learning rate this high makes the validation loss bounce, so patience 2 ends training early.
        TrainingHistory h = Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(3f).epochs(40).batchSize(16)
                .validationSplit(0.3).earlyStopping(2).seed(3).listener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochStats stats) {
                        seen.add(stats);
                    }
                }).build().fit(net, blobs(300, 2), null);
        assertEquals(seen, h.epochs());
        if (h.stoppedEarly()) {
            EpochStats best = h.epochs().get(h.bestEpoch() - 1);
            double bestSeen = h.epochs().stream().mapToDouble(EpochStats::validationLoss).min().orElseThrow();
            assertEquals(bestSeen, best.validationLoss(), 0.0);
            assertTrue(h.epochs().size() >= h.bestEpoch() + 2);
            // The network is back at the best epoch's weights: its validation loss is that epoch's again.
            Dataset.Split parts = blobs(300, 2).split(0.3, 3);
            assertEquals(best.validationLoss(), Evaluation.of(net, parts.validation()).loss(), 1e-6);
        } else {
            assertEquals(40, h.epochs().size());
        }
    }

    @Test
    void builderNamesWhatIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder().learningRate(0.1f).build());
        assertEquals("set an optimizer, e.g. optimizer(Optimizer.sgd(0))", e.getMessage());
        e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(0.1f).earlyStopping(3).build());
        assertTrue(e.getMessage().startsWith("early stopping watches the validation loss"), e.getMessage());
    }
}
