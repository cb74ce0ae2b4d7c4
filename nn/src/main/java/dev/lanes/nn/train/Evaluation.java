package dev.lanes.nn.train;

import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.Dataset;

/**
 * How well a network does on a data set. For a classifier: loss, accuracy, per-class accuracy, confusion
 * matrix. For a regression (a data set with real targets, e.g. the adding problem): loss, the mean squared
 * error, and as accuracy the fraction of examples whose every output is within the data set's tolerance of its
 * target (0.04 for the adding problem: its usual success criterion).
 */
public final class Evaluation {

    private static final int BATCH = 1000;

    private final long[][] confusion;
    private final double loss;
    private final long examples;
    private final long right;
    private final double squaredError;
    private final long outputs;
    private final boolean regression;

    private Evaluation(long[][] confusion, double loss, long examples, long right, double squaredError,
                       long outputs, boolean regression) {
        this.confusion = confusion;
        this.loss = loss;
        this.examples = examples;
        this.right = right;
        this.squaredError = squaredError;
        this.outputs = outputs;
        this.regression = regression;
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
        boolean regression = data.isRegression();
        int classes = regression ? 0 : network.outputSize();
        BatchPass pass = new BatchPass(network, Math.min(BATCH, Math.max(1, data.size())), data);
        long[][] confusion = new long[classes][classes];
        double lossSum = 0;
        long right = 0;
        double squaredError = 0;
        for (int from = 0; from < data.size(); from += pass.maxBatch) {
            int count = Math.min(pass.maxBatch, data.size() - from);
            lossSum += (double) pass.run(data, null, from, count, Mode.INFERENCE) * count;
            right += pass.right;
            squaredError += pass.squaredError;
            for (int i = 0; i < count && !regression; i++) {
                confusion[pass.labels[i]][pass.predicted[i]]++;
            }
        }
        return new Evaluation(confusion, data.size() == 0 ? Double.NaN : lossSum / data.size(), data.size(), right,
                regression ? squaredError : Double.NaN, regression ? (long) data.size() * data.targetSize() : 0, regression);
    }

    /** {@return examples evaluated} */
    public long examples() {
        return examples;
    }

    /** {@return whether this is the evaluation of a regression (real targets)} */
    public boolean isRegression() {
        return regression;
    }

    /**
     * Mean loss per example.
     *
     * @return the mean loss per example
     */
    public double loss() {
        return loss;
    }

    /**
     * The fraction of examples right: for a classifier those whose highest output is their label, for a
     * regression those whose every output is within the data set's tolerance of its target.
     *
     * @return the fraction right, NaN when there are no examples
     */
    public double accuracy() {
        return examples == 0 ? Double.NaN : (double) right / examples;
    }

    /**
     * The mean squared error of a regression, {@code mean((output − target)²)} over every example and output
     * (with the MSE loss {@code ½‖a − y‖²} per example it is {@code 2 loss / outputs}); NaN for a classifier.
     *
     * @return the mean squared error
     */
    public double meanSquaredError() {
        return regression && outputs > 0 ? squaredError / outputs : Double.NaN;
    }

    /**
     * {@return per true class, the fraction classified right (NaN for a class with no examples); empty for a
     * regression}
     */
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
     * {@code [true class][predicted class]} counts; a copy; empty for a regression.
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
