package dev.lanes.nn.train;

/**
 * The figures of one epoch. Validation and test fields are NaN when there was no such set.
 *
 * @param epoch              1-based epoch
 * @param trainLoss          mean training loss over the epoch's batches
 * @param trainAccuracy      fraction of training examples classified right during the epoch
 * @param validationLoss     mean loss on the validation split after the epoch
 * @param validationAccuracy accuracy on the validation split after the epoch
 * @param testAccuracy       accuracy on the test set after the epoch
 * @param seconds            wall time of the epoch's training steps (evaluation excluded)
 * @param learningRate       the epoch's learning rate
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double testAccuracy, double seconds, float learningRate) {
}
