package dev.lanes.nn.diagnostics;

/**
 * One layer at one recorded training step: its activations on the step's batch and the norms of its
 * parameters' gradients (of the mean batch loss, after any clipping, as the optimizer used them).
 *
 * @param epoch              1-based epoch
 * @param batch              1-based batch within the epoch
 * @param batches            batches per epoch
 * @param step               1-based step over the whole run
 * @param layer              1-based layer, input side first
 * @param activation         the layer's activation, e.g. {@code relu}
 * @param units              the layer's outputs
 * @param activations        statistics of the layer's outputs on the batch
 * @param weightGradientNorm ‖∂C/∂W‖₂ of the layer's weights (NaN for a layer without weights)
 * @param biasGradientNorm   ‖∂C/∂b‖₂ of the layer's bias (NaN for a layer without bias)
 */
public record LayerDiagnostics(int epoch, int batch, int batches, long step, int layer, String activation, int units,
                               ActivationStatistics activations, double weightGradientNorm,
                               double biasGradientNorm) {

    /**
     * Training progress at the end of this step in epochs: {@code epoch − 1 + batch / batches}.
     *
     * @return the progress in epochs, e.g. 1.5 half-way through the second epoch
     */
    public double epochs() {
        return epoch - 1 + (double) batch / batches;
    }
}
