package dev.lanes.nn.optim;

/** The learning rate of each epoch. */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * {@return the rate for epoch {@code epoch} (0-based) of {@code epochs}}
     *
     * @param epoch the epoch, from 0
     * @param epochs passes over the training set, {@code >= 1}
     */
    float rate(int epoch, int epochs);

    /**
     * {@return the same rate every epoch}
     *
     * @param rate the learning rate, finite and {@code > 0}
     */
    static LearningRateSchedule constant(float rate) {
        OptimizerChecks.positive("learning rate", rate);
        return (epoch, epochs) -> rate;
    }

    /**
     * {@return step decay: {@code rate · gamma^(epoch / everyEpochs)}}
     *
     * @param rate the learning rate of the first epoch, finite and {@code > 0}
     * @param everyEpochs epochs between two decays, {@code >= 1}
     * @param gamma the factor of each decay, {@code > 0}
     */
    static LearningRateSchedule step(float rate, int everyEpochs, float gamma) {
        OptimizerChecks.positive("learning rate", rate);
        OptimizerChecks.positive("gamma", gamma);
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("step schedule: everyEpochs must be >= 1, was " + everyEpochs);
        }
        return (epoch, epochs) -> (float) (rate * Math.pow(gamma, epoch / everyEpochs));
    }

    /**
     * {@return cosine annealing from {@code rate} at the first epoch towards {@code minRate} after the last}
     *
     * @param rate the learning rate of the first epoch, finite and {@code > 0}
     * @param minRate the rate approached after the last epoch, {@code >= 0}
     */
    static LearningRateSchedule cosine(float rate, float minRate) {
        OptimizerChecks.positive("learning rate", rate);
        OptimizerChecks.nonNegative("minimum learning rate", minRate);
        return (epoch, epochs) -> (float) (minRate + (rate - minRate) * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs)));
    }
}
