package dev.lanes.nn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Optimizers;
import dev.lanes.nn.Allocation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.optim.Optimizer;
import java.util.List;
import java.util.Random;

/**
 * No training step and no inference call allocates, once the JIT has compiled them: measured with the
 * thread's allocation counter over a few hundred steps. The JIT needs a while (Vector API code allocates
 * boxes until C2 compiles it), so rounds of steps repeat until one round allocates nothing beyond the
 * bound or the rounds run out.
 *
 * <p>The bound: a round may see a few objects that are not the steps' own (an OSR transition, a class
 * initialised late), each under 100 bytes; a step that allocates anything allocates it every step, so even
 * 16 bytes a step would be {@code 16 * STEPS} = 3.2 KB a round, far above {@code BOUND}.
 *
 * <p>The tests that use it are tagged {@code allocation}; the build runs each in a JVM of its own (nn/pom.xml),
 * so the JIT compiles the kernels for one network as it would in a service running it. How the kernels fare
 * after a mix of shapes and activations is the JIT check's to show (bench/jit-check.sh).
 */
final class NoAllocation {

    private NoAllocation() {
    }


    private static final int STEPS = 200;
    private static final long BOUND = 512;
    private static final int ROUNDS = 200;


    private static Dataset data(int features, int classes, int size) {
        Random r = new Random(5);
        float[] x = new float[size * features];
        int[] y = new int[size];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        for (int i = 0; i < size; i++) {
            y[i] = r.nextInt(classes);
        }
        return Dataset.of("random", 1, features, x, y, classes);
    }

    /** Rounds of {@link #STEPS} calls of {@code step} until one allocates at most {@link #BOUND} bytes. */
    private static long steadyAllocation(Runnable step) {
        long least = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS && least > BOUND; round++) {
            long before = Allocation.current();
            for (int i = 0; i < STEPS; i++) {
                step.run();
            }
            least = Math.min(least, Allocation.current() - before);
        }
        return least;
    }

    /** Training steps of a 48-32-16-6 network with hidden activation {@code hidden}. */
    static void trainingStepsDoNotAllocate(Activation hidden, Activation output, Loss loss, Optimizer optimizer) {
        trainingStepsDoNotAllocate(Network.builder().input(48).dense(32, hidden).dense(16, hidden).dense(6, output)
                .loss(loss).seed(3).build(), optimizer);
    }

    /** Training steps of {@code net} (6 classes or fewer) on random inputs. */
    static void trainingStepsDoNotAllocate(Network net, Optimizer optimizer) {
        Dataset data = data(net.inputSize(), net.outputSize(), 64);
        BatchPass pass = new BatchPass(net, 16);
        List<Parameter> parameters = net.trainableParameters();
        float[][] gradients = new float[parameters.size()][];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = parameters.get(i).gradient();
        }
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i;
        }
        int[] next = {0};
        long bytes = steadyAllocation(() -> {
            int from = next[0];
            next[0] = (from + 16) % data.size();
            pass.run(data, order, from, 16, Mode.TRAINING);
            pass.workspace.backward(true);
            Optimizers.clipByGlobalNorm(5f, gradients);
            optimizer.step(parameters, 0.01f);
        });
        assertTrue(bytes <= BOUND, net.describe() + ": " + STEPS + " training steps allocated " + bytes
                + " bytes in the least allocating of " + ROUNDS + " rounds");
    }

    /**
     * Training steps of a stacked recurrent network (every cell, every-step and last-step outputs, truncation)
     * with a dense head, and its batch-1 and batch-16 inference.
     */
    static void recurrentStepsDoNotAllocate() {
        Network net = Network.builder().input(dev.lanes.nn.Shape.sequence(6, 8))
                .layers("rnn:12:seq=all,gru:10:seq=all:bptt=4,lstm:16,dense:6").loss(Loss.CROSS_ENTROPY).seed(3)
                .build();
        Dataset data = data(48, 6, 64);
        BatchPass pass = new BatchPass(net, 16);
        List<Parameter> parameters = net.trainableParameters();
        float[][] gradients = new float[parameters.size()][];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = parameters.get(i).gradient();
        }
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = order.length - 1 - i;
        }
        Optimizer optimizer = Optimizer.adam(0);
        int[] next = {0};
        long bytes = steadyAllocation(() -> {
            int from = next[0];
            next[0] = (from + 16) % data.size();
            pass.run(data, order, from, 16, Mode.TRAINING);
            pass.workspace.backward(true);
            Optimizers.clipByGlobalNorm(5f, gradients);
            optimizer.step(parameters, 0.01f);
        });
        assertTrue(bytes <= BOUND, net.describe() + ": " + STEPS + " training steps allocated " + bytes
                + " bytes in the least allocating of " + ROUNDS + " rounds");
        Workspace one = net.newWorkspace(1);
        Workspace many = net.newWorkspace(16);
        float[] x = new float[16 * 48];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f;
        }
        bytes = steadyAllocation(() -> {
            one.forward(x, 0, 1, Mode.INFERENCE);
            one.outputs();
            many.forward(x, 0, 16, Mode.INFERENCE);
            many.outputs();
        });
        assertTrue(bytes <= BOUND, STEPS + " batch-1 and batch-16 recurrent inferences allocated " + bytes + " bytes");
    }

    /** Batch-1 and batch-32 inference of a 48-32-6 network. */
    static void inferenceDoesNotAllocate() {
        Network net = Network.builder().input(48).dense(32, Activation.RELU).dense(6, Activation.SOFTMAX).seed(4)
                .build();
        Workspace one = net.newWorkspace(1);
        Workspace many = net.newWorkspace(32);
        float[] x = new float[32 * 48];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i % 7) / 7f;
        }
        long bytes = steadyAllocation(() -> {
            one.forward(x, 0, 1, Mode.INFERENCE);
            one.outputs();
            many.forward(x, 0, 32, Mode.INFERENCE);
            many.outputs();
        });
        assertTrue(bytes <= BOUND, STEPS + " batch-1 and batch-32 inferences allocated " + bytes + " bytes");
    }
}
