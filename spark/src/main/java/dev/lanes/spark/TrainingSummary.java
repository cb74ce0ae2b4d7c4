package dev.lanes.spark;

import java.io.Serializable;
import java.util.List;

/**
 * How a {@link LanesClassifier} fit went: per epoch the training loss and accuracy (over the examples as they
 * were trained on), the validation loss and accuracy after the epoch (NaN without a validation indicator
 * column), and the seconds the epoch's training steps and its evaluation took on the driver's clock.
 *
 * @param mode               {@code sync} or {@code averaging}
 * @param partitions         partitions the data was trained in
 * @param stepsPerEpoch      optimizer steps (sync) or local steps per partition (averaging) per epoch
 * @param jobsPerEpoch       Spark jobs per epoch for training (one per step, or one per averaging round)
 * @param preparationSeconds packing, caching and checking the data, before the first step
 * @param epochs             one entry per epoch
 */
public record TrainingSummary(String mode, int partitions, int stepsPerEpoch, int jobsPerEpoch,
                              double preparationSeconds, List<Epoch> epochs) implements Serializable {

    /**
     * One epoch.
     *
     * @param epoch              1-based
     * @param loss               mean training loss over the epoch's examples
     * @param accuracy           training accuracy over the epoch's examples
     * @param validationLoss     mean loss over the validation rows after the epoch, or NaN
     * @param validationAccuracy accuracy over the validation rows after the epoch, or NaN
     * @param seconds            the epoch's training steps
     * @param evaluationSeconds  the validation pass after it (0 without one)
     */
    public record Epoch(int epoch, double loss, double accuracy, double validationLoss, double validationAccuracy,
                        double seconds, double evaluationSeconds) implements Serializable {
    }

    /** A copy of the list, so the record stays immutable. */
    public TrainingSummary {
        epochs = List.copyOf(epochs);
    }

    /** {@return seconds of preparation plus every epoch's training steps (validation passes excluded)} */
    public double trainingSeconds() {
        double s = preparationSeconds;
        for (Epoch e : epochs) {
            s += e.seconds();
        }
        return s;
    }

    /** {@return the last epoch} */
    public Epoch last() {
        return epochs.get(epochs.size() - 1);
    }
}
