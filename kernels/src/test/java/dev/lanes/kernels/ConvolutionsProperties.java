package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.U;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.ulp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.internal.ConvAlgorithm;
import dev.lanes.kernels.scalar.ScalarConvolutions;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * The convolution kernels against {@link ScalarConvolutions} over random geometries ({@link ConvCase#geometry}),
 * batches 0-4, offsets and each of the SIMD algorithms ({@link ConvAlgorithm}: implicit GEMM, column matrix, or
 * the default choice per shape), with output arrays pre-filled with NaN (they are output only) and scratch filled with
 * NaN (the kernels must not read what they did not write). Bounds (docs/numerics.md), with mag the double sum of
 * the absolute values of an element's terms ({@link ConvCase}):
 * <ul>
 *   <li>forward: each result is a float sum of K = patchSize products (the SIMD one a GEMM, within
 *       {@link FloatBounds#gemm}(K, mag) of the reference's), plus the bias (one rounding in each, 2u|v|),
 *       then the activation as in {@link FusedGemmProperties}: Lip(f) |Δv| + f's own error;</li>
 *   <li>input gradient: at most N·kh·kw products (N = outChannels), summed either as up to kh·kw window sums
 *       of N products each (column matrix, then scatter-add: N + kh·kw roundings on a term's way) or as one
 *       chain (the stride-1 transposed convolution): FloatBounds.gemm(N·kh·kw + 1, mag) covers both, since
 *       N + kh·kw &lt;= N·kh·kw + 1;</li>
 *   <li>weight gradient: M = batch·outPixels products, summed in chunks (one extra rounding per chunk of at
 *       least 48 rows): FloatBounds.gemm(M + M/48 + 1, mag); bias gradient 2 gamma(M + 1) Σ|dz| + ulp.</li>
 * </ul>
 * Elements outside the written range must be untouched.
 */
@Tag("simd")
class ConvolutionsProperties {

    @Property(tries = 200)
    void forwardMatchesReference(@ForAll @IntRange(max = 4) int batch, @ForAll("activations") Activation f,
                                 @ForAll boolean withBias, @ForAll @IntRange(max = 3) int offset,
                                 @ForAll("algorithms") String algorithm, @ForAll Random random) {
        Conv2dGeometry g = ConvCase.geometry(random, false);
        withAlgorithm(algorithm, () -> checkForward(g, batch, f, withBias, offset, random));
    }

    @Property(tries = 200)
    void backwardMatchesReference(@ForAll @IntRange(max = 4) int batch, @ForAll boolean withBias,
                                  @ForAll @IntRange(max = 3) int offset, @ForAll("algorithms") String algorithm,
                                  @ForAll Random random) {
        Conv2dGeometry g = ConvCase.geometry(random, false);
        withAlgorithm(algorithm, () -> checkBackward(g, batch, withBias, offset, random));
    }

    /** Runs {@code check} with the SIMD convolution forced to one algorithm ({@link ConvAlgorithm}). */
    static void withAlgorithm(String algorithm, Runnable check) {
        String previous = ConvAlgorithm.get();
        ConvAlgorithm.set(algorithm);
        try {
            check.run();
        } finally {
            ConvAlgorithm.set(previous);
        }
    }

    /**
     * Pointwise convolutions (x is its own column matrix) and strided ones, and the shapes of the benchmark CNN
     * (one and 16 input channels, 16 and 32 output channels: the narrow and the wide tile), with every algorithm.
     */
    @Example
    void pointwiseStridedAndNetworkShapes() {
        Random random = new Random(11);
        for (String algorithm : ALGORITHMS) {
            for (Conv2dGeometry g : new Conv2dGeometry[] {Conv2dGeometry.of(17, 5, 7, 9, 1, 1, 0),
                    Conv2dGeometry.of(17, 5, 7, 9, 1, 2, 0), Conv2dGeometry.of(3, 6, 6, 33, 1, 3, 1),
                    Conv2dGeometry.of(1, 28, 28, 16, 5, 1, 0), Conv2dGeometry.of(16, 12, 12, 32, 5, 1, 0),
                    Conv2dGeometry.of(16, 9, 9, 16, 3, 1, 1)}) {
                withAlgorithm(algorithm, () -> {
                    checkForward(g, 2, Activation.RELU, true, 1, random);
                    checkBackward(g, 2, true, 2, random);
                });
            }
        }
    }

    /**
     * A patch of 2500 floats (the column matrix is built in several chunks of 96 rows, the implicit kernels take
     * several KC slices) and more than 256 output pixels (the weight gradient sums several slices); then padded
     * 26x26x128 images, of which the implicit kernels pad three at a time (two groups for a batch of 4). With
     * every algorithm.
     */
    @Example
    void severalChunksSlicesAndImageGroups() {
        Conv2dGeometry large = Conv2dGeometry.of(100, 10, 10, 17, 5, 1, 0);
        Conv2dGeometry padded = Conv2dGeometry.of(128, 24, 24, 4, 3, 1, 1);
        Random random = new Random(12);
        for (String algorithm : ALGORITHMS) {
            withAlgorithm(algorithm, () -> {
                checkForward(large, 8, Activation.IDENTITY, true, 0, random);
                checkBackward(large, 8, true, 1, random);
                checkForward(padded, 4, Activation.RELU, true, 2, random);
                checkBackward(padded, 4, false, 0, random);
            });
        }
    }

    /**
     * Same inputs, one thread or two: the same bits, forward and backward (the problem is large enough to split),
     * with every algorithm.
     */
    @Example
    void sameBitsAtAnyThreadCount() {
        for (String algorithm : ALGORITHMS) {
            withAlgorithm(algorithm, ConvolutionsProperties::sameBitsAtOneAndTwoThreads);
        }
    }

    private static void sameBitsAtOneAndTwoThreads() {
        Conv2dGeometry g = Conv2dGeometry.builder(24, 13, 11).outChannels(40).kernel(3, 3).samePadding().build();
        int batch = 9;
        Random random = new Random(13);
        float[] x = ConvCase.values(random, 0, batch * g.inputSize());
        float[] w = ConvCase.values(random, 0, g.weightSize());
        float[] bias = ConvCase.values(random, 0, g.outChannels());
        float[] dz = ConvCase.values(random, 0, batch * g.outputSize());
        int previous = Kernels.threads();
        float[][] results = new float[2][];
        try {
            for (int t = 0; t < 2; t++) {
                Kernels.setThreads(t + 1);
                float[] scratch = new float[Math.max(1, Convolutions.scratchSize(g, batch))];
                float[] y = new float[batch * g.outputSize()];
                float[] dx = new float[batch * g.inputSize()];
                float[] dw = new float[g.weightSize()];
                float[] db = new float[g.outChannels()];
                Convolutions.forward(g, batch, x, 0, w, 0, bias, 0, Activation.TANH, y, 0, scratch, 0);
                Convolutions.backwardInput(g, batch, dz, 0, w, 0, dx, 0, scratch, 0);
                Convolutions.backwardWeights(g, batch, x, 0, dz, 0, dw, 0, db, 0, scratch, 0);
                results[t] = concat(y, dx, dw, db);
            }
        } finally {
            Kernels.setThreads(previous);
        }
        assertArrayEquals(results[0], results[1]);
    }

    private static float[] concat(float[]... arrays) {
        int n = 0;
        for (float[] a : arrays) {
            n += a.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] a : arrays) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    private static float[] scratch(Conv2dGeometry g, int batch, int offset) {
        float[] s = new float[offset + Convolutions.scratchSize(g, batch) + 2];
        Arrays.fill(s, Float.NaN);
        return s;
    }

    private static float[] output(int offset, int n) {
        float[] y = new float[offset + n + 3];
        Arrays.fill(y, Float.NaN);
        return y;
    }

    static void checkForward(Conv2dGeometry g, int batch, Activation f, boolean withBias, int offset, Random random) {
        float[] x = ConvCase.values(random, offset, batch * g.inputSize());
        float[] w = ConvCase.values(random, offset + 1, g.weightSize());
        float[] bias = withBias ? ConvCase.values(random, 2, g.outChannels()) : null;
        int yOffset = offset + 2;
        int outputs = batch * g.outputSize();
        float[] actual = output(yOffset, outputs);
        float[] expected = actual.clone();
        Convolutions.forward(g, batch, x, offset, w, offset + 1, bias, 2, f, actual, yOffset,
                scratch(g, batch, offset), offset);
        ScalarConvolutions.forward(g, batch, x, offset, w, offset + 1, bias, 2, f, expected, yOffset, null, 0);
        double[][] exact = ConvCase.forward(g, batch, x, offset, w, offset + 1, bias, 2);
        for (int i = 0; i < outputs; i++) {
            double dv = FloatBounds.gemm(g.patchSize(), exact[1][i]) + 2 * U * Math.abs(exact[0][i]);
            float e = expected[yOffset + i];
            double bound = switch (f.kind()) {
                case IDENTITY, RELU, LEAKY_RELU -> dv;
                case SIGMOID -> 0.25 * dv + (KernelBounds.E_SIGMOID + 0.5) * ulp(e);
                case TANH -> dv + (KernelBounds.E_TANH + 0.5) * ulp(e);
                default -> throw new AssertionError("not generated: " + f);
            };
            assertClose(f + " forward element " + i + " of " + batch + " x " + g, actual[yOffset + i], e, bound);
        }
        KernelBounds.assertUntouchedOutside("forward y", actual, expected, yOffset, outputs);
    }

    static void checkBackward(Conv2dGeometry g, int batch, boolean withBias, int offset, Random random) {
        float[] x = ConvCase.values(random, offset, batch * g.inputSize());
        float[] w = ConvCase.values(random, offset + 1, g.weightSize());
        float[] dz = ConvCase.values(random, offset + 2, batch * g.outputSize());
        float[] scratch = scratch(g, batch, offset);

        int inputs = batch * g.inputSize();
        float[] dx = output(1, inputs);
        float[] dxExpected = dx.clone();
        Convolutions.backwardInput(g, batch, dz, offset + 2, w, offset + 1, dx, 1, scratch, offset);
        ScalarConvolutions.backwardInput(g, batch, dz, offset + 2, w, offset + 1, dxExpected, 1, null, 0);
        double[] dxMagnitude = ConvCase.backwardInput(g, batch, dz, offset + 2, w, offset + 1)[1];
        int terms = g.outChannels() * g.kernelHeight() * g.kernelWidth() + 1;
        for (int i = 0; i < inputs; i++) {
            assertClose("dx element " + i + " of " + batch + " x " + g, dx[1 + i], dxExpected[1 + i],
                    FloatBounds.gemm(terms, dxMagnitude[i]));
        }
        KernelBounds.assertUntouchedOutside("dx", dx, dxExpected, 1, inputs);

        float[] dw = output(2, g.weightSize());
        float[] dwExpected = dw.clone();
        float[] db = withBias ? output(3, g.outChannels()) : null;
        float[] dbExpected = withBias ? db.clone() : null;
        Convolutions.backwardWeights(g, batch, x, offset, dz, offset + 2, dw, 2, db, 3, scratch, offset);
        ScalarConvolutions.backwardWeights(g, batch, x, offset, dz, offset + 2, dwExpected, 2, dbExpected, 3, null, 0);
        double[] dwMagnitude = ConvCase.backwardWeights(g, batch, x, offset, dz, offset + 2)[1];
        int m = batch * g.outPixels();
        for (int i = 0; i < g.weightSize(); i++) {
            assertClose("dw element " + i + " of " + batch + " x " + g, dw[2 + i], dwExpected[2 + i],
                    FloatBounds.gemm(m + m / 48 + 1, dwMagnitude[i]));
        }
        KernelBounds.assertUntouchedOutside("dw", dw, dwExpected, 2, g.weightSize());
        if (withBias) {
            for (int o = 0; o < g.outChannels(); o++) {
                double magnitude = 0;
                for (int r = 0; r < m; r++) {
                    magnitude += Math.abs(dz[offset + 2 + r * g.outChannels() + o]);
                }
                assertClose("dbias " + o + " of " + batch + " x " + g, db[3 + o], dbExpected[3 + o],
                        2 * KernelBounds.gamma(m + 1) * magnitude + ulp(dbExpected[3 + o]));
            }
            KernelBounds.assertUntouchedOutside("dbias", db, dbExpected, 3, g.outChannels());
        }
    }

    private static final String[] ALGORITHMS = {"auto", "implicit", "im2col"};

    @Provide
    Arbitrary<String> algorithms() {
        return Arbitraries.of(ALGORITHMS);
    }

    @Provide
    Arbitrary<Activation> activations() {
        return Arbitraries.of(Activation.IDENTITY, Activation.RELU, Activation.leakyRelu(0.1f), Activation.SIGMOID,
                Activation.TANH);
    }
}
