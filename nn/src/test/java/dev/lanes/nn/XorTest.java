package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;

/** The classic non-linearly-separable problem, trained with the raw workspace API (no Trainer). */
class XorTest {

    @Test
    void learnsXor() {
        Network net = Network.builder().input(2).dense(8, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).seed(3).build();
        float[] x = {0, 0, 0, 1, 1, 0, 1, 1};
        float[] y = {0, 1, 1, 0};
        Workspace ws = net.newWorkspace(4);
        Optimizer adam = Optimizer.adam(0);
        float loss = Float.NaN;
        Targets targets = Targets.values(y, 0);
        for (int step = 0; step < 1500; step++) {
            ws.forward(x, 4, Mode.TRAINING);
            loss = ws.lossAndDelta(targets);
            ws.backward(true);
            adam.step(net.trainableParameters(), 0.05f);
        }
        assertTrue(loss < 0.05, "XOR loss after training: " + loss);
        float[] p = net.predict(x, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(y[i], Math.round(p[i]), "XOR(" + x[2 * i] + ", " + x[2 * i + 1] + ") = " + p[i]);
        }
    }
}
