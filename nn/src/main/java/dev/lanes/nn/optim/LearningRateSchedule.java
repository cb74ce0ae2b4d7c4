package dev.lanes.nn.optim;

/** The learning rate of each epoch. */
@FunctionalInterface
public interface LearningRateSchedule {

    /** The rate for epoch {@code epoch} (0-based) of {@code epochs}. */
    float rate(int epoch, int epochs);

    /** The same rate every epoch. */
    static LearningRateSchedule constant(float rate) {
        OptimizerChecks.positive("learning rate", rate);
        return (epoch, epochs) -> rate;
    }

    /** Step decay: {@code rate · gamma^(epoch / everyEpochs)}. */
    static LearningRateSchedule step(float rate, int everyEpochs, float gamma) {
        OptimizerChecks.positive("learning rate", rate);
        OptimizerChecks.positive("gamma", gamma);
        if (everyEpochs < 1) {
            throw new IllegalArgumentException("step schedule: everyEpochs must be >= 1, was " + everyEpochs);
        }
        return (epoch, epochs) -> (float) (rate * Math.pow(gamma, epoch / everyEpochs));
    }

    /** Cosine annealing from {@code rate} at the first epoch towards {@code minRate} after the last. */
    static LearningRateSchedule cosine(float rate, float minRate) {
        OptimizerChecks.positive("learning rate", rate);
        OptimizerChecks.nonNegative("minimum learning rate", minRate);
        return (epoch, epochs) -> (float) (minRate + (rate - minRate) * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs)));
    }
}
