package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.kernels.Activation;
import org.junit.jupiter.api.Test;

/** Results that cannot fit one array are an IllegalArgumentException with the sizes, not a negative array size. */
class PredictOverflowTest {

    @Test
    void batchTimesOutputsBeyondAnArrayIsRejectedWithTheSizes() {
        Network net = Network.builder().input(1).dense(1_000, Activation.SOFTMAX).seed(1).build();
        int batch = 2_200_000; // x 1,000 outputs wraps past 2^31
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.predict(new float[batch], batch));
        assertEquals("batch 2,200,000 x 1000 outputs = 2,200,000,000 results, more than one Java array holds"
                + " (2,147,483,639): predict at most 2,147,483 rows per call", e.getMessage());
    }

    @Test
    void aParameterBeyondAnArrayIsNamedWithItsShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Parameter("dense1.weights", Parameter.Role.WEIGHT, 3_000_000, 784));
        assertEquals("dense1.weights: 3000000x784 = 2,352,000,000 values, more than one Java array holds"
                + " (2,147,483,639)", e.getMessage());
    }
}
