package dev.lanes.nn.train;

/** Training produced a NaN or infinite loss; the message names the epoch, batch and learning rate. */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    TrainingDivergedException(int epoch, int batch, int batches, float loss, float learningRate) {
        super("training diverged at epoch " + epoch + ", batch " + batch + " of " + batches + ": the loss is "
                + loss + " (learning rate " + learningRate + "). Lower the learning rate, clip the gradient norm,"
                + " or check the inputs for NaN/Inf.");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The 1-based epoch in which the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }

    /** The 1-based batch of that epoch. */
    public int batch() {
        return batch;
    }
}
