package dev.lanes.nn;

/**
 * One layer's working arrays for batches of up to {@link #maxBatch()} rows, batch-major (row i = example i):
 * its output activations {@code a = f(z)}, its pre-activations {@code z} when the layer keeps them, and its
 * delta {@code δ = ∂C/∂z}, written by the layer above (or by the loss) during backward. Allocated once per
 * workspace, never per step.
 */
public final class LayerBuffers {

    private final int maxBatch;
    private final float[] output;
    private final float[] preActivation;
    private final float[] delta;

    LayerBuffers(int maxBatch, int outputSize, boolean keepPreActivation) {
        int n = Math.multiplyExact(maxBatch, outputSize);
        this.maxBatch = maxBatch;
        this.output = new float[n];
        this.preActivation = keepPreActivation ? new float[n] : null;
        this.delta = new float[n];
    }

    /** The largest batch these buffers hold. */
    public int maxBatch() {
        return maxBatch;
    }

    /** The activations {@code a = f(z)}, batch x outputSize. */
    public float[] output() {
        return output;
    }

    /** The pre-activations {@code z}, batch x outputSize, or null if the layer does not keep them. */
    public float[] preActivation() {
        return preActivation;
    }

    /** The delta {@code δ = ∂C/∂z}, batch x outputSize. */
    public float[] delta() {
        return delta;
    }
}
