package dev.lanes.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.kernels.Activation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationTest {

    @Test
    void bestTopAndProbabilities() {
        Classification c = new Classification(new float[] {0.1f, 0.4f, 0.1f, 0.4f});
        assertEquals(1, c.best(), "the first of equal maxima");
        assertEquals(List.of(new Classification.Prediction(1, 0.4f), new Classification.Prediction(3, 0.4f),
                new Classification.Prediction(0, 0.1f)), c.top(3));
        assertEquals(4, c.top(10).size());
        assertEquals(0.1f, c.probability(2));
        assertEquals("k must be >= 1, was 0", assertThrows(IllegalArgumentException.class, () -> c.top(0))
                .getMessage());
        assertEquals("label must be in 0 to 3, was 4",
                assertThrows(IllegalArgumentException.class, () -> c.probability(4)).getMessage());
    }

    @Test
    void classifyIsPredictWithTheUsualQuestions() {
        Network net = Network.builder().input(3).dense(5, Activation.RELU).dense(4, Activation.SOFTMAX).seed(2)
                .build();
        float[] x = {0.3f, -1f, 2f};
        Classification c = net.classify(x);
        assertArrayEquals(net.predict(x), c.probabilities());
        assertEquals(c.top(1).get(0).label(), c.best());
    }
}
