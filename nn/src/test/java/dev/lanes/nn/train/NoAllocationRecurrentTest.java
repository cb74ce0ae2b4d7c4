package dev.lanes.nn.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No allocation once compiled ({@link NoAllocation}): RNN, GRU and LSTM layers, training and inference, in a JVM of its own. */
@Tag("allocation")
class NoAllocationRecurrentTest {

    @Test
    void doesNotAllocate() {
        NoAllocation.recurrentStepsDoNotAllocate();
    }
}
