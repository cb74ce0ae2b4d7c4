package dev.lanes.nn.optim;

import dev.lanes.kernels.Optimizers;
import dev.lanes.nn.Parameter;
import java.util.List;

/** Stochastic gradient descent with optional L2 weight decay: {@code w -= lr (g + λ w)}. */
public final class Sgd implements Optimizer {

    private final float weightDecay;

    /**
     * SGD with L2 weight decay {@code weightDecay} (0 for none).
     *
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     */
    public Sgd(float weightDecay) {
        this.weightDecay = OptimizerChecks.nonNegative("weight decay", weightDecay);
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        for (int i = 0; i < parameters.size(); i++) {  // indexed: an iterator would allocate every step
            Parameter p = parameters.get(i);
            Optimizers.sgd(p.size(), learningRate, weightDecay, p.values(), 0, p.gradient(), 0);
        }
    }

    @Override
    public String describe() {
        return weightDecay == 0 ? "sgd" : "sgd(weight decay " + weightDecay + ")";
    }
}
