package dev.lanes.nn.train;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.optim.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No allocation once compiled ({@link NoAllocation}): tanh, sigmoid and binary cross-entropy, SGD, in a JVM of its own. */
@Tag("allocation")
class NoAllocationTanhBinaryCrossEntropyTest {

    @Test
    void doesNotAllocate() {
        NoAllocation.trainingStepsDoNotAllocate(Activation.TANH, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, Optimizer.sgd(0));
    }
}
