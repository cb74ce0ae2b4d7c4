package dev.lanes.nn;

import dev.lanes.kernels.Activation;
import java.util.random.RandomGenerator;

/**
 * Where a layer being built gets its parameters: freshly initialized when a network is built, read from the
 * file when a model is loaded (which checks the declared size against the file before anything is allocated).
 * A layer asks for each of its parameters in a fixed order, the order in which they are saved.
 */
@FunctionalInterface
public interface ParameterSource {

    /**
     * A parameter for the layer being built.
     *
     * @param name      its name, e.g. {@code dense1.weights}
     * @param role      what it is for; the running statistics are not trainable, every other role is
     * @param following the activation applied to what this parameter computes (an initializer's gain: He for
     *                  the ReLU family, Xavier otherwise), or {@link Activation#IDENTITY}
     * @param dims      its dimensions, outputs first and inputs last for weights
     * @return the parameter, with its initial or loaded values
     * @throws IllegalArgumentException if the dimensions are invalid, or (loading) differ from the file's
     */
    Parameter create(String name, Parameter.Role role, Activation following, int... dims);

    /**
     * As {@link #create(String, Parameter.Role, Activation, int...)}, for a parameter that has its own way to
     * start (a recurrent layer's orthogonal recurrent weight, an LSTM's forget-gate bias of 1): a source that
     * initializes calls {@code init} instead of the network's initializer, with the same random stream, so
     * the result is still determined by the seed. A source that loads (or initializes its own way) ignores
     * it; that is what this default does.
     *
     * @param name      the parameter's name within its layer
     * @param role      what the parameter is for
     * @param following the activation after the weights (for the network's initializer)
     * @param init      how the parameter starts when it is initialized, not loaded
     * @param dims      the parameter's shape
     * @return the parameter
     */
    default Parameter create(String name, Parameter.Role role, Activation following, Init init, int... dims) {
        return create(name, role, following, dims);
    }

    /** How one parameter starts, e.g. {@code Initializer.ORTHOGONAL::initialize}. */
    @FunctionalInterface
    interface Init {

        /**
         * Fills {@code p}'s values, drawing from {@code random}.
         *
         * @param p      the parameter to fill
         * @param random the source of the draws
         */
        void initialize(Parameter p, RandomGenerator random);
    }
}
