package dev.lanes.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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

    static Dataset blobs(int n, long seed) {
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
        // An identity output under MSE with a learning rate this large grows the weights every step until the
        // loss overflows: training must stop there instead of carrying on with NaN.
        Network net = Network.builder().input(4).dense(8, Activation.RELU).dense(3, Activation.IDENTITY)
                .loss(Loss.MSE).seed(1).build();
        int[] lastFinished = new int[2];
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(50f).epochs(50).batchSize(50)
                        .listener(new TrainingListener() {
                            @Override
                            public void onBatchEnd(BatchEvent event) {
                                assertTrue(Float.isFinite(event.loss()));
                                lastFinished[0] = event.epoch();
                                lastFinished[1] = event.batch();
                            }
                        }).build().fit(net, blobs(300, 1), null));
        // The failing batch is the one right after the last that finished.
        int expectedBatch = lastFinished[1] == 6 ? 1 : lastFinished[1] + 1;
        int expectedEpoch = lastFinished[1] == 6 ? lastFinished[0] + 1 : Math.max(1, lastFinished[0]);
        assertEquals(expectedEpoch, e.epoch());
        assertEquals(expectedBatch, e.batch());
        assertTrue(e.getMessage().startsWith("training diverged at epoch " + e.epoch() + ", batch " + e.batch()
                + " of 6: the loss is "), e.getMessage());
        assertTrue(e.getMessage().contains("(learning rate 50.0)"), e.getMessage());
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
        assertTrue(h.stoppedEarly(), h.toString());
        EpochStats best = h.epochs().get(h.bestEpoch() - 1);
        double bestSeen = h.epochs().stream().mapToDouble(EpochStats::validationLoss).min().orElseThrow();
        assertEquals(bestSeen, best.validationLoss(), 0.0);
        assertEquals(h.bestEpoch() + 2, h.epochs().size(), "stops after patience epochs without improvement");
        // The network is back at the best epoch's weights: its validation loss is that epoch's again.
        Dataset.Split parts = blobs(300, 2).split(0.3, 3);
        assertEquals(best.validationLoss(), Evaluation.of(net, parts.validation()).loss(), 0.0);
    }

    @Test
    void defaultsAreTheCommandLinesAndTheOptimizersOwnRate() {
        Network a = Network.builder().input(4).dense(4, Activation.TANH).dense(3, Activation.SOFTMAX).seed(5).build();
        Network b = Network.builder().input(4).dense(4, Activation.TANH).dense(3, Activation.SOFTMAX).seed(5).build();
        Trainer.builder().epochs(2).build().fit(a, blobs(100, 2));
        Trainer.builder().epochs(2).optimizer(Optimizer.momentum(0.9f, 0)).learningRate(0.05).build()
                .fit(b, blobs(100, 2), null);
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(b.parameters().get(i).values(), a.parameters().get(i).values());
        }
        assertEquals(0.001f, Optimizer.adam().defaultLearningRate());
        assertEquals(0.05f, Optimizer.sgd().defaultLearningRate());
    }

    @Test
    void builderNamesWhatIsMissing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(0.1f).earlyStopping(3).build());
        assertTrue(e.getMessage().startsWith("early stopping watches the validation loss"), e.getMessage());
    }
}
