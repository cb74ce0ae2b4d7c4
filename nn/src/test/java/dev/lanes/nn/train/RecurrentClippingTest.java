package dev.lanes.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Shape;
import dev.lanes.nn.Targets;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.optim.Optimizer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Global-norm gradient clipping ({@link Trainer.Builder#clipNorm}) on recurrent networks: the step scales every
 * gradient (input and recurrent weights, both biases, the dense head) by the same factor, so that their joint
 * norm is the limit, and it keeps a ReLU RNN that explodes without it finite.
 */
class RecurrentClippingTest {


    private static Network network() {
        return Network.builder().input(Shape.sequence(5, 2)).layers("rnn:6:seq=all,lstm:5:seq=all:bptt=3,gru:4,dense:3")
                .seed(7).build();
    }

    private static Dataset data(int n, int steps, int features, long seed) {
        Random r = new Random(seed);
        float[] x = new float[n * steps * features];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(3);
        }
        return Dataset.of("sequences", steps, features, x, y, 3);
    }

    @Test
    void oneClippedStepScalesEveryGradientByTheSameFactor() {
        Dataset data = data(16, 5, 2, 1);
        // The gradient of the whole set (one batch), computed directly.
        Network reference = network();
        Workspace ws = reference.newWorkspace(16);
        float[] x = new float[16 * 10];
        int[] y = new int[16];
        data.copyBatch(0, 16, x, 0, y, 0);
        ws.forward(x, 16, Mode.TRAINING);
        ws.lossAndDelta(Targets.labels(y, 0));
        ws.backward(true);
        double norm = 0;
        for (Parameter p : reference.trainableParameters()) {
            for (float g : p.gradient()) {
                norm += (double) g * g;
            }
        }
        norm = Math.sqrt(norm);
        float limit = (float) (norm / 10);
        float rate = 0.5f;

        Network trained = network();
        Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(rate).epochs(1).batchSize(16).clipNorm(limit)
                .build().fit(trained, data, null);
        List<Parameter> before = reference.trainableParameters();
        List<Parameter> after = trained.trainableParameters();
        assertEquals(12 + 2, after.size());
        double moved = 0;
        for (int i = 0; i < before.size(); i++) {
            float[] w0 = before.get(i).values();
            float[] g = before.get(i).gradient();
            float[] w1 = after.get(i).values();
            for (int e = 0; e < w0.length; e++) {
                double expected = w0[e] - rate * g[e] * (limit / norm);
                // The trainer's batch is the set in shuffled order: the sums differ by rounding only.
                assertEquals(expected, w1[e], 1e-5 * (Math.abs(w0[e]) + rate * limit), before.get(i).name()
                        + "[" + e + "]");
                moved += Math.pow(w1[e] - w0[e], 2);
            }
        }
        assertEquals(rate * limit, Math.sqrt(moved), 1e-4 * rate * limit, "the step's length is rate x limit");
    }

    @Test
    void clippingBoundsTheStepsOfAnRnnWhoseGradientsExplode() {
        Dataset data = data(64, 30, 2, 2);
        // Recurrent weights 1.5 x orthogonal in a ReLU RNN: the gradient grows by up to 1.5 per step back.
        Network net = Network.builder().input(Shape.sequence(30, 2)).layers("rnn:16:relu,dense:3").seed(3).build();
        for (Parameter p : net.parameters()) {
            if (p.role() == Parameter.Role.RECURRENT_WEIGHT) {
                for (int i = 0; i < p.size(); i++) {
                    p.values()[i] *= 1.5f;
                }
            }
        }
        Workspace ws = net.newWorkspace(64);
        float[] x = new float[64 * 60];
        int[] y = new int[64];
        data.copyBatch(0, 64, x, 0, y, 0);
        ws.forward(x, 64, Mode.TRAINING);
        ws.lossAndDelta(Targets.labels(y, 0));
        ws.backward(true);
        double norm = 0;
        for (Parameter p : net.trainableParameters()) {
            for (float g : p.gradient()) {
                norm += (double) g * g;
            }
        }
        assertTrue(Math.sqrt(norm) > 100, "the gradient should explode: " + Math.sqrt(norm));
        float rate = 0.1f;
        float limit = 1f;
        List<Parameter> parameters = net.trainableParameters();
        float[][] previous = new float[parameters.size()][];
        double[] longest = {0};
        TrainingListener stepLength = new TrainingListener() {
            @Override
            public void onBatchEnd(BatchEvent event) {
                double step = 0;
                for (int i = 0; i < previous.length; i++) {
                    float[] w = parameters.get(i).values();
                    for (int e = 0; e < w.length; e++) {
                        step += Math.pow(w[e] - previous[i][e], 2);
                    }
                    previous[i] = w.clone();
                }
                longest[0] = Math.max(longest[0], Math.sqrt(step));
            }
        };
        for (int i = 0; i < previous.length; i++) {
            previous[i] = parameters.get(i).values().clone();
        }
        TrainingHistory h = Trainer.builder().optimizer(Optimizer.sgd(0)).learningRate(rate).epochs(3).batchSize(16)
                .clipNorm(limit).listener(stepLength).build().fit(net, data, null);
        assertTrue(Double.isFinite(h.last().trainLoss()), h.toString());
        assertTrue(longest[0] <= rate * limit * (1 + 1e-5), "longest step " + longest[0]);
        assertTrue(longest[0] >= rate * limit * (1 - 1e-5), "the first steps are clipped: " + longest[0]);
    }
}
