package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.lanes.kernels.scalar.ScalarBatchNormalization;
import dev.lanes.kernels.scalar.ScalarConvolutions;
import dev.lanes.kernels.scalar.ScalarDropouts;
import dev.lanes.kernels.scalar.ScalarPooling;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs without jdk.incubator.vector (the build's no-vector-module execution): the convolution, pooling,
 * batch-norm and dropout façades run their scalar references and need no scratch.
 */
@Tag("novector")
class ConvFallbackTest {

    @Test
    void facadesRunTheScalarReferences() {
        assertFalse(Kernels.simdEnabled());
        Random random = new Random(5);
        Conv2dGeometry g = Conv2dGeometry.builder(3, 7, 6).outChannels(5).kernel(3, 2).stride(2, 1).samePadding()
                .build();
        assertEquals(0, Convolutions.scratchSize(g, 4));
        float[] x = ConvCase.values(random, 0, 4 * g.inputSize());
        float[] w = ConvCase.values(random, 0, g.weightSize());
        float[] b = ConvCase.values(random, 0, 5);
        float[] dz = ConvCase.values(random, 0, 4 * g.outputSize());
        float[] y = new float[4 * g.outputSize()];
        float[] expected = y.clone();
        Convolutions.forward(g, 4, x, 0, w, 0, b, 0, Activation.SIGMOID, y, 0, null, 0);
        ScalarConvolutions.forward(g, 4, x, 0, w, 0, b, 0, Activation.SIGMOID, expected, 0, null, 0);
        assertArrayEquals(expected, y);
        float[] dx = new float[4 * g.inputSize()];
        float[] dxExpected = dx.clone();
        Convolutions.backwardInput(g, 4, dz, 0, w, 0, dx, 0, null, 0);
        ScalarConvolutions.backwardInput(g, 4, dz, 0, w, 0, dxExpected, 0, null, 0);
        assertArrayEquals(dxExpected, dx);
        float[] dw = new float[g.weightSize()];
        float[] dwExpected = dw.clone();
        Convolutions.backwardWeights(g, 4, x, 0, dz, 0, dw, 0, null, 0, null, 0);
        ScalarConvolutions.backwardWeights(g, 4, x, 0, dz, 0, dwExpected, 0, null, 0, null, 0);
        assertArrayEquals(dwExpected, dw);

        Conv2dGeometry pool = Conv2dGeometry.pooling(3, 7, 6, 2, 2, 1);
        float[] pooled = new float[4 * pool.outPixels() * 3];
        float[] pooledExpected = pooled.clone();
        int[] argmax = new int[pooled.length];
        int[] argmaxExpected = argmax.clone();
        Pooling.maxForward(pool, 4, x, 0, pooled, 0, argmax, 0);
        ScalarPooling.maxForward(pool, 4, x, 0, pooledExpected, 0, argmaxExpected, 0);
        assertArrayEquals(pooledExpected, pooled);
        assertArrayEquals(argmaxExpected, argmax);

        float[] gamma = ConvCase.values(random, 0, 3);
        float[] running = {0, 0, 0, 1, 1, 1};
        float[] runningExpected = running.clone();
        float[] saved = new float[6];
        float[] savedExpected = new float[6];
        float[] bn = new float[x.length];
        float[] bnExpected = bn.clone();
        int rows = x.length / 3;
        BatchNormalization.trainingForward(rows, 3, x, 0, 3, gamma, 0, gamma, 0, 1e-5f, 0.1f, running, 0, running, 3,
                bn, 0, 3, saved, 0, saved, 3);
        ScalarBatchNormalization.trainingForward(rows, 3, x, 0, 3, gamma, 0, gamma, 0, 1e-5f, 0.1f, runningExpected, 0,
                runningExpected, 3, bnExpected, 0, 3, savedExpected, 0, savedExpected, 3);
        assertArrayEquals(bnExpected, bn);
        assertArrayEquals(runningExpected, running);

        float[] dropped = new float[x.length];
        float[] droppedExpected = dropped.clone();
        Dropouts.forward(x.length, 0.25f, 9, 2, 100, x, 0, dropped, 0);
        ScalarDropouts.forward(x.length, 0.25f, 9, 2, 100, x, 0, droppedExpected, 0);
        assertArrayEquals(droppedExpected, dropped);
    }
}
