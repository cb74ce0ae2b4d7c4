package dev.lanes.spark;

import dev.lanes.kernels.Optimizers;
import dev.lanes.nn.optim.Optimizer;
import java.io.Serializable;
import org.apache.spark.broadcast.Broadcast;

/**
 * What every task of one training run needs, sent with each task (a few hundred bytes: the network itself
 * travels once, as a broadcast model file), and the work a task does on its partition's {@link Shard}.
 *
 * <p>Tasks are pure functions of the broadcast weights, the shard and the step: they start by overwriting
 * their replica's weights, keep no state that the next task reads, and hand their result to Spark, which
 * keeps exactly one result per partition. So a failed or speculative attempt cannot count twice, and a lost
 * executor costs only the recomputation of its shards.
 */
final class TrainingJob implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Trailing floats of every partition result: the loss summed over its examples, correct predictions, examples. */
    static final int STATISTICS = 3;

    final String runId;
    final Broadcast<byte[]> modelFile;
    final StepPlan plan;
    final String optimizer;
    final float weightDecay;
    final float clipNorm;
    /** Floats of the flat parameter vector (see {@link ParameterVector}). */
    final int parameterFloats;

    TrainingJob(String runId, Broadcast<byte[]> modelFile, StepPlan plan, String optimizer, float weightDecay,
                float clipNorm, int parameterFloats) {
        this.runId = runId;
        this.modelFile = modelFile;
        this.plan = plan;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
        this.parameterFloats = parameterFloats;
    }

    /**
     * Synchronous data-parallel step: this partition's part of step {@code step}'s combined batch through the
     * network at {@code weights}. Returns its gradient contribution {@code (b_p / B) × mean gradient over its
     * b_p examples} (so the contributions of all partitions sum to the mean gradient over the B examples of the
     * combined batch), its buffers weighted the same way, then the statistics.
     */
    float[] syncStep(Shard shard, float[] weights, int epoch, int step) {
        float[] out = new float[parameterFloats + STATISTICS];
        int count = plan.count(shard.partition, step);
        if (count > 0) {
            Replica replica = Replica.borrow(this);
            ParameterVector.setValues(replica.network, weights);
            int[] order = replica.order(plan, shard.partition, epoch);
            shard.copyBatch(order, plan.start(shard.partition, step), count, replica.x, replica.labels);
            float loss = replica.trainingPass(count);
            ParameterVector.scaledGradientsAndBuffers(replica.network, (double) count / plan.batch(step), out);
            statistics(out, loss, replica.correct(count), count);
            FaultInjection.maybeFail(shard.partition, epoch, step);
            Replica.release(this, replica);
        } else {
            FaultInjection.maybeFail(shard.partition, epoch, step);
        }
        return out;
    }

    /**
     * Parameter averaging round: local steps {@code [firstStep, endStep)} of this partition's share of each step,
     * from {@code weights}, with an optimizer that lives for this round only. Returns the partition's parameters
     * weighted by its share of the round's examples (so the results of all partitions sum to the weighted
     * average), then the statistics.
     */
    float[] averagingRound(Shard shard, float[] weights, int epoch, int firstStep, int endStep, float rate) {
        float[] out = new float[parameterFloats + STATISTICS];
        int p = shard.partition;
        long roundExamples = plan.examples(firstStep, endStep);
        int examples = plan.start(p, endStep) - plan.start(p, firstStep);
        if (examples > 0) {
            Replica replica = Replica.borrow(this);
            ParameterVector.setValues(replica.network, weights);
            Optimizer local = Optimizer.named(optimizer, weightDecay);
            int[] order = replica.order(plan, p, epoch);
            double lossSum = 0;
            int correct = 0;
            for (int step = firstStep; step < endStep; step++) {
                int count = plan.count(p, step);
                if (count == 0) {
                    continue;
                }
                shard.copyBatch(order, plan.start(p, step), count, replica.x, replica.labels);
                float loss = replica.trainingPass(count);
                lossSum += (double) loss * count;
                correct += replica.correct(count);
                if (clipNorm > 0) {
                    Optimizers.clipByGlobalNorm(clipNorm, replica.gradients);
                }
                local.step(replica.trainable, rate);
            }
            ParameterVector.scaledValues(replica.network, (double) examples / roundExamples, out);
            out[parameterFloats] = (float) lossSum;
            out[parameterFloats + 1] = correct;
            out[parameterFloats + 2] = examples;
            FaultInjection.maybeFail(p, epoch, firstStep);
            Replica.release(this, replica);
        } else {
            FaultInjection.maybeFail(p, epoch, firstStep);
        }
        return out;
    }

    /** Loss sum, correct predictions and count over the shard's validation examples at {@code weights}. */
    float[] evaluate(Shard shard, float[] weights) {
        if (shard.validationSize == 0) {
            return new float[STATISTICS];
        }
        Replica replica = Replica.borrow(this);
        ParameterVector.setValues(replica.network, weights);
        double[] s = replica.evaluate(shard);
        Replica.release(this, replica);
        return new float[] {(float) s[0], (float) s[1], (float) s[2]};
    }

    private void statistics(float[] out, float meanLoss, int correct, int count) {
        out[parameterFloats] = meanLoss * count;
        out[parameterFloats + 1] = correct;
        out[parameterFloats + 2] = count;
    }
}
