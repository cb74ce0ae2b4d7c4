package dev.lanes.nn.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** No allocation once compiled ({@link NoAllocation}): batch-1 and batch-32 inference, in a JVM of its own. */
@Tag("allocation")
class NoAllocationInferenceTest {

    @Test
    void doesNotAllocate() {
        NoAllocation.inferenceDoesNotAllocate();
    }
}
