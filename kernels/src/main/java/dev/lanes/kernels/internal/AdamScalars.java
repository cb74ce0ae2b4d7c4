package dev.lanes.kernels.internal;

/**
 * The per-call scalars of an Adam step, computed once in double and rounded to float, shared by the scalar
 * and the SIMD kernels so that both apply the same float constants.
 *
 * @param l2                     weight decay added to the gradient (0 for AdamW)
 * @param decay                  factor applied to w before the step (1 - lr wd for AdamW, else 1)
 * @param oneMinusBeta1          1 - beta1
 * @param oneMinusBeta2          1 - beta2
 * @param stepSize               lr / (1 - beta1^t)
 * @param inverseSqrtCorrection2 1 / sqrt(1 - beta2^t)
 */
public record AdamScalars(float l2, float decay, float oneMinusBeta1, float oneMinusBeta2, float stepSize,
                          float inverseSqrtCorrection2) {

    /** The scalars of step {@code step} (from 1) with these hyperparameters. */
    public AdamScalars(float learningRate, float beta1, float beta2, float weightDecay,
                       boolean decoupledWeightDecay, int step) {
        this(decoupledWeightDecay ? 0f : weightDecay,
                decoupledWeightDecay ? (float) (1 - (double) learningRate * weightDecay) : 1f,
                (float) (1 - (double) beta1), (float) (1 - (double) beta2),
                (float) (learningRate / (1 - Math.pow(beta1, step))),
                (float) (1 / Math.sqrt(1 - Math.pow(beta2, step))));
    }
}
