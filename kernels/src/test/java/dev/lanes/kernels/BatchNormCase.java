package dev.lanes.kernels;

import java.util.Random;

/** A random batch-normalization problem: x (rows x cols at offset with row stride ld), γ, β and running statistics. */
record BatchNormCase(float[] x, float[] gamma, float[] beta, float[] runningMean, float[] runningVar) {

    /** γ at offset 1, β at 2, running mean at 0, running variance at 1; x centred at 0, 5 or 1000. */
    static BatchNormCase random(Random random, int rows, int cols, int offset, int ld) {
        float[] x = ConvCase.values(random, offset, rows * ld);
        float centre = switch (random.nextInt(3)) {
            case 0 -> 0f;
            case 1 -> 5f;
            default -> 1000f;
        };
        float spread = centre == 1000f ? 0.01f : 1 + random.nextInt(3);
        for (int i = offset; i < offset + rows * ld; i++) {
            x[i] = centre + spread * x[i];
        }
        float[] gamma = ConvCase.values(random, 1, cols);
        float[] beta = ConvCase.values(random, 2, cols);
        float[] runningMean = ConvCase.values(random, 0, cols);
        float[] runningVar = Inputs.padded(Inputs.uniform(random, cols, 0.5f, 2f), 1, 2, random);
        return new BatchNormCase(x, gamma, beta, runningMean, runningVar);
    }
}
