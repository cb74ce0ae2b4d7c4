package dev.lanes.spark;

import dev.lanes.kernels.Optimizers;
import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * The driver's side of both training modes: one loop per mode over epochs and steps or rounds, one Spark job per
 * step or round.
 *
 * <p>The weights travel inside each job's task closure, which Spark broadcasts to the executors once per job
 * (the task binary). A separate {@code SparkContext.broadcast} of them costs every executor a second fetch per
 * step: 44.6 ms per step against 36.4 ms this way on the two-worker benchmark cluster (docs/spark.md).
 */
final class DistributedTraining {

    /**
     * What the driver needs besides the job.
     *
     * @param mode             {@code sync} or {@code averaging}
     * @param epochs           passes over the data
     * @param learningRate     the constant learning rate
     * @param averagingSteps   local steps between averages (averaging mode)
     * @param aggregationDepth depth of the summation tree
     * @param validation       whether some rows are held out for validation
     */
    record Settings(String mode, int epochs, float learningRate, int averagingSteps, int aggregationDepth,
                    boolean validation) {
    }

    private DistributedTraining() {
    }

    /** Trains {@code network} (the driver's copy, updated in place) on the cached shards. */
    static List<TrainingSummary.Epoch> run(JavaRDD<Shard> shards, Network network,
                                           TrainingJob job, Settings settings) {
        Optimizer optimizer = Optimizer.named(job.optimizer, job.weightDecay);
        List<Parameter> trainable = network.trainableParameters();
        float[][] gradients = new float[trainable.size()][];
        for (int i = 0; i < gradients.length; i++) {
            gradients[i] = trainable.get(i).gradient();
        }
        StepPlan plan = job.plan;
        int steps = plan.stepsPerEpoch();
        int n = job.parameterFloats;
        float rate = settings.learningRate();
        List<TrainingSummary.Epoch> epochs = new ArrayList<>();
        for (int e = 1; e <= settings.epochs(); e++) {
            final int epoch = e;
            long start = System.nanoTime();
            double lossSum = 0;
            double correct = 0;
            double examples = 0;
            if (settings.mode().equals(LanesClassifier.SYNC)) {
                for (int t = 0; t < steps; t++) {
                    final int step = t;
                    int batch = plan.batch(step);
                    if (batch == 0) {
                        continue;
                    }
                    float[] weights = ParameterVector.values(network);
                    float[] sum = OrderedTreeSum.sum(
                            ShardTask.map(shards, shard -> job.syncStep(shard, weights, epoch, step)),
                            settings.aggregationDepth());
                    checkFinite(sum[n] / batch, epoch, "step " + (step + 1) + " of " + steps, rate);
                    ParameterVector.setGradientsAndBuffers(network, sum);
                    if (job.clipNorm > 0) {
                        Optimizers.clipByGlobalNorm(job.clipNorm, gradients);
                    }
                    optimizer.step(trainable, rate);
                    lossSum += sum[n];
                    correct += sum[n + 1];
                    examples += sum[n + 2];
                }
            } else {
                int every = settings.averagingSteps();
                for (int first = 0; first < steps; first += every) {
                    final int from = first;
                    final int to = Math.min(steps, first + every);
                    if (plan.examples(from, to) == 0) {
                        continue;
                    }
                    float[] weights = ParameterVector.values(network);
                    float[] sum = OrderedTreeSum.sum(
                            ShardTask.map(shards, shard -> job.averagingRound(shard, weights, epoch, from, to, rate)),
                            settings.aggregationDepth());
                    checkFinite(sum[n] / sum[n + 2], epoch, "the round of steps " + (from + 1) + " to " + to + " of "
                            + steps, rate);
                    ParameterVector.setValues(network, sum);
                    lossSum += sum[n];
                    correct += sum[n + 1];
                    examples += sum[n + 2];
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double validationLoss = Double.NaN;
            double validationAccuracy = Double.NaN;
            double evaluationSeconds = 0;
            if (settings.validation()) {
                long evalStart = System.nanoTime();
                float[] weights = ParameterVector.values(network);
                float[] s = OrderedTreeSum.sum(ShardTask.map(shards, shard -> job.evaluate(shard, weights)),
                        settings.aggregationDepth());
                validationLoss = s[0] / s[2];
                validationAccuracy = s[1] / s[2];
                evaluationSeconds = (System.nanoTime() - evalStart) / 1e9;
            }
            epochs.add(new TrainingSummary.Epoch(epoch, lossSum / examples, correct / examples, validationLoss,
                    validationAccuracy, seconds, evaluationSeconds));
        }
        return epochs;
    }

    /** Spark jobs per epoch for training in this mode. */
    static int jobsPerEpoch(Settings settings, StepPlan plan) {
        int steps = plan.stepsPerEpoch();
        return settings.mode().equals(LanesClassifier.SYNC) ? steps
                : (steps + settings.averagingSteps() - 1) / settings.averagingSteps();
    }

    private static void checkFinite(float meanLoss, int epoch, String where, float rate) {
        if (!Float.isFinite(meanLoss)) {
            throw new IllegalStateException("training diverged in epoch " + epoch + ", " + where + ": the loss is "
                    + meanLoss + " (learning rate " + rate + "). Lower the learning rate or clip the gradient norm"
                    + " (setClipNorm).");
        }
    }
}
