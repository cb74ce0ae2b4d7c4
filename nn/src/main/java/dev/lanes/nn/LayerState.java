package dev.lanes.nn;

/**
 * What one layer keeps between its forward and backward pass for one thread, sized once for a maximum batch
 * (a dense layer's pre-activations z when its f′ needs them, a max-pool's argmax, a dropout mask, an LSTM's
 * gates at every step). Created by {@link Layer#newState}, owned by a {@link Workspace}, never shared
 * between threads. Each layer defines its own state class; layers that keep nothing use {@link #NONE}.
 */
public interface LayerState {

    /** The state of a layer that keeps nothing. */
    LayerState NONE = new LayerState() {
        @Override
        public String toString() {
            return "LayerState.NONE";
        }
    };
}
