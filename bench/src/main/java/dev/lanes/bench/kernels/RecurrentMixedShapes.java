package dev.lanes.bench.kernels;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.Recurrent;
import java.util.Arrays;
import java.util.Random;

/**
 * Not a benchmark: calls every {@link Recurrent} kernel over mixed shapes (hidden 1 to 129, batch 1 to 200, row
 * strides wider than a row, at 2 threads so that large steps take the row-split path), for checking what the
 * JIT makes of the kernels, as in docs/recurrent.md:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+PrintCompilation [-XX:MaxVectorSize=32] \
 *      -cp bench/target/benchmarks.jar dev.lanes.bench.kernels.RecurrentMixedShapes [calls] [threads]
 * </pre>
 *
 * Every method of {@code SimdRecurrent} with vector code must reach tier 4, and none may be "COMPILE SKIPPED".
 */
public final class RecurrentMixedShapes {

    private RecurrentMixedShapes() {
    }

    /** Arguments: calls of each kernel (default 30000), threads (default 2). */
    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        Kernels.setThreads(args.length > 1 ? Integer.parseInt(args[1]) : 2);
        int[] hiddens = {1, 7, 16, 33, 100, 128, 129};
        int[] batches = {1, 3, 16, 64, 128, 200};
        Random random = new Random(1);
        float[] source = new float[200 * 130 * 4 + 64];
        for (int i = 0; i < source.length; i++) {
            source[i] = random.nextFloat() * 4 - 2;
        }
        float[][] a = new float[7][];
        double sink = 0;
        long start = System.nanoTime();
        for (int call = 0; call < calls; call++) {
            if (call % 64 == 0) {
                // Fresh values now and then, so that repeated updates cannot drift into the subnormals.
                for (int k = 0; k < a.length; k++) {
                    a[k] = Arrays.copyOf(source, source.length);
                }
            }
            int h = hiddens[call % hiddens.length];
            int b = batches[(call / hiddens.length) % batches.length];
            Activation f = (call & 1) == 0 ? Activation.TANH : Activation.RELU;
            Recurrent.rnnForward(f, b, h, a[0], 1, h + 3, a[1], 0, h);
            Recurrent.rnnBackward(f, b, h, a[1], 0, h, a[2], 2, h, a[3], 0, h);
            Recurrent.lstmForward(b, h, a[0], 0, 4 * h, a[2], 0, h, a[3], 0, 4 * h, a[4], 0, h, a[5], 0, h);
            Recurrent.lstmBackward(b, h, a[3], 0, 4 * h, a[2], 0, h, a[4], 0, h, a[5], 0, h, a[6], 0, h,
                    a[1], 0, 4 * h, a[0], 1, h);
            Recurrent.gruForward(b, h, a[0], 0, 3 * h, a[1], 0, 3 * h, a[2], 0, h, a[3], 0, 4 * h, a[4], 0, h);
            Recurrent.gruBackward(b, h, a[3], 0, 4 * h, a[2], 0, h, a[4], 0, h, a[5], 0, 3 * h, a[6], 0, 3 * h,
                    a[1], 0, h);
            sink += a[4][5];
        }
        System.out.printf("%d calls of each kernel in %.0f ms (checksum %s)%n", calls,
                (System.nanoTime() - start) / 1e6, sink);
    }
}
