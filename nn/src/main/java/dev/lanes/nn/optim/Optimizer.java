package dev.lanes.nn.optim;

import dev.lanes.nn.Parameter;
import java.util.List;

/**
 * Updates parameters in place from their gradients. An optimizer keeps per-parameter state across steps, so
 * use one instance per network and always pass the same parameter list.
 */
public interface Optimizer {

    /**
     * One update of every parameter from its current gradient, with this step's learning rate.
     *
     * @param parameters the trainable parameters, updated in place from their gradients
     * @param learningRate this step's learning rate, {@code > 0}
     */
    void step(List<Parameter> parameters, float learningRate);

    /** {@return a short description for logs, e.g. {@code momentum(0.9, nesterov)}} */
    String describe();

    /**
     * {@return the learning rate this optimizer usually starts from, used when a trainer is given none: 0.001 for
     * Adam and AdamW (PyTorch's and Keras's default), 0.05 for SGD and momentum}
     */
    default float defaultLearningRate() {
        return 0.05f;
    }

    /**
     * Plain SGD without weight decay.
     *
     * @return the optimizer
     */
    static Optimizer sgd() {
        return sgd(0);
    }

    /**
     * SGD with momentum 0.9 (heavy ball, PyTorch semantics), without weight decay.
     *
     * @return the optimizer
     */
    static Optimizer momentum() {
        return momentum(0.9f, 0);
    }

    /**
     * Adam (β₁ 0.9, β₂ 0.999, ε 1e-8) without weight decay; its default learning rate is 0.001.
     *
     * @return the optimizer
     */
    static Optimizer adam() {
        return adam(0);
    }

    /**
     * Plain SGD: {@code w -= lr (g + weightDecay w)}.
     *
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @return the optimizer
     */
    static Optimizer sgd(float weightDecay) {
        return new Sgd(weightDecay);
    }

    /**
     * SGD with (heavy-ball) momentum {@code mu}, PyTorch semantics.
     *
     * @param mu the momentum μ, in [0, 1)
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @return the optimizer
     */
    static Optimizer momentum(float mu, float weightDecay) {
        return new Momentum(mu, weightDecay, false);
    }

    /**
     * SGD with Nesterov momentum {@code mu}, PyTorch semantics.
     *
     * @param mu the momentum μ, in [0, 1)
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @return the optimizer
     */
    static Optimizer nesterov(float mu, float weightDecay) {
        return new Momentum(mu, weightDecay, true);
    }

    /**
     * Adam with L2 weight decay added to the gradient (β₁ 0.9, β₂ 0.999, ε 1e-8).
     *
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @return the optimizer
     */
    static Optimizer adam(float weightDecay) {
        return new Adam(0.9f, 0.999f, 1e-8f, weightDecay, false);
    }

    /**
     * AdamW: Adam with decoupled weight decay (β₁ 0.9, β₂ 0.999, ε 1e-8).
     *
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @return the optimizer
     */
    static Optimizer adamW(float weightDecay) {
        return new Adam(0.9f, 0.999f, 1e-8f, weightDecay, true);
    }

    /**
     * The optimizer named {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam} or {@code adamw}, with
     * momentum 0.9 where it applies.
     *
     * @param name {@code sgd}, {@code momentum}, {@code nesterov}, {@code adam} or {@code adamw}
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @return the optimizer
     */
    static Optimizer named(String name, float weightDecay) {
        return switch (name) {
            case "sgd" -> sgd(weightDecay);
            case "momentum" -> momentum(0.9f, weightDecay);
            case "nesterov" -> nesterov(0.9f, weightDecay);
            case "adam" -> adam(weightDecay);
            case "adamw" -> adamW(weightDecay);
            default -> throw new IllegalArgumentException("unknown optimizer '" + name
                    + "': expected one of sgd, momentum, nesterov, adam, adamw");
        };
    }
}
