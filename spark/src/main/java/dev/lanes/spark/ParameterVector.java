package dev.lanes.spark;

import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import java.util.List;

/**
 * A network's parameters as one flat float array, in {@link Network#parameters()} order: what the driver
 * broadcasts and what partitions send back. Works for any layer types, buffers (running statistics) included.
 */
final class ParameterVector {

    private ParameterVector() {
    }

    /** Floats in all parameters, buffers included. */
    static int size(List<Parameter> parameters) {
        long n = 0;
        for (Parameter p : parameters) {
            n += p.size();
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the network has " + n + " parameters: more than one array holds");
        }
        return (int) n;
    }

    /** All parameter values, a fresh array. */
    static float[] values(Network network) {
        List<Parameter> all = network.parameters();
        float[] out = new float[size(all)];
        int at = 0;
        for (Parameter p : all) {
            System.arraycopy(p.values(), 0, out, at, p.size());
            at += p.size();
        }
        return out;
    }

    /** Sets all parameter values from {@code values}. */
    static void setValues(Network network, float[] values) {
        int at = 0;
        for (Parameter p : network.parameters()) {
            System.arraycopy(values, at, p.values(), 0, p.size());
            at += p.size();
        }
    }

    /**
     * Writes {@code scale ×} each trainable parameter's gradient, then {@code scale ×} each buffer's value, into
     * {@code out} from index 0; returns the index after them. The product is rounded once (double product,
     * float result), and {@code scale = 1} copies exactly.
     */
    static int scaledGradientsAndBuffers(Network network, double scale, float[] out) {
        int at = 0;
        for (Parameter p : network.parameters()) {
            at = scaled(p.trainable() ? p.gradient() : p.values(), p.size(), scale, out, at);
        }
        return at;
    }

    /** Writes {@code scale ×} every parameter's value (buffers included) into {@code out}; the index after them. */
    static int scaledValues(Network network, double scale, float[] out) {
        int at = 0;
        for (Parameter p : network.parameters()) {
            at = scaled(p.values(), p.size(), scale, out, at);
        }
        return at;
    }

    /**
     * The reverse of {@link #scaledGradientsAndBuffers} after summing: trainable parameters' gradients and
     * buffers' values from {@code sums}.
     */
    static void setGradientsAndBuffers(Network network, float[] sums) {
        int at = 0;
        for (Parameter p : network.parameters()) {
            System.arraycopy(sums, at, p.trainable() ? p.gradient() : p.values(), 0, p.size());
            at += p.size();
        }
    }

    private static int scaled(float[] from, int n, double scale, float[] out, int at) {
        if (scale == 1) {
            System.arraycopy(from, 0, out, at, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[at + i] = (float) (from[i] * scale);
            }
        }
        return at + n;
    }
}
