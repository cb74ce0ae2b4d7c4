package dev.lanes.nn.optim;

import dev.lanes.kernels.Optimizers;
import dev.lanes.nn.Parameter;
import java.util.List;

/**
 * Adam with bias correction; with decoupled weight decay it is AdamW ({@code w -= lr·λ·w} separately from the
 * adaptive step), otherwise the decay is added to the gradient as L2.
 */
public final class Adam implements Optimizer {

    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float weightDecay;
    private final boolean decoupled;
    private final OptimizerState firstMoment = new OptimizerState();
    private final OptimizerState secondMoment = new OptimizerState();
    private int step;

    /**
     * Adam's moment decay rates, ε, weight decay and whether the decay is decoupled (AdamW).
     *
     * @param beta1 decay of the first-moment estimate, in [0, 1)
     * @param beta2 decay of the second-moment estimate, in [0, 1)
     * @param epsilon added to the root of the second moment, {@code > 0}
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @param decoupled AdamW: decay the weights directly instead of adding the decay to the gradient
     */
    public Adam(float beta1, float beta2, float epsilon, float weightDecay, boolean decoupled) {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1), were " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, was " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.weightDecay = OptimizerChecks.nonNegative("weight decay", weightDecay);
        this.decoupled = decoupled;
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        float[][] m = firstMoment.buffers(parameters);
        float[][] v = secondMoment.buffers(parameters);
        step++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Optimizers.adam(p.size(), learningRate, beta1, beta2, epsilon, weightDecay, decoupled, step,
                    p.values(), 0, p.gradient(), 0, m[i], 0, v[i], 0);
        }
    }

    @Override
    public float defaultLearningRate() {
        return 0.001f;
    }

    @Override
    public String describe() {
        return (decoupled ? "adamw" : "adam") + "(β1 " + beta1 + ", β2 " + beta2
                + (weightDecay == 0 ? "" : ", weight decay " + weightDecay) + ")";
    }
}
