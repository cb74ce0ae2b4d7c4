package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.Activation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One network, many threads predicting at once, batch 1 and larger batches mixed: every call returns exactly
 * what the same call returned on one thread (no shared scratch, no torn reads).
 */
class ConcurrentInferenceTest {

    private record Call(int from, int batch) {
    }

    @Test
    void manyThreadsPredictAtOnce() throws Exception {
        Network net = Network.builder().input(64).dense(48, Activation.RELU).dense(32, Activation.GELU)
                .dense(10, Activation.SOFTMAX).seed(5).build();
        Random random = new Random(11);
        int examples = 300;
        float[] x = new float[examples * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        List<Call> calls = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int c = 0; c < 60; c++) {
            int batch = c % 3 == 0 ? 1 : 1 + random.nextInt(40);
            Call call = new Call(random.nextInt(examples - batch + 1), batch);
            calls.add(call);
            expected.add(run(net, x, call));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < calls.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(t));
                futures.add(pool.submit(() -> {
                    for (int round = 0; round < 3; round++) {
                        for (int i : order) {
                            assertArrayEquals(expected.get(i), run(net, x, calls.get(i)), calls.get(i).toString());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static float[] run(Network net, float[] x, Call call) {
        float[] in = Arrays.copyOfRange(x, call.from * 64, (call.from + call.batch) * 64);
        return call.batch == 1 ? net.predict(in) : net.predict(in, call.batch);
    }
}
