package dev.lanes.bench.kernels;

import dev.lanes.kernels.Conv2dGeometry;
import java.util.Random;

/**
 * The convolution layers the benchmarks measure: those of the benchmark CNN on 28x28 Fashion-MNIST images
 * (conv 1→16 5x5, max-pool 2, conv 16→32 5x5, max-pool 2) and a typical 3x3 layer (64→64 at 32x32, "same").
 */
final class ConvLayers {

    private ConvLayers() {
    }

    /** The geometry called {@code name}: conv1, conv2, conv3x3, pool1 or pool2. */
    static Conv2dGeometry geometry(String name) {
        return switch (name) {
            case "conv1" -> Conv2dGeometry.of(1, 28, 28, 16, 5, 1, 0);
            case "conv2" -> Conv2dGeometry.of(16, 12, 12, 32, 5, 1, 0);
            case "conv3x3" -> Conv2dGeometry.of(64, 32, 32, 64, 3, 1, 1);
            case "pool1" -> Conv2dGeometry.pooling(16, 24, 24, 2, 2, 0);
            case "pool2" -> Conv2dGeometry.pooling(32, 8, 8, 2, 2, 0);
            default -> throw new IllegalArgumentException("unknown layer " + name);
        };
    }

    /** Multiply-adds of one pass (forward, input or weight gradient) times 2: 2 M N K. */
    static double flops(Conv2dGeometry g, int batch) {
        return 2.0 * batch * g.outPixels() * g.outChannels() * g.patchSize();
    }

    static float[] random(Random random, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextFloat() * 2 - 1;
        }
        return a;
    }
}
