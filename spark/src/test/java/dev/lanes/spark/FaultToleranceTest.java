package dev.lanes.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A task that fails after computing its result is retried by Spark (local[2,3]: three attempts), and the
 * retry's result replaces the lost one: the model is bit-identical to a run without the failure, so no
 * gradient or weight was counted twice.
 */
class FaultToleranceTest {

    private static final List<Row> ROWS = TestSpark.blobs(3, 40, 5, 41);

    private static LanesClassifier classifier(String mode) {
        return new LanesClassifier().setLayers("dense:12:relu,dense:3:softmax").setMaxEpochs(2).setBatchSize(24)
                .setTrainingMode(mode).setAveragingSteps(2).setLearningRate(0.05).setSeed(8);
    }

    @AfterEach
    void disarm() {
        FaultInjection.disarm();
    }

    @Test
    void aRetriedSyncStepCountsOnce() {
        Dataset<Row> data = TestSpark.frame(ROWS, 2);
        float[] clean = ParameterVector.values(classifier(LanesClassifier.SYNC).fit(data).network());
        FaultInjection.arm(1, 2, 3);  // partition 1, epoch 2, step 3 (0-based), first attempt
        float[] retried = ParameterVector.values(classifier(LanesClassifier.SYNC).fit(data).network());
        assertEquals(1, FaultInjection.fired());
        assertArrayEquals(clean, retried);
    }

    @Test
    void aRetriedAveragingRoundCountsOnce() {
        Dataset<Row> data = TestSpark.frame(ROWS, 2);
        float[] clean = ParameterVector.values(classifier(LanesClassifier.AVERAGING).fit(data).network());
        FaultInjection.arm(0, 1, 2);  // partition 0, epoch 1, the round starting at step 2
        float[] retried = ParameterVector.values(classifier(LanesClassifier.AVERAGING).fit(data).network());
        assertEquals(1, FaultInjection.fired());
        assertArrayEquals(clean, retried);
    }
}
