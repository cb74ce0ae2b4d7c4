package dev.lanes.nn.optim;

import dev.lanes.kernels.Optimizers;
import dev.lanes.nn.Parameter;
import java.util.List;

/**
 * SGD with momentum, PyTorch semantics: {@code g' = g + λw; v = μv + g'; w -= lr·v}, or with Nesterov
 * {@code w -= lr·(g' + μv)}.
 */
public final class Momentum implements Optimizer {

    private final float mu;
    private final float weightDecay;
    private final boolean nesterov;
    private final OptimizerState velocity = new OptimizerState();

    /**
     * Momentum {@code mu} in [0, 1), L2 weight decay, and whether to use Nesterov's look-ahead form.
     *
     * @param mu the momentum μ, in [0, 1)
     * @param weightDecay the L2 weight decay λ, finite and {@code >= 0} (0: none)
     * @param nesterov Nesterov momentum instead of heavy-ball
     */
    public Momentum(float mu, float weightDecay, boolean nesterov) {
        if (!(mu >= 0 && mu < 1)) {
            throw new IllegalArgumentException("momentum must be in [0, 1), was " + mu);
        }
        this.mu = mu;
        this.weightDecay = OptimizerChecks.nonNegative("weight decay", weightDecay);
        this.nesterov = nesterov;
    }

    @Override
    public void step(List<Parameter> parameters, float learningRate) {
        float[][] v = velocity.buffers(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Optimizers.momentum(p.size(), learningRate, mu, weightDecay, nesterov, p.values(), 0, p.gradient(), 0,
                    v[i], 0);
        }
    }

    @Override
    public String describe() {
        return (nesterov ? "nesterov(" : "momentum(") + mu
                + (weightDecay == 0 ? "" : ", weight decay " + weightDecay) + ")";
    }
}
