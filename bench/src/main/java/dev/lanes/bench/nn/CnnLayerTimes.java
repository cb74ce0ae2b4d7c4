package dev.lanes.bench.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Kernels;
import dev.lanes.nn.Layer;
import dev.lanes.nn.LayerSpec;
import dev.lanes.nn.LayerState;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Shape;
import dev.lanes.nn.Targets;
import dev.lanes.nn.Tensor;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Where a CNN training step spends its time, layer by layer, in the training loop itself (the kernels' JMH
 * benchmarks run each pass alone, with its operands in cache): the benchmark CNN (or {@code --layers}) on random
 * 28x28 images, batch 128, momentum, 469 steps per "epoch" as Fashion-MNIST has; each layer is wrapped in a timer.
 * Prints per epoch the seconds and the microseconds per step of each layer's forward and backward, the loss and
 * the optimizer step; the first epoch includes the JIT's warm-up.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar dev.lanes.bench.nn.CnnLayerTimes
 *     THREADS EPOCHS [LAYERS]</pre>
 */
public final class CnnLayerTimes {

    private static final String ISSUE_NETWORK = "conv:16:5:relu,maxpool:2,conv:32:5:relu,maxpool:2,dense:10";
    private static final int BATCH = 128;
    private static final int STEPS = 469;

    private CnnLayerTimes() {
    }

    /** A layer that adds the nanoseconds of its delegate's forward and backward calls. */
    private static final class Timed implements Layer {
        private final Layer layer;
        private long forward;
        private long backward;

        Timed(Layer layer) {
            this.layer = layer;
        }

        @Override
        public String name() {
            return layer.name();
        }

        @Override
        public Shape inputShape() {
            return layer.inputShape();
        }

        @Override
        public Shape outputShape() {
            return layer.outputShape();
        }

        @Override
        public List<Parameter> parameters() {
            return layer.parameters();
        }

        @Override
        public LayerSpec spec() {
            return layer.spec();
        }

        @Override
        public Activation activation() {
            return layer.activation();
        }

        @Override
        public float[] derivativeInput(LayerState state, Tensor output) {
            return layer.derivativeInput(state, output);
        }

        @Override
        public boolean fusesInputDerivative() {
            return layer.fusesInputDerivative();
        }

        @Override
        public LayerState newState(int maxBatch) {
            return layer.newState(maxBatch);
        }

        @Override
        public void forward(Tensor input, Tensor output, int batch, LayerState state, Mode mode) {
            long start = System.nanoTime();
            layer.forward(input, output, batch, state, mode);
            forward += System.nanoTime() - start;
        }

        @Override
        public void backward(Tensor input, Tensor output, int batch, LayerState state, boolean inputGradient,
                             boolean parameterGradients) {
            long start = System.nanoTime();
            layer.backward(input, output, batch, state, inputGradient, parameterGradients);
            backward += System.nanoTime() - start;
        }
    }

    /**
     * Runs the measurement.
     *
     * @param args threads, epochs and optionally a {@code --layers} list for 1x28x28 inputs
     */
    public static void main(String[] args) {
        int threads = Integer.parseInt(args[0]);
        int epochs = Integer.parseInt(args[1]);
        Kernels.setThreads(threads);
        Network built = Network.builder().input(Shape.image(1, 28, 28))
                .layers(args.length > 2 ? args[2] : ISSUE_NETWORK).seed(1).build();
        List<Timed> timed = new ArrayList<>();
        for (Layer l : built.layers()) {
            timed.add(new Timed(l));
        }
        Network net = new Network(built.inputShape(), new ArrayList<>(timed), built.outputActivation(), built.loss());
        Random random = new Random(1);
        float[][] images = new float[16][BATCH * net.inputSize()];
        Targets[] targets = new Targets[images.length];
        for (int b = 0; b < images.length; b++) {
            for (int i = 0; i < images[b].length; i++) {
                images[b][i] = random.nextFloat();
            }
            int[] labels = new int[BATCH];
            for (int i = 0; i < BATCH; i++) {
                labels[i] = random.nextInt(net.outputSize());
            }
            targets[b] = Targets.labels(labels, 0);
        }
        Workspace workspace = net.newWorkspace(BATCH);
        Optimizer momentum = Optimizer.named("momentum", 0f);
        List<Parameter> parameters = net.trainableParameters();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (Timed t : timed) {
                t.forward = 0;
                t.backward = 0;
            }
            long loss = 0;
            long step = 0;
            long start = System.nanoTime();
            for (int s = 0; s < STEPS; s++) {
                workspace.forward(images[s % images.length], BATCH, Mode.TRAINING);
                long t0 = System.nanoTime();
                workspace.lossAndDelta(targets[s % images.length]);
                loss += System.nanoTime() - t0;
                workspace.backward(true);
                long t1 = System.nanoTime();
                momentum.step(parameters, 0.01f);
                step += System.nanoTime() - t1;
            }
            StringBuilder line = new StringBuilder(String.format("epoch %d: %.3f s; µs per step:",
                    epoch, (System.nanoTime() - start) / 1e9));
            for (Timed t : timed) {
                line.append(String.format(" %s %.0f/%.0f", t.name(), t.forward / 1e3 / STEPS,
                        t.backward / 1e3 / STEPS));
            }
            line.append(String.format(" loss %.0f step %.0f", loss / 1e3 / STEPS, step / 1e3 / STEPS));
            System.out.println(line);
        }
    }
}
