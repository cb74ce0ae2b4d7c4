package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.U;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.scalar.ScalarConvolutions;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The scalar convolution reference against the textbook definition in double ({@link ConvCase}), and against
 * values worked out by hand. A float sum of k terms is within gamma(k) Σ|terms| of the exact sum (docs/numerics.md):
 * forward k = patchSize (+1 for the bias), input gradient k = outChannels + kh·kw (window sums of outChannels
 * products, then up to kh·kw of them added), weight gradient k = batch·outPixels.
 */
class ConvolutionReferenceProperties {

    @Property(tries = 200)
    void referenceMatchesTextbookInDouble(@ForAll @IntRange(min = 1, max = 3) int batch, @ForAll Random random) {
        Conv2dGeometry g = ConvCase.geometry(random, false);
        float[] x = ConvCase.values(random, 0, batch * g.inputSize());
        float[] w = ConvCase.values(random, 0, g.weightSize());
        float[] bias = ConvCase.values(random, 0, g.outChannels());
        float[] dz = ConvCase.values(random, 0, batch * g.outputSize());

        float[] y = new float[batch * g.outputSize()];
        ScalarConvolutions.forward(g, batch, x, 0, w, 0, bias, 0, Activation.IDENTITY, y, 0, null, 0);
        double[][] forward = ConvCase.forward(g, batch, x, 0, w, 0, bias, 0);
        for (int i = 0; i < y.length; i++) {
            assertClose("y " + i + " of " + g, y[i], (float) forward[0][i],
                    gamma(g.patchSize() + 1) * (forward[1][i] + Math.abs(bias[i % g.outChannels()])) + U * Math.abs(y[i]));
        }

        float[] dx = new float[batch * g.inputSize()];
        ScalarConvolutions.backwardInput(g, batch, dz, 0, w, 0, dx, 0, null, 0);
        double[][] input = ConvCase.backwardInput(g, batch, dz, 0, w, 0);
        int terms = g.outChannels() + g.kernelHeight() * g.kernelWidth();
        for (int i = 0; i < dx.length; i++) {
            assertClose("dx " + i + " of " + g, dx[i], (float) input[0][i],
                    gamma(terms) * input[1][i] + U * Math.abs(dx[i]));
        }

        float[] dw = new float[g.weightSize()];
        float[] db = new float[g.outChannels()];
        ScalarConvolutions.backwardWeights(g, batch, x, 0, dz, 0, dw, 0, db, 0, null, 0);
        double[][] weights = ConvCase.backwardWeights(g, batch, x, 0, dz, 0);
        int m = batch * g.outPixels();
        for (int i = 0; i < dw.length; i++) {
            assertClose("dw " + i + " of " + g, dw[i], (float) weights[0][i],
                    gamma(m) * weights[1][i] + U * Math.abs(dw[i]));
        }
        for (int o = 0; o < g.outChannels(); o++) {
            double sum = 0;
            double magnitude = 0;
            for (int r = 0; r < m; r++) {
                sum += dz[r * g.outChannels() + o];
                magnitude += Math.abs(dz[r * g.outChannels() + o]);
            }
            assertClose("dbias " + o, db[o], (float) sum, gamma(m) * magnitude + U * Math.abs(db[o]));
        }
    }

    /**
     * 3x3 image 1..9, one 2x2 filter [[1, 0], [0, -1]], stride 2, padding 1 (PyTorch's
     * {@code conv2d(x, w, stride=2, padding=1)}): the windows start at (-1, -1), (-1, 1), (1, -1), (1, 1), so
     * y = [-x00, -x02, -x20, x11 - x22] = [-1, -3, -7, -4]. Then the gradients of Σ y.
     */
    @Example
    void handWorkedStridedPaddedCase() {
        Conv2dGeometry g = Conv2dGeometry.of(1, 3, 3, 1, 2, 2, 1);
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        float[] w = {1, 0, 0, -1};
        float[] y = new float[4];
        Convolutions.forward(g, 1, x, 0, w, 0, new float[] {0.5f}, 0, Activation.IDENTITY, y, 0,
                new float[Math.max(1, Convolutions.scratchSize(g, 1))], 0);
        assertArrayEquals(new float[] {-0.5f, -2.5f, -6.5f, -3.5f}, y);
        float[] dz = {1, 1, 1, 1};
        float[] dx = new float[9];
        float[] scratch = new float[Math.max(1, Convolutions.scratchSize(g, 1))];
        Convolutions.backwardInput(g, 1, dz, 0, w, 0, dx, 0, scratch, 0);
        // x00, x02, x20 and x22 each get -1 through w[1][1]; x11 gets +1 through w[0][0]; the rest are never read.
        assertArrayEquals(new float[] {-1, 0, -1, 0, 1, 0, -1, 0, -1}, dx);
        float[] dw = new float[4];
        float[] db = new float[1];
        Convolutions.backwardWeights(g, 1, x, 0, dz, 0, dw, 0, db, 0, scratch, 0);
        // w00 sees only x11 (the other windows put it on padding), w01 sees x10 and x12, w10 sees x01 and x21,
        // w11 sees x00, x02, x20 and x22.
        assertArrayEquals(new float[] {5, 4 + 6, 2 + 8, 1 + 3 + 7 + 9}, dw);
        assertArrayEquals(new float[] {4}, db);
    }
}
