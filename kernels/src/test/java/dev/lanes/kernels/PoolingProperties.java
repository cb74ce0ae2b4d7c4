package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.scalar.ScalarPooling;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * The pooling kernels against {@link ScalarPooling}: they do the same float operations in the same order per
 * element (maxima are exact; window sums in row-major order; one division), so every result, argmax included,
 * must be bit-identical. Inputs are small integers (many ties, -0 among them) in half the cases, with NaN and
 * -∞ sprinkled in; outputs are pre-filled with NaN and must be untouched outside their range.
 */
@Tag("simd")
class PoolingProperties {

    @Property(tries = 250)
    void maxPoolingIsIdentical(@ForAll @IntRange(max = 4) int batch, @ForAll @IntRange(max = 3) int offset,
                               @ForAll Random random) {
        Conv2dGeometry g = ConvCase.geometry(random, true);
        float[] x = input(random, offset, batch * g.inputSize());
        int outputs = batch * g.outPixels() * g.inChannels();
        float[] y = nan(offset + 1 + outputs + 2);
        float[] yExpected = y.clone();
        int[] argmax = new int[offset + outputs + 2];
        Arrays.fill(argmax, -7);
        int[] argmaxExpected = argmax.clone();
        Pooling.maxForward(g, batch, x, offset, y, offset + 1, argmax, offset);
        ScalarPooling.maxForward(g, batch, x, offset, yExpected, offset + 1, argmaxExpected, offset);
        assertArrayEquals(yExpected, y, g.toString());
        assertArrayEquals(argmaxExpected, argmax, g.toString());

        float[] dy = ConvCase.values(random, 2, outputs);
        float[] dx = nan(offset + batch * g.inputSize() + 3);
        float[] dxExpected = dx.clone();
        Pooling.maxBackward(g, batch, dy, 2, argmax, offset, dx, offset);
        ScalarPooling.maxBackward(g, batch, dy, 2, argmaxExpected, offset, dxExpected, offset);
        assertArrayEquals(dxExpected, dx, g.toString());
    }

    /**
     * Windows that tile the input exactly: the network's 2x2 pooling of 24x24x16 and 8x8x32, and 3x3 windows on
     * 9x6x5; with ties and -0 gradients.
     */
    @Example
    void maxPoolingOfExactTilingsIsIdentical() {
        Random random = new Random(21);
        for (Conv2dGeometry g : new Conv2dGeometry[] {Conv2dGeometry.pooling(16, 24, 24, 2, 2, 0),
                Conv2dGeometry.pooling(32, 8, 8, 2, 2, 0), Conv2dGeometry.pooling(5, 9, 6, 3, 3, 0)}) {
            int batch = 3;
            float[] x = input(random, 1, batch * g.inputSize());
            int outputs = batch * g.outPixels() * g.inChannels();
            float[] y = new float[outputs];
            int[] argmax = new int[outputs];
            Pooling.maxForward(g, batch, x, 1, y, 0, argmax, 0);
            float[] dy = ConvCase.values(random, 0, outputs);
            for (int i = 0; i < outputs; i += 3) {
                dy[i] = -0f;
            }
            float[] dx = nan(batch * g.inputSize() + 2);
            float[] dxExpected = dx.clone();
            Pooling.maxBackward(g, batch, dy, 0, argmax, 0, dx, 1);
            ScalarPooling.maxBackward(g, batch, dy, 0, argmax, 0, dxExpected, 1);
            assertArrayEquals(dxExpected, dx, g.toString());
        }
    }

    @Property(tries = 250)
    void averagePoolingIsIdentical(@ForAll @IntRange(max = 4) int batch, @ForAll boolean countIncludePad,
                                   @ForAll @IntRange(max = 3) int offset, @ForAll Random random) {
        Conv2dGeometry g = ConvCase.geometry(random, true);
        float[] x = input(random, offset, batch * g.inputSize());
        int outputs = batch * g.outPixels() * g.inChannels();
        float[] y = nan(offset + outputs + 3);
        float[] yExpected = y.clone();
        Pooling.averageForward(g, batch, countIncludePad, x, offset, y, offset);
        ScalarPooling.averageForward(g, batch, countIncludePad, x, offset, yExpected, offset);
        assertArrayEquals(yExpected, y, g.toString());

        float[] dy = ConvCase.values(random, 1, outputs);
        float[] dx = nan(offset + batch * g.inputSize() + 3);
        float[] dxExpected = dx.clone();
        Pooling.averageBackward(g, batch, countIncludePad, dy, 1, dx, offset);
        ScalarPooling.averageBackward(g, batch, countIncludePad, dy, 1, dxExpected, offset);
        assertArrayEquals(dxExpected, dx, g.toString());
    }

    @Property(tries = 200)
    void globalAveragePoolingIsIdentical(@ForAll @IntRange(max = 4) int batch, @ForAll @IntRange(min = 1, max = 60) int pixels,
                                         @ForAll @IntRange(min = 1, max = 40) int channels,
                                         @ForAll @IntRange(max = 3) int offset, @ForAll Random random) {
        float[] x = input(random, offset, batch * pixels * channels);
        float[] y = nan(offset + batch * channels + 3);
        float[] yExpected = y.clone();
        Pooling.globalAverageForward(batch, pixels, channels, x, offset, y, offset);
        ScalarPooling.globalAverageForward(batch, pixels, channels, x, offset, yExpected, offset);
        assertArrayEquals(yExpected, y);

        float[] dy = ConvCase.values(random, 2, batch * channels);
        float[] dx = nan(offset + batch * pixels * channels + 3);
        float[] dxExpected = dx.clone();
        Pooling.globalAverageBackward(batch, pixels, channels, dy, 2, dx, offset);
        ScalarPooling.globalAverageBackward(batch, pixels, channels, dy, 2, dxExpected, offset);
        assertArrayEquals(dxExpected, dx);
    }

    /** Uniform values, or small integers with ±0 (ties); sometimes with NaN and -∞. */
    static float[] input(Random random, int offset, int n) {
        float[] x = ConvCase.values(random, offset, n);
        boolean ties = random.nextBoolean();
        boolean specials = random.nextInt(4) == 0;
        for (int i = offset; i < offset + n; i++) {
            if (ties) {
                x[i] = random.nextInt(7) - 3;
                if (x[i] == 0 && random.nextBoolean()) {
                    x[i] = -0f;
                }
            }
            if (specials && random.nextInt(25) == 0) {
                x[i] = random.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY;
            }
        }
        return x;
    }

    private static float[] nan(int n) {
        float[] a = new float[n];
        Arrays.fill(a, Float.NaN);
        return a;
    }
}
