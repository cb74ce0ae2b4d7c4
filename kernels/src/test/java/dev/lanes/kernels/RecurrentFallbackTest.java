package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lanes.kernels.scalar.ScalarRecurrent;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs without jdk.incubator.vector (the build's no-vector-module execution): every {@link Recurrent} kernel
 * works on its scalar reference, bit for bit, without loading a class of the SIMD package.
 */
@Tag("novector")
class RecurrentFallbackTest {

    private static final int BATCH = 3;
    private static final int HIDDEN = 7;
    private static final int LD = 4 * HIDDEN + 2;

    @Test
    void facadeRunsTheScalarReferences() {
        assertFalse(Kernels.simdEnabled());
        Random random = new Random(4);
        float[] pre = Inputs.values(random, BATCH * LD);
        float[] state = Inputs.uniform(random, BATCH * LD, -3, 3);
        float[] grad = Inputs.uniform(random, BATCH * LD, -1, 1);
        for (Activation f : new Activation[] {Activation.TANH, Activation.RELU}) {
            float[][] out = twice(2, (o, facade) -> {
                if (facade) {
                    Recurrent.rnnForward(f, BATCH, HIDDEN, pre, 1, LD, o[0], 0, LD);
                    Recurrent.rnnBackward(f, BATCH, HIDDEN, o[0], 0, LD, grad, 2, LD, o[1], 1, LD);
                } else {
                    ScalarRecurrent.rnnForward(f, BATCH, HIDDEN, pre, 1, LD, o[0], 0, LD);
                    ScalarRecurrent.rnnBackward(f, BATCH, HIDDEN, o[0], 0, LD, grad, 2, LD, o[1], 1, LD);
                }
            });
            assertArrayEquals(out[0], out[2]);
            assertArrayEquals(out[1], out[3]);
        }
        float[][] lstm = twice(5, (o, facade) -> {
            if (facade) {
                Recurrent.lstmForward(BATCH, HIDDEN, pre, 0, LD, state, 1, LD, o[0], 0, LD, o[1], 0, LD, o[2], 0, LD);
                Recurrent.lstmBackward(BATCH, HIDDEN, o[0], 0, LD, state, 1, LD, o[1], 0, LD, grad, 0, LD, grad, 3,
                        LD, o[3], 0, LD, o[4], 0, LD);
            } else {
                ScalarRecurrent.lstmForward(BATCH, HIDDEN, pre, 0, LD, state, 1, LD, o[0], 0, LD, o[1], 0, LD, o[2],
                        0, LD);
                ScalarRecurrent.lstmBackward(BATCH, HIDDEN, o[0], 0, LD, state, 1, LD, o[1], 0, LD, grad, 0, LD,
                        grad, 3, LD, o[3], 0, LD, o[4], 0, LD);
            }
        });
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(lstm[k], lstm[5 + k]);
        }
        float[][] gru = twice(5, (o, facade) -> {
            if (facade) {
                Recurrent.gruForward(BATCH, HIDDEN, pre, 0, LD, state, 0, LD, state, 1, LD, o[0], 0, LD, o[1], 0, LD);
                Recurrent.gruBackward(BATCH, HIDDEN, o[0], 0, LD, state, 1, LD, grad, 0, LD, o[2], 0, LD, o[3], 0, LD,
                        o[4], 0, LD);
            } else {
                ScalarRecurrent.gruForward(BATCH, HIDDEN, pre, 0, LD, state, 0, LD, state, 1, LD, o[0], 0, LD, o[1],
                        0, LD);
                ScalarRecurrent.gruBackward(BATCH, HIDDEN, o[0], 0, LD, state, 1, LD, grad, 0, LD, o[2], 0, LD, o[3],
                        0, LD, o[4], 0, LD);
            }
        });
        for (int k = 0; k < 5; k++) {
            assertArrayEquals(gru[k], gru[5 + k]);
        }
    }

    private interface Run {
        void run(float[][] outputs, boolean facade);
    }

    /** Runs the façade and the reference on fresh outputs; returns the façade's outputs, then the reference's. */
    private static float[][] twice(int outputs, Run run) {
        float[][] all = new float[2 * outputs][];
        for (int k = 0; k < all.length; k++) {
            all[k] = new float[BATCH * LD];
        }
        float[][] facade = Arrays.copyOfRange(all, 0, outputs);
        float[][] reference = Arrays.copyOfRange(all, outputs, 2 * outputs);
        run.run(facade, true);
        run.run(reference, false);
        return all;
    }
}
