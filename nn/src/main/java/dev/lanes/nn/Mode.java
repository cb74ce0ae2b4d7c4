package dev.lanes.nn;

/**
 * Whether a forward pass is part of training. Layers that behave differently in training (dropout masks,
 * batch statistics of batch normalization) read it; the others ignore it.
 */
public enum Mode {
    /** A training step: dropout drops, batch normalization uses and updates batch statistics. */
    TRAINING,
    /** Inference (prediction, evaluation, saliency maps): deterministic, nothing updated. */
    INFERENCE
}
