package dev.lanes.nn.train;

import java.util.Arrays;
import java.util.List;

/**
 * What a training run did: one {@link EpochStats} per epoch run, and whether early stopping ended it (in which
 * case the network holds the weights of {@link #bestEpoch()}).
 *
 * @param epochs passes over the training set, {@code >= 1}
 * @param stoppedEarly whether early stopping ended training before the last epoch
 * @param bestEpoch the epoch (from 1) whose weights the network holds: the best validation loss, or the last epoch
 */
public record TrainingHistory(List<EpochStats> epochs, boolean stoppedEarly, int bestEpoch) {

    /** Compact canonical constructor: keeps an immutable copy. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** {@return the last epoch's figures} */
    public EpochStats last() {
        return epochs.get(epochs.size() - 1);
    }

    /** {@return the median of the epochs' training times, in seconds} */
    public double medianEpochSeconds() {
        double[] s = epochs.stream().mapToDouble(EpochStats::seconds).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        int mid = s.length / 2;
        return s.length % 2 == 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
    }

    @Override
    public String toString() {
        return "TrainingHistory" + Arrays.toString(epochs.toArray()) + (stoppedEarly ? ", stopped early" : "");
    }
}
