package dev.lanes.nn.train;

/** Observes training; every method is optional. Called on the training thread. */
public interface TrainingListener {

    /** Before the first batch of {@code epoch} (1-based), which has {@code batches} batches. */
    default void onEpochStart(int epoch, int batches) {
    }

    /** After the optimizer step of each batch. The event's workspace still holds that batch's activations. */
    default void onBatchEnd(BatchEvent event) {
    }

    /** After each epoch's evaluation. */
    default void onEpochEnd(EpochStats stats) {
    }
}
