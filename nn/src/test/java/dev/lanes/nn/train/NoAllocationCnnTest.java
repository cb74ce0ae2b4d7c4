package dev.lanes.nn.train;

import dev.lanes.nn.Network;
import dev.lanes.nn.Shape;
import dev.lanes.nn.optim.Optimizer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No allocation once compiled ({@link NoAllocation}): the benchmark CNN's layers (convolutions with ReLU fused into
 * the max pools below them, the implicit-GEMM kernels and their scratch) plus batch norm and dropout, momentum, in
 * a JVM of its own.
 */
@Tag("allocation")
class NoAllocationCnnTest {

    @Test
    void doesNotAllocate() {
        NoAllocation.trainingStepsDoNotAllocate(Network.builder().input(Shape.image(1, 14, 14))
                .layers("conv:4:3:relu,maxpool:2,conv:8:3:relu,maxpool:2,batchnorm,dropout:0.25,dense:6:softmax").seed(3)
                .build(), Optimizer.momentum(0.9f, 0));
    }
}
