package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.U;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.ulp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.kernels.scalar.ScalarBatchNormalization;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The scalar batch normalization against its definition in double. Derivation of the bounds (u = 2^-24, s =
 * γ invStd): the saved mean, invStd and running statistics are double values rounded once (half an ulp, one
 * ulp allowed). y = fma(x − μ_f, s_f, β) rounds the difference (which also carries μ_f's rounding, u|μ|), s_f
 * (two roundings) and the fma: |Δy| ≤ |s| u (|μ| + 4|x − μ|) + u|y|, doubled for margin. The backward, given the
 * saved μ and invStd: x̂ rounds twice (2u|x̂|), the two column means once each, the fma, the difference and the
 * product once each, so |Δdx| ≤ 4u |s| (|dy| + |mean dy| + 2|x̂ mean(dy x̂)|) + 2u|dx|; dγ carries x̂'s 2u:
 * 2u Σ|dy x̂| + ulp; dβ is a double sum rounded once.
 */
class BatchNormalizationReferenceProperties {

    @Property(tries = 200)
    void referenceMatchesDefinition(@ForAll @IntRange(min = 2, max = 200) int rows, @ForAll @IntRange(min = 1, max = 20) int cols,
                                    @ForAll Random random) {
        BatchNormCase c = BatchNormCase.random(random, rows, cols, 0, cols);
        float eps = 1e-5f;
        float momentum = 0.1f;
        float[] y = new float[rows * cols];
        float[] rm = c.runningMean().clone();
        float[] rv = c.runningVar().clone();
        float[] mean = new float[cols];
        float[] invStd = new float[cols];
        ScalarBatchNormalization.trainingForward(rows, cols, c.x(), 0, cols, c.gamma(), 1, c.beta(), 2, eps, momentum,
                rm, 0, rv, 1, y, 0, cols, mean, 0, invStd, 0);
        float[] dy = ConvCase.values(random, 0, rows * cols);
        float[] dx = new float[rows * cols];
        float[] dgamma = new float[cols];
        float[] dbeta = new float[cols];
        ScalarBatchNormalization.backward(rows, cols, c.x(), 0, cols, dy, 0, cols, c.gamma(), 1, mean, 0, invStd, 0,
                dx, 0, cols, dgamma, 0, dbeta, 0);
        for (int j = 0; j < cols; j++) {
            double mu = 0;
            for (int r = 0; r < rows; r++) {
                mu += c.x()[r * cols + j];
            }
            mu /= rows;
            double var = 0;
            for (int r = 0; r < rows; r++) {
                var += (c.x()[r * cols + j] - mu) * (c.x()[r * cols + j] - mu);
            }
            double istd = 1 / Math.sqrt(var / rows + eps);
            assertClose("mean " + j, mean[j], (float) mu, ulp(mean[j]));
            assertClose("invStd " + j, invStd[j], (float) istd, ulp(invStd[j]));
            assertClose("running mean " + j, rm[j], (float) ((1 - (double) momentum) * c.runningMean()[j] + momentum * mu), ulp(rm[j]));
            assertClose("running var " + j, rv[1 + j], (float) ((1 - (double) momentum) * c.runningVar()[1 + j] + momentum * var / (rows - 1)),
                    ulp(rv[1 + j]));
            double s = (double) c.gamma()[1 + j] * istd;
            for (int r = 0; r < rows; r++) {
                double xv = c.x()[r * cols + j];
                double exact = s * (xv - mu) + c.beta()[2 + j];
                assertClose("y " + r + "," + j, y[r * cols + j], (float) exact,
                        2 * (Math.abs(s) * U * (Math.abs(mu) + 4 * Math.abs(xv - mu)) + U * Math.abs(exact)));
            }
            double sumDy = 0;
            double sumDyXhat = 0;
            double magnitude = 0;
            double absDy = 0;
            for (int r = 0; r < rows; r++) {
                double xhat = (c.x()[r * cols + j] - (double) mean[j]) * invStd[j];
                sumDy += dy[r * cols + j];
                absDy += Math.abs(dy[r * cols + j]);
                sumDyXhat += dy[r * cols + j] * xhat;
                magnitude += Math.abs(dy[r * cols + j] * xhat);
            }
            assertClose("dbeta " + j, dbeta[j], (float) sumDy, ulp(dbeta[j]));
            assertClose("dgamma " + j, dgamma[j], (float) sumDyXhat, 2 * U * magnitude + ulp(dgamma[j]));
            double sf = (double) c.gamma()[1 + j] * invStd[j];
            for (int r = 0; r < rows; r++) {
                double xhat = (c.x()[r * cols + j] - (double) mean[j]) * invStd[j];
                double d = dy[r * cols + j];
                double exact = sf * (d - sumDy / rows - xhat * sumDyXhat / rows);
                // The float sums Σ dy and Σ dy x̂ each err by up to γ(rows) Σ|terms|, divided by rows here.
                double sums = 2 * rows * U * (absDy + Math.abs(xhat) * magnitude) / rows;
                assertClose("dx " + r + "," + j, dx[r * cols + j], (float) exact, 4 * U * Math.abs(sf)
                        * (Math.abs(d) + Math.abs(sumDy / rows) + 2 * Math.abs(xhat * sumDyXhat / rows))
                        + Math.abs(sf) * sums + 2 * U * Math.abs(exact));
            }
        }
    }

    /**
     * One column 1, 2, 3, 4: mean 2.5, biased variance 1.25, unbiased 5/3. Running statistics from 0 and 1
     * with momentum 0.1: 0.25 and 0.9 + 0.1 · 5/3. Inference with those running statistics.
     */
    @Example
    void handWorkedCase() {
        float[] x = {1, 2, 3, 4};
        float[] y = new float[4];
        float[] rm = {0};
        float[] rv = {1};
        float[] mean = new float[1];
        float[] invStd = new float[1];
        BatchNormalization.trainingForward(4, 1, x, 0, 1, new float[] {2}, 0, new float[] {0.5f}, 0, 1e-5f, 0.1f, rm, 0,
                rv, 0, y, 0, 1, mean, 0, invStd, 0);
        float is = (float) (1 / Math.sqrt(1.25 + 1e-5f));
        assertEquals(2.5f, mean[0]);
        assertEquals(is, invStd[0]);
        assertEquals(0.25f, rm[0]);
        assertEquals(0.9 + 0.1 * 5 / 3.0, rv[0], Math.ulp(1f));
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.fma(x[i] - 2.5f, 2 * is, 0.5f), y[i]);
        }
        float[] inference = new float[4];
        BatchNormalization.inferenceForward(4, 1, x, 0, 1, new float[] {1}, 0, new float[] {0}, 0, 1e-5f, rm, 0, rv, 0,
                inference, 0, 1);
        float isRunning = (float) (1 / Math.sqrt((double) rv[0] + 1e-5f));
        assertArrayEquals(new float[] {(1 - 0.25f) * isRunning, (2 - 0.25f) * isRunning, (3 - 0.25f) * isRunning,
                (4 - 0.25f) * isRunning}, inference);
    }
}
