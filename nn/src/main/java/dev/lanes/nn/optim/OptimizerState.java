package dev.lanes.nn.optim;

import dev.lanes.nn.Parameter;
import java.util.List;

/** One zero-initialised buffer per parameter, created on the first step and checked on every later one. */
final class OptimizerState {

    private List<Parameter> owner;
    private float[][] buffers;

    float[][] buffers(List<Parameter> parameters) {
        if (buffers == null) {
            owner = List.copyOf(parameters);
            buffers = new float[parameters.size()][];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = new float[parameters.get(i).size()];
            }
        } else if (!sameParameters(parameters)) {
            throw new IllegalStateException("this optimizer keeps state for " + owner
                    + "; use a new optimizer for other parameters");
        }
        return buffers;
    }

    private boolean sameParameters(List<Parameter> parameters) {
        if (parameters.size() != owner.size()) {
            return false;
        }
        for (int i = 0; i < owner.size(); i++) {
            if (parameters.get(i) != owner.get(i)) {
                return false;
            }
        }
        return true;
    }
}
