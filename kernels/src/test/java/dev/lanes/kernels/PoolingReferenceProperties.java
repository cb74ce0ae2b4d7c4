package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.U;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.gamma;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.kernels.scalar.ScalarPooling;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The scalar pooling references against their definitions, written independently here: each window listed in
 * row-major order, the max as the first NaN or else the largest value with the first position holding it, the
 * average as a double sum over the divisor (a float sum of t terms and one division: within
 * {@code gamma(t) Σ|x| / divisor + u |y|}), and the gradients summed in double.
 */
class PoolingReferenceProperties {

    @Property(tries = 200)
    void referencesMatchDefinitions(@ForAll @IntRange(min = 1, max = 3) int batch, @ForAll boolean countIncludePad,
                                    @ForAll Random random) {
        Conv2dGeometry g = ConvCase.geometry(random, true);
        int c = g.inChannels();
        float[] x = PoolingProperties.input(random, 0, batch * g.inputSize());
        int outputs = batch * g.outPixels() * c;
        float[] max = new float[outputs];
        int[] argmax = new int[outputs];
        float[] avg = new float[outputs];
        ScalarPooling.maxForward(g, batch, x, 0, max, 0, argmax, 0);
        ScalarPooling.averageForward(g, batch, countIncludePad, x, 0, avg, 0);
        float[] dy = ConvCase.values(random, 0, outputs);
        double[] dxMax = new double[batch * g.inputSize()];
        double[] dxMaxMagnitude = new double[dxMax.length];
        double[] dxAvg = new double[dxMax.length];
        double[] dxAvgMagnitude = new double[dxMax.length];
        int out = 0;
        for (int n = 0; n < batch; n++) {
            for (int oh = 0; oh < g.outHeight(); oh++) {
                for (int ow = 0; ow < g.outWidth(); ow++) {
                    List<Integer> window = window(g, oh, ow);
                    for (int ch = 0; ch < c; ch++, out++) {
                        int first = -1;
                        double sum = 0;
                        double magnitude = 0;
                        for (int position : window) {
                            float v = x[n * g.inputSize() + position + ch];
                            if (first < 0 || Float.isNaN(v) && !Float.isNaN(x[n * g.inputSize() + first + ch])
                                    || v > x[n * g.inputSize() + first + ch]) {
                                first = position;
                            }
                            sum += v;
                            magnitude += Math.abs(v);
                        }
                        float best = x[n * g.inputSize() + first + ch];
                        assertEquals(Float.floatToIntBits(best), Float.floatToIntBits(max[out]), "max " + out + " of " + g);
                        assertEquals(first + ch, argmax[out], "argmax " + out + " of " + g);
                        int divisor = countIncludePad ? g.kernelHeight() * g.kernelWidth() : window.size();
                        if (Double.isFinite(sum)) {
                            assertClose("avg " + out + " of " + g, avg[out], (float) (sum / divisor),
                                    gamma(window.size()) * magnitude / divisor + U * Math.abs(avg[out]));
                        } else {
                            assertEquals(Float.isNaN((float) sum), Float.isNaN(avg[out]), "avg " + out);
                        }
                        int xi = n * g.inputSize() + first + ch;
                        dxMax[xi] += dy[out];
                        dxMaxMagnitude[xi] += Math.abs(dy[out]);
                        for (int position : window) {
                            dxAvg[n * g.inputSize() + position + ch] += (double) dy[out] / divisor;
                            dxAvgMagnitude[n * g.inputSize() + position + ch] += Math.abs(dy[out]) / divisor;
                        }
                    }
                }
            }
        }
        float[] dx = new float[dxMax.length];
        ScalarPooling.maxBackward(g, batch, dy, 0, argmax, 0, dx, 0);
        for (int i = 0; i < dx.length; i++) {
            assertClose("max dx " + i + " of " + g, dx[i], (float) dxMax[i], gamma(g.kernelHeight() * g.kernelWidth()
                    * g.outPixels()) * dxMaxMagnitude[i] + U * Math.abs(dx[i]));
        }
        ScalarPooling.averageBackward(g, batch, countIncludePad, dy, 0, dx, 0);
        for (int i = 0; i < dx.length; i++) {
            // dy / divisor rounds once, then up to outPixels shares are summed.
            assertClose("avg dx " + i + " of " + g, dx[i], (float) dxAvg[i], gamma(g.outPixels() + 1)
                    * dxAvgMagnitude[i] + U * Math.abs(dx[i]));
        }
    }

    /** The window's input positions (offsets in an example, channel 0) in row-major window order. */
    private static List<Integer> window(Conv2dGeometry g, int oh, int ow) {
        List<Integer> positions = new ArrayList<>();
        for (int kh = 0; kh < g.kernelHeight(); kh++) {
            int ih = oh * g.strideHeight() + kh * g.dilationHeight() - g.padTop();
            for (int kw = 0; kw < g.kernelWidth(); kw++) {
                int iw = ow * g.strideWidth() + kw * g.dilationWidth() - g.padLeft();
                if (ih >= 0 && ih < g.inHeight() && iw >= 0 && iw < g.inWidth()) {
                    positions.add((ih * g.inWidth() + iw) * g.inChannels());
                }
            }
        }
        return positions;
    }

    /**
     * A 4x4 image, two channels (the second is the first negated), 2x2 windows at stride 2; then 3x3 average
     * pooling at stride 1 with padding 1 on a 2x2 image, counting the padding (PyTorch's default) or not.
     */
    @Example
    void handWorkedCases() {
        float[] plane = {1, 5, 2, 2, 3, 4, 6, 0, -1, -2, 7, 7, -3, -1, 7, -8};
        float[] x = new float[32];
        for (int i = 0; i < 16; i++) {
            x[2 * i] = plane[i];
            x[2 * i + 1] = -plane[i];
        }
        Conv2dGeometry g = Conv2dGeometry.pooling(2, 4, 4, 2, 2, 0);
        float[] y = new float[8];
        int[] argmax = new int[8];
        Pooling.maxForward(g, 1, x, 0, y, 0, argmax, 0);
        // channel 0 windows {1,5,3,4} {2,2,6,0} {-1,-2,-3,-1} {7,7,7,-8}; channel 1 the negations (-0 included)
        assertArrayEquals(new float[] {5, -1, 6, -0f, -1, 3, 7, 8}, y);
        // positions (h·4 + w)·2 + c; ties go to the first in row-major order: -1 at (2,0) over (3,1), 7 at (2,2)
        // over (2,3) and (3,2)
        assertArrayEquals(new int[] {2, 1, 12, 15, 16, 25, 20, 31}, argmax);
        float[] dx = new float[32];
        Pooling.maxBackward(g, 1, new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, argmax, 0, dx, 0);
        float[] expected = new float[32];
        int[] routed = {2, 1, 12, 15, 16, 25, 20, 31};
        for (int i = 0; i < 8; i++) {
            expected[routed[i]] = i + 1;
        }
        assertArrayEquals(expected, dx);

        Conv2dGeometry avg = Conv2dGeometry.pooling(1, 2, 2, 3, 1, 1);
        float[] image = {1, 2, 3, 4};
        float[] included = new float[4];
        float[] excluded = new float[4];
        Pooling.averageForward(avg, 1, true, image, 0, included, 0);
        Pooling.averageForward(avg, 1, false, image, 0, excluded, 0);
        // every 3x3 window covers the whole 2x2 image: sum 10 over 9 positions, or over the 4 inside
        assertArrayEquals(new float[] {10f / 9, 10f / 9, 10f / 9, 10f / 9}, included);
        assertArrayEquals(new float[] {2.5f, 2.5f, 2.5f, 2.5f}, excluded);
    }
}
