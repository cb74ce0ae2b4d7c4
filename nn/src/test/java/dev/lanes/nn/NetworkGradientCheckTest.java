package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.kernels.Activation;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whole networks of mixed layer types through a {@link Workspace} (the tensors between layers, the fused BP2
 * where the workspace offers it, BP1 in the loss, inference and training modes) against central differences of
 * the chain of the layers' double references ({@link ReferenceLayers}) and the loss in double. The bound is
 * {@link LayerGradientCheck}'s, with n counting everything the network touches for the batch.
 */
class NetworkGradientCheckTest {

    private static final double H = 1e-4;

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("conv-pool-dense", Network.builder().input(Shape.image(2, 8, 8))
                        .layers("conv:3:3:relu,maxpool:2,conv:4:3:tanh:pad=same,avgpool:2,dense:5:gelu,dense:3:softmax")
                        .seed(1).build(), Mode.TRAINING),
                Arguments.of("overlapping max pools after gelu and sigmoid", Network.builder().input(Shape.image(2, 9, 9))
                        .layers("conv:3:3:gelu,maxpool:3:stride=2,conv:2:2:sigmoid,maxpool:2:stride=1,dense:3:softmax")
                        .seed(5).build(), Mode.TRAINING),
                Arguments.of("batchnorm-dropout", Network.builder().input(Shape.image(3, 5, 5))
                        .layers("conv:4:3:identity,batchnorm,dropout:0.25,globalavgpool,dense:3:sigmoid")
                        .loss(Loss.BINARY_CROSS_ENTROPY).seed(2).build(), Mode.TRAINING),
                Arguments.of("batchnorm inference", Network.builder().input(6)
                        .layers("dense:5:silu,batchnorm,dense:4:identity").loss(Loss.MSE).seed(3).build(),
                        Mode.INFERENCE),
                Arguments.of("flatten-dense mse", Network.builder().input(Shape.image(1, 4, 4))
                        .layers("conv:2:2:softplus:stride=2,flatten,dense:6:leaky_relu(0.1),dense:4:tanh")
                        .loss(Loss.MSE).seed(4).build(), Mode.TRAINING),
                Arguments.of("rnn-lstm-gru-dense", Network.builder().input(Shape.sequence(4, 3))
                        .layers("rnn:4:seq=all,lstm:3:seq=all:bptt=3,gru:4,dense:3:softmax").seed(5).build(),
                        Mode.TRAINING),
                Arguments.of("lstm-dense mse", Network.builder().input(Shape.sequence(3, 2))
                        .layers("lstm:4:seq=all,dense:2:tanh").loss(Loss.MSE).seed(6).build(), Mode.INFERENCE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void gradientsOfTheWholeNetworkMatchFiniteDifferences(String name, Network net, Mode mode) {
        int batch = 3;
        Random random = new Random(name.hashCode());
        for (Parameter p : net.parameters()) {
            float[] v = p.values();
            for (int e = 0; e < v.length; e++) {
                v[e] = p.role() == Parameter.Role.RUNNING_VARIANCE ? 0.5f + random.nextFloat()
                        : v[e] + (float) (0.1 * random.nextGaussian());
            }
        }
        float[] x = new float[batch * net.inputSize()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat() * 2 - 1;
        }
        int classes = net.outputShape().features();
        int[] labels = new int[batch];
        float[] values = new float[batch * classes];
        for (int i = 0; i < batch; i++) {
            labels[i] = random.nextInt(classes);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        Targets targets = net.loss() == Loss.CROSS_ENTROPY ? Targets.labels(labels, 0) : Targets.values(values, 0);

        List<Parameter> parameters = net.parameters();
        double[][] params = new double[parameters.size()][];
        for (int i = 0; i < params.length; i++) {
            params[i] = ReferenceNetwork.toDouble(parameters.get(i).values());
        }
        Workspace ws = net.newWorkspace(batch);
        ws.forward(x, batch, mode);
        ws.lossAndDelta(targets);
        float[] inputGradient = ws.backwardToInput(true).clone();

        // The chain of references, built after the forward pass (a dropout reference needs its step), each
        // detached at its input (a truncated recurrent layer freezes the states entering its windows).
        List<Layer> layers = net.layers();
        ReferenceLayer[] chain = new ReferenceLayer[layers.size()];
        int[] first = new int[layers.size() + 1];
        double[] xd = ReferenceNetwork.toDouble(x);
        double[] below = xd;
        for (int l = 0; l < layers.size(); l++) {
            first[l + 1] = first[l] + layers.get(l).parameters().size();
            double[][] own = java.util.Arrays.copyOfRange(params, first[l], first[l + 1]);
            chain[l] = ReferenceLayers.of(layers.get(l), stateOf(ws, l)).detachedAt(below, batch, own, mode);
            below = chain[l].forward(below, batch, own, mode);
        }
        Objective c = () -> {
            double[] a = xd;
            for (int l = 0; l < chain.length; l++) {
                double[][] own = java.util.Arrays.copyOfRange(params, first[l], first[l + 1]);
                a = chain[l].forward(a, batch, own, mode);
            }
            return LossGradientCheckTest.reference(net.loss(), net.outputActivation(), a, batch, classes,
                    targets.isLabels() ? labels : null, targets.isLabels() ? null : values);
        };
        long terms = 2;
        for (Layer layer : layers) {
            terms += (long) batch * (layer.inputShape().size() + layer.outputShape().size());
        }
        for (Parameter p : parameters) {
            terms += p.size();
        }
        double gamma = ReferenceNetwork.KERNEL_ERROR * ReferenceNetwork.gamma((int) terms);
        int[] counts = new int[2];
        compare(name + " ∂C/∂x", xd, inputGradient, c, gamma, counts);
        for (int i = 0; i < params.length; i++) {
            if (parameters.get(i).trainable()) {
                compare(name + " ∂C/∂" + parameters.get(i).name(), params[i], parameters.get(i).gradient(), c, gamma,
                        counts);
            }
        }
        assertTrue(counts[0] > 0 && counts[1] <= counts[0] / 10, name + ": " + counts[1]
                + " differences straddled a kink, of " + counts[0]);
    }

    /** The loss of the reference chain at the current values of its arrays. */
    private interface Objective {
        double value();
    }

    private static void compare(String what, double[] values, float[] gradient, Objective c, double gamma,
                                int[] counts) {
        double[] fd = new double[values.length];
        double[] fdError = new double[values.length];
        double max = 0;
        for (int e = 0; e < values.length; e++) {
            double h = H * Math.max(1, Math.abs(values[e]));
            fd[e] = difference(values, e, h, c);
            fdError[e] = Math.abs(fd[e] - difference(values, e, 2 * h, c)) + 1e-13 / h;
            max = Math.max(max, Math.abs(fd[e]));
        }
        for (int e = 0; e < values.length; e++) {
            double bound = gamma * (Math.abs(fd[e]) + max);
            if (fdError[e] > Math.max(bound, 1e-7 * max)) {
                counts[1]++;
                continue;
            }
            counts[0]++;
            assertTrue(Math.abs(gradient[e] - fd[e]) <= bound + fdError[e], String.format("%s element %d: backprop"
                    + " %s, finite difference %s, bound %.3g + %.3g", what, e, gradient[e], fd[e], bound, fdError[e]));
        }
        assertTrue(max == 0 || gamma * 2 * max < 1e-2 * max, what + ": bound too loose");
    }

    private static double difference(double[] values, int e, double h, Objective c) {
        double saved = values[e];
        values[e] = saved + h;
        double up = c.value();
        values[e] = saved - h;
        double down = c.value();
        values[e] = saved;
        return (up - down) / (2 * h);
    }

    private static LayerState stateOf(Workspace ws, int l) {
        return ws.state(l);
    }
}
