package dev.lanes.nn.train;

import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.Dataset;

/** How well a classifier does on a data set: loss, accuracy, per-class accuracy, confusion matrix. */
public final class Evaluation {

    private static final int BATCH = 1000;

    private final long[][] confusion;
    private final double loss;
    private final long examples;

    private Evaluation(long[][] confusion, double loss, long examples) {
        this.confusion = confusion;
        this.loss = loss;
        this.examples = examples;
    }

    /**
     * Runs {@code network} over all of {@code data} in batches, in inference mode.
     *
     * @param network the network to evaluate (not changed)
     * @param data the examples and their labels
     * @return the figures
     */
    public static Evaluation of(Network network, Dataset data) {
        BatchPass.checkFits(network, data);
        int classes = network.outputSize();
        BatchPass pass = new BatchPass(network, Math.min(BATCH, Math.max(1, data.size())));
        long[][] confusion = new long[classes][classes];
        double lossSum = 0;
        for (int from = 0; from < data.size(); from += pass.labels.length) {
            int count = Math.min(pass.labels.length, data.size() - from);
            lossSum += (double) pass.run(data, null, from, count, Mode.INFERENCE) * count;
            for (int i = 0; i < count; i++) {
                confusion[pass.labels[i]][pass.predicted[i]]++;
            }
        }
        return new Evaluation(confusion, data.size() == 0 ? Double.NaN : lossSum / data.size(), data.size());
    }

    /** {@return examples evaluated} */
    public long examples() {
        return examples;
    }

    /**
     * Mean loss per example.
     *
     * @return the mean loss per example
     */
    public double loss() {
        return loss;
    }

    /** {@return fraction of examples whose highest output is their label} */
    public double accuracy() {
        long right = 0;
        for (int c = 0; c < confusion.length; c++) {
            right += confusion[c][c];
        }
        return examples == 0 ? Double.NaN : (double) right / examples;
    }

    /** {@return per true class, the fraction classified right (NaN for a class with no examples)} */
    public double[] perClassAccuracy() {
        double[] acc = new double[confusion.length];
        for (int c = 0; c < confusion.length; c++) {
            long total = 0;
            for (long v : confusion[c]) {
                total += v;
            }
            acc[c] = total == 0 ? Double.NaN : (double) confusion[c][c] / total;
        }
        return acc;
    }

    /**
     * {@code [true class][predicted class]} counts; a copy.
     *
     * @return the counts, {@code classes x classes}
     */
    public long[][] confusionMatrix() {
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }
}
