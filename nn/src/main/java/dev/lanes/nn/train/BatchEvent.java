package dev.lanes.nn.train;

import dev.lanes.nn.Workspace;

/**
 * One finished training step.
 *
 * @param epoch        1-based epoch
 * @param batch        1-based batch within the epoch
 * @param batches      batches in the epoch
 * @param examples     examples in this batch
 * @param loss         mean loss of this batch (before the step)
 * @param learningRate the step's learning rate
 * @param workspace    the activations, deltas and (through its network) gradients of this batch
 */
public record BatchEvent(int epoch, int batch, int batches, int examples, float loss, float learningRate,
                         Workspace workspace) {
}
