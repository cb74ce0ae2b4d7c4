package dev.lanes.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.optim.Optimizer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The last step of an epoch diverging: no later loss shows it, so before this check {@code fit} returned a
 * network that predicts NaN (and the CLI saved it).
 */
class LastStepDivergenceTest {

    private static Network network() {
        return Network.builder().input(4).dense(8, Activation.RELU).dense(3, Activation.SOFTMAX).seed(5).build();
    }

    @Test
    void aSingleDivergingStepIsCaughtBeforeFitReturns() {
        // One epoch of one batch: its loss is checked before its step, and nothing came after it.
        Network net = network();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(1e30f).epochs(1).batchSize(100)
                        .build().fit(net, TrainerTest.blobs(60, 4), null));
        assertEquals(1, e.epoch());
        assertEquals(1, e.batch());
        assertTrue(e.getMessage().startsWith("training diverged at epoch 1, batch 1 of 1: after its step, "),
                e.getMessage());
        assertTrue(e.getMessage().contains("(learning rate 1.0E30)"), e.getMessage());
    }

    @Test
    void aNonFiniteParameterLeftByTheLastStepIsNamed() {
        // An optimizer whose second and last step leaves NaN in one bias: whether or not that NaN reaches the
        // loss (ReLU may turn it into 0), the network must not come back from fit.
        Optimizer sgd = Optimizer.sgd(0);
        Optimizer poisoning = new Optimizer() {
            private int steps;

            @Override
            public void step(List<Parameter> parameters, float learningRate) {
                sgd.step(parameters, learningRate);
                if (++steps == 2) {
                    parameters.get(1).values()[3] = Float.NaN;
                }
            }

            @Override
            public String describe() {
                return "sgd, then NaN";
            }
        };
        Network net = network();
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Trainer.builder().optimizer(poisoning).learningRate(0.1f).epochs(1).batchSize(30).build()
                        .fit(net, TrainerTest.blobs(60, 4), null));
        assertEquals(1, e.epoch());
        assertEquals(2, e.batch());
        assertEquals("training diverged at epoch 1, batch 2 of 2: after its step, " + net.parameters().get(1).name()
                + " holds NaN at [0, 3] (learning rate 0.1). Lower the learning rate, clip the gradient norm, or check"
                + " the inputs for NaN/Inf.", e.getMessage());
    }
}
