package dev.lanes.nn.train;

/** Observes training; every method is optional. Called on the training thread. */
public interface TrainingListener {

    /**
     * Before the first batch of {@code epoch} (1-based), which has {@code batches} batches.
     *
     * @param epoch the epoch, from 1
     * @param batches the steps this epoch will take
     */
    default void onEpochStart(int epoch, int batches) {
    }

    /**
     * After the optimizer step of each batch. The event's workspace still holds that batch's activations.
     *
     * @param event the step that just ended, with the workspace it ran in
     */
    default void onBatchEnd(BatchEvent event) {
    }

    /**
     * After each epoch's evaluation.
     *
     * @param stats the finished epoch's figures
     */
    default void onEpochEnd(EpochStats stats) {
    }
}
