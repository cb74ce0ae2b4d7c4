package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.scalar.ScalarBatchNormalization;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Batch normalization against {@link ScalarBatchNormalization}: the column sums run in double down the rows in
 * the same order in both, the per-column scalars come from the same helpers and the elementwise steps are the
 * same float operations, so every output (y, dx, dγ, dβ, the running and saved statistics) must be
 * bit-identical. Columns are around the vector widths, rows odd and even, strides padded, and the data shifted
 * far from 0 in some cases (mean 1000, spread 0.01) where a one-pass variance would cancel.
 */
@Tag("simd")
class BatchNormalizationProperties {

    @Property(tries = 200)
    void identicalToReference(@ForAll @IntRange(min = 2, max = 300) int rows, @ForAll @IntRange(min = 1, max = 40) int cols,
                              @ForAll @IntRange(max = 3) int offset, @ForAll @IntRange(max = 2) int ldPad,
                              @ForAll boolean inPlace, @ForAll Random random) {
        int ld = cols + ldPad;
        BatchNormCase c = BatchNormCase.random(random, rows, cols, offset, ld);
        float[] y = inPlace ? c.x().clone() : ConvCase.values(random, offset, rows * ld);
        float[] yExpected = y.clone();
        float[] xActual = inPlace ? y : c.x();
        float[] xExpected = inPlace ? yExpected : c.x();
        float[] rm = c.runningMean().clone();
        float[] rv = c.runningVar().clone();
        float[] rmExpected = rm.clone();
        float[] rvExpected = rv.clone();
        float[] mean = new float[cols + 1];
        float[] invStd = new float[cols + 2];
        float[] meanExpected = mean.clone();
        float[] invStdExpected = invStd.clone();
        BatchNormalization.trainingForward(rows, cols, xActual, offset, ld, c.gamma(), 1, c.beta(), 2, 1e-5f, 0.1f,
                rm, 0, rv, 1, y, offset, ld, mean, 1, invStd, 2);
        ScalarBatchNormalization.trainingForward(rows, cols, xExpected, offset, ld, c.gamma(), 1, c.beta(), 2, 1e-5f,
                0.1f, rmExpected, 0, rvExpected, 1, yExpected, offset, ld, meanExpected, 1, invStdExpected, 2);
        assertArrayEquals(yExpected, y, "training y");
        assertArrayEquals(rmExpected, rm, "running mean");
        assertArrayEquals(rvExpected, rv, "running var");
        assertArrayEquals(meanExpected, mean, "saved mean");
        assertArrayEquals(invStdExpected, invStd, "saved invStd");

        float[] inference = ConvCase.values(random, 0, rows * ld);
        float[] inferenceExpected = inference.clone();
        BatchNormalization.inferenceForward(rows, cols, c.x(), offset, ld, c.gamma(), 1, c.beta(), 2, 1e-3f, rm, 0,
                rv, 1, inference, 0, ld);
        ScalarBatchNormalization.inferenceForward(rows, cols, c.x(), offset, ld, c.gamma(), 1, c.beta(), 2, 1e-3f, rm,
                0, rv, 1, inferenceExpected, 0, ld);
        assertArrayEquals(inferenceExpected, inference, "inference y");

        float[] dy = ConvCase.values(random, 1, rows * ld);
        float[] dx = inPlace ? dy.clone() : ConvCase.values(random, 1, rows * ld);
        float[] dxExpected = dx.clone();
        float[] dyActual = inPlace ? dx : dy;
        float[] dyExpected = inPlace ? dxExpected : dy;
        float[] dgamma = new float[cols + 3];
        float[] dbeta = new float[cols + 3];
        float[] dgammaExpected = dgamma.clone();
        float[] dbetaExpected = dbeta.clone();
        BatchNormalization.backward(rows, cols, c.x(), offset, ld, dyActual, 1, ld, c.gamma(), 1, mean, 1, invStd, 2,
                dx, 1, ld, dgamma, 3, dbeta, 0);
        ScalarBatchNormalization.backward(rows, cols, c.x(), offset, ld, dyExpected, 1, ld, c.gamma(), 1, mean, 1,
                invStd, 2, dxExpected, 1, ld, dgammaExpected, 3, dbetaExpected, 0);
        assertArrayEquals(dxExpected, dx, "dx");
        assertArrayEquals(dgammaExpected, dgamma, "dgamma");
        assertArrayEquals(dbetaExpected, dbeta, "dbeta");
    }
}
