package dev.lanes.nn.train;

import dev.lanes.nn.Parameter;

/**
 * Training produced a NaN or infinite loss, or NaN or infinite parameters; the message names the epoch, batch
 * and learning rate (and the parameter).
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The epoch, from 1, whose step gave a NaN or infinite loss. */
    private final int epoch;
    /** The batch of that epoch, from 1, whose loss was NaN or infinite. */
    private final int batch;

    TrainingDivergedException(int epoch, int batch, int batches, float loss, float learningRate) {
        this(epoch, batch, batches, "the loss is " + loss, learningRate);
    }

    private TrainingDivergedException(int epoch, int batch, int batches, String what, float learningRate) {
        super("training diverged at epoch " + epoch + ", batch " + batch + " of " + batches + ": " + what
                + " (learning rate " + learningRate + "). Lower the learning rate, clip the gradient norm,"
                + " or check the inputs for NaN/Inf.");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The step of this batch left a NaN or infinite value in {@code parameter}. */
    static TrainingDivergedException parameter(int epoch, int batch, int batches, Parameter parameter,
                                               float learningRate) {
        return new TrainingDivergedException(epoch, batch, batches, "after its step, " + parameter.name() + " "
                + firstNonFinite(parameter), learningRate);
    }

    /** The loss of this batch, recomputed after its step, is NaN or infinite. */
    static TrainingDivergedException lossAfterStep(int epoch, int batch, int batches, float loss,
                                                   float learningRate) {
        return new TrainingDivergedException(epoch, batch, batches, "after its step, its loss is " + loss,
                learningRate);
    }

    /** "holds NaN at [3, 7]": the first non-finite value, as row and column. */
    private static String firstNonFinite(Parameter p) {
        float[] v = p.values();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return "holds " + v[i] + " at [" + i / p.cols() + ", " + i % p.cols() + "]";
            }
        }
        return "holds non-finite values";
    }

    /** {@return the 1-based epoch in which the loss stopped being finite} */
    public int epoch() {
        return epoch;
    }

    /** {@return the 1-based batch of that epoch} */
    public int batch() {
        return batch;
    }
}
