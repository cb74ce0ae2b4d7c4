package dev.lanes.nn.train;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.optim.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No allocation once compiled ({@link NoAllocation}): GELU (its f′ needs z), sigmoid and MSE, Adam, in a JVM of its own. */
@Tag("allocation")
class NoAllocationGeluMseTest {

    @Test
    void doesNotAllocate() {
        NoAllocation.trainingStepsDoNotAllocate(Activation.GELU, Activation.SIGMOID, Loss.MSE, Optimizer.adam(0.01f));
    }
}
