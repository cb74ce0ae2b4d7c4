package dev.lanes.nn;

import dev.lanes.kernels.Activation;

/**
 * The cost C a network is trained to minimise: per example summed over the outputs, averaged over the batch.
 * Each loss says which output activation it pairs with, because the pair decides the output delta δᴸ (BP1).
 */
public enum Loss {

    /**
     * Quadratic cost {@code ½‖a − y‖²}, with any output activation: δᴸ = (a − y) ⊙ σ′(zᴸ).
     */
    MSE("mse", null),

    /**
     * Cross-entropy {@code −log aᵧ} over a softmax output, computed from the logits: δᴸ = a − y.
     */
    CROSS_ENTROPY("cross_entropy", Activation.Kind.SOFTMAX),

    /**
     * Binary cross-entropy per output over a sigmoid output (multi-label), from the logits: δᴸ = a − y.
     */
    BINARY_CROSS_ENTROPY("binary_cross_entropy", Activation.Kind.SIGMOID);

    private final String id;
    private final Activation.Kind requiredOutput;

    Loss(String id, Activation.Kind requiredOutput) {
        this.id = id;
        this.requiredOutput = requiredOutput;
    }

    /** The name used on the command line and in model files. */
    public String id() {
        return id;
    }

    /** The output activation this loss requires, or null if any will do. */
    public Activation.Kind requiredOutput() {
        return requiredOutput;
    }

    /** Whether the loss is computed from the output layer's logits zᴸ rather than its activations aᴸ. */
    public boolean fromLogits() {
        return requiredOutput != null;
    }

    /** The loss with this {@link #id()}; the message lists the valid names. */
    public static Loss parse(String id) {
        for (Loss loss : values()) {
            if (loss.id.equals(id)) {
                return loss;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + id + "': expected one of mse, cross_entropy,"
                + " binary_cross_entropy");
    }
}
