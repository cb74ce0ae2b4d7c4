package dev.lanes.nn.train;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.optim.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No allocation once compiled ({@link NoAllocation}): ReLU, softmax and cross-entropy, momentum, in a JVM of its own. */
@Tag("allocation")
class NoAllocationReluCrossEntropyTest {

    @Test
    void doesNotAllocate() {
        NoAllocation.trainingStepsDoNotAllocate(Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, Optimizer.momentum(0.9f, 0));
    }
}
