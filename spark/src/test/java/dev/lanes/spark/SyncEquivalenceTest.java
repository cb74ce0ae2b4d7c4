package dev.lanes.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.Loss;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.Shape;
import dev.lanes.nn.Targets;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.optim.Optimizer;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Synchronous data-parallel training is single-machine training on the combined batch.
 *
 * <p>With one partition the two are the same computation, bit for bit, over whole epochs. With P partitions
 * the only difference is where the float sums over the batch are split: each partition sums its b_p examples'
 * gradient terms, scales by b_p / B, and the partials are added. Any order of summing n terms is within
 * γ(n−1) Σ|tᵢ| of the exact sum (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., §4.2), and each
 * term carries at most 3 more roundings here (δ's division by the batch, the product, the b_p / B scaling).
 * So after one SGD step at rate 1 the weights differ by at most
 * {@code 2 (γ(B−1) + 3u) S + 2u |w₁|} per element, where S = Σᵢ |gᵢ| / B over the per-example gradients gᵢ
 * and the last term is each side's rounding of w₀ − g.
 */
class SyncEquivalenceTest {

    private static final String LAYERS = "dense:16:tanh,dense:3:softmax";
    private static final double U = Math.ulp(1.0f) / 2;

    /** A convolutional network on 1x4x4 images: not a dense stack, to show any network trains the same way. */
    private static final String CONV_LAYERS = "conv:3:3:relu,maxpool:2,dense:3:softmax";
    private static final Shape CONV_INPUT = Shape.image(1, 4, 4);

    private static Network initialNetwork(int features, long seed) {
        return initialNetwork(LAYERS, Shape.flat(features), seed);
    }

    private static Network initialNetwork(String layers, Shape input, long seed) {
        return Network.builder().input(input).loss(Loss.CROSS_ENTROPY).seed(seed).layers(layers).build();
    }

    private static float[] features(Row r) {
        Vector v = r.getAs(0);
        float[] x = new float[v.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) v.apply(i);
        }
        return x;
    }

    /** Single-machine training on the plan's combined batches: the reference. */
    private static Network singleMachine(List<List<Row>> partitions, int batchSize, int epochs, String optimizer,
                                         float rate, long seed) {
        int features = ((Vector) partitions.get(0).get(0).getAs(0)).size();
        return singleMachine(initialNetwork(features, seed), partitions, batchSize, epochs, optimizer, rate, seed);
    }

    private static Network singleMachine(Network net, List<List<Row>> partitions, int batchSize, int epochs,
                                         String optimizer, float rate, long seed) {
        int features = net.inputSize();
        int[] sizes = partitions.stream().mapToInt(List::size).toArray();
        StepPlan plan = new StepPlan(sizes, batchSize, seed);
        Optimizer opt = Optimizer.named(optimizer, 0);
        int maxBatch = 0;
        for (int t = 0; t < plan.stepsPerEpoch(); t++) {
            maxBatch = Math.max(maxBatch, plan.batch(t));
        }
        Workspace ws = net.newWorkspace(maxBatch);
        float[] x = new float[maxBatch * features];
        int[] labels = new int[maxBatch];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            int[][] orders = new int[sizes.length][];
            for (int p = 0; p < sizes.length; p++) {
                orders[p] = plan.order(p, epoch);
            }
            for (int t = 0; t < plan.stepsPerEpoch(); t++) {
                int b = 0;
                for (int p = 0; p < sizes.length; p++) {
                    for (int i = 0; i < plan.count(p, t); i++) {
                        Row r = partitions.get(p).get(orders[p][plan.start(p, t) + i]);
                        System.arraycopy(features(r), 0, x, b * features, features);
                        labels[b++] = (int) r.getDouble(1);
                    }
                }
                ws.forward(x, b, Mode.TRAINING);
                ws.lossAndDelta(Targets.labels(labels, 0));
                ws.backward(true);
                opt.step(net.trainableParameters(), rate);
            }
        }
        return net;
    }

    @Test
    void onePartitionIsBitIdenticalToSingleMachineTrainingOverEpochs() {
        List<Row> rows = TestSpark.blobs(3, 30, 5, 21);
        LanesClassificationModel model = new LanesClassifier().setLayers(LAYERS).setMaxEpochs(3).setBatchSize(16)
                .setOptimizer("momentum").setLearningRate(0.1).setSeed(9).fit(TestSpark.frame(rows, 1));
        Network reference = singleMachine(List.of(rows), 16, 3, "momentum", 0.1f, 9);
        assertArrayEquals(ParameterVector.values(reference), ParameterVector.values(model.network()));
    }

    @Test
    void aConvolutionalNetworkOnOnePartitionIsBitIdenticalToSingleMachineTraining() {
        List<Row> rows = TestSpark.blobs(3, 12, CONV_INPUT.size(), 23);
        LanesClassificationModel model = new LanesClassifier().setLayers(CONV_LAYERS).setInputShape("1x4x4")
                .setMaxEpochs(2).setBatchSize(8).setOptimizer("adam").setLearningRate(0.01).setSeed(4)
                .fit(TestSpark.frame(rows, 1));
        Network reference = singleMachine(initialNetwork(CONV_LAYERS, CONV_INPUT, 4), List.of(rows), 8, 2, "adam",
                0.01f, 4);
        assertArrayEquals(ParameterVector.values(reference), ParameterVector.values(model.network()));
    }

    @Test
    void averagingOnOnePartitionWithStatelessSgdIsSingleMachineSgd() {
        // One partition's average is its own weights (times 1, exactly), and SGD keeps no state to restart.
        List<Row> rows = TestSpark.blobs(3, 30, 5, 22);
        LanesClassificationModel model = new LanesClassifier().setLayers(LAYERS).setMaxEpochs(2).setBatchSize(16)
                .setTrainingMode(LanesClassifier.AVERAGING).setAveragingSteps(2).setOptimizer("sgd")
                .setLearningRate(0.1).setSeed(9).fit(TestSpark.frame(rows, 1));
        Network reference = singleMachine(List.of(rows), 16, 2, "sgd", 0.1f, 9);
        assertArrayEquals(ParameterVector.values(reference), ParameterVector.values(model.network()));
    }

    @Test
    void twoAndThreePartitionsDifferOnlyByTheOrderOfTheBatchSums() {
        for (int partitions : new int[] {2, 3}) {
            List<Row> rows = TestSpark.blobs(3, 20, 5, 30 + partitions);
            int batch = rows.size();  // one step: the combined batch is the whole data
            LanesClassificationModel model = new LanesClassifier().setLayers(LAYERS).setMaxEpochs(1)
                    .setBatchSize(batch).setOptimizer("sgd").setLearningRate(1).setSeed(5)
                    .fit(TestSpark.frame(rows, partitions));
            List<List<Row>> slices = TestSpark.slices(rows, partitions);
            Network reference = singleMachine(slices, batch, 1, "sgd", 1f, 5);
            float[] spark = ParameterVector.values(model.network());
            float[] single = ParameterVector.values(reference);
            double[] s = absoluteTermSums(rows, batch);
            double gamma = (batch - 1) * U / (1 - (batch - 1) * U);
            double worst = 0;
            int differing = 0;
            for (int i = 0; i < spark.length; i++) {
                double bound = 2 * (gamma + 3 * U) * s[i] + 2 * U * Math.max(Math.abs(spark[i]), Math.abs(single[i]));
                double diff = Math.abs((double) spark[i] - single[i]);
                assertTrue(diff <= bound, partitions + " partitions, parameter float " + i + ": |" + spark[i] + " - "
                        + single[i] + "| = " + diff + " > bound " + bound);
                worst = Math.max(worst, bound == 0 ? 0 : diff / bound);
                differing += diff == 0 ? 0 : 1;
            }
            System.out.printf("sync vs single machine, %d partitions: %d of %d floats differ, worst diff/bound %.3f%n",
                    partitions, differing, spark.length, worst);
        }
    }

    /** S per parameter float: Σᵢ |gᵢ| / B over per-example gradients (each example alone, at the initial weights). */
    private static double[] absoluteTermSums(List<Row> rows, int batch) {
        int features = ((Vector) rows.get(0).getAs(0)).size();
        Network net = initialNetwork(features, 5);
        Workspace ws = net.newWorkspace(1);
        int[] label = new int[1];
        List<Parameter> all = net.parameters();
        double[] s = new double[ParameterVector.size(all)];
        for (Row r : rows) {
            ws.forward(features(r), 1, Mode.TRAINING);
            label[0] = (int) r.getDouble(1);
            ws.lossAndDelta(Targets.labels(label, 0));
            ws.backward(true);
            int at = 0;
            for (Parameter p : all) {
                float[] g = p.gradient();
                for (int i = 0; i < g.length; i++) {
                    s[at + i] += Math.abs(g[i]) / batch;
                }
                at += p.size();
            }
        }
        return s;
    }
}
