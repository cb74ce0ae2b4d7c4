package dev.lanes.spark;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input stops the fit in the checking pass, before the first step, with a message that locates it. */
class InputValidationTest {

    private static final List<Row> GOOD = TestSpark.blobs(3, 10, 4, 5);

    private static LanesClassifier classifier() {
        return new LanesClassifier().setLayers("dense:8:relu,dense:3:softmax").setMaxEpochs(1).setBatchSize(8);
    }

    /** GOOD in two partitions of 15 rows, with row 17 (row 2 of partition 1) replaced. */
    private static Dataset<Row> withRow17(Row bad) {
        List<Row> rows = new ArrayList<>(GOOD);
        rows.set(17, bad);
        return TestSpark.frame(rows, 2);
    }

    private static void assertMessage(Executable fit, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, fit);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
        }
    }

    @Test
    void missingOrMistypedColumnsNameTheColumnsThereAre() {
        Dataset<Row> data = TestSpark.frame(GOOD, 2);
        assertMessage(() -> classifier().setFeaturesCol("pixels").fit(data),
                "no column 'pixels' (setFeaturesCol)", "features: vector", "label: double");
        assertMessage(() -> classifier().setLabelCol("class").fit(data), "no column 'class' (setLabelCol)");
        assertMessage(() -> classifier().setFeaturesCol("label").fit(data), "column 'label' (setFeaturesCol)",
                "must be a Vector", "VectorAssembler");
        assertMessage(() -> classifier().setValidationIndicatorCol("label").fit(data), "must be boolean");
    }

    @Test
    void aVectorOfTheWrongSizeNamesItsRow() {
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(Vectors.dense(1, 2, 3), 0.0))),
                "features column 'features' of row 2 of partition 1 has 3 values, the rows before it 4");
        // The whole of partition 1 off by one: found by comparing partitions.
        List<Row> rows = new ArrayList<>(GOOD.subList(0, 15));
        for (int i = 0; i < 15; i++) {
            rows.add(RowFactory.create(Vectors.dense(1, 2, 3), 0.0));
        }
        assertMessage(() -> classifier().fit(TestSpark.frame(rows, 2)),
                "vectors of 4 values in partition 0 but of 3 in partition 1");
        assertMessage(() -> classifier().setInputShape("1x2x3").fit(TestSpark.frame(GOOD, 2)),
                "inputShape 1x2x3 holds 6 values", "have 4");
    }

    @Test
    void labelsOutOfRangeOrNotClassNumbers() {
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(Vectors.dense(1, 2, 3, 4), 3.0))),
                "label column 'label' of row 2 of partition 1 is 3", "the network has 3 outputs (classes 0 to 2)");
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(Vectors.dense(1, 2, 3, 4), 1.5))),
                "label column 'label' of row 2 of partition 1 is 1.5", "integers");
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(Vectors.dense(1, 2, 3, 4), -1.0))),
                "is -1.0");
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(Vectors.dense(1, 2, 3, 4), null))),
                "label column 'label' of row 2 of partition 1 is null");
    }

    @Test
    void nanInfiniteOrUnrepresentableFeatures() {
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(Vectors.dense(1, Double.NaN, 3, 4), 0.0))),
                "features column 'features' of row 2 of partition 1 has NaN at index 1");
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(
                        Vectors.sparse(4, new int[] {3}, new double[] {Double.NEGATIVE_INFINITY}), 0.0))),
                "has -Infinity at index 3");
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(Vectors.dense(1, 2, 1e300, 4), 0.0))),
                "has 1.0E300 at index 2, beyond the float range");
        assertMessage(() -> classifier().fit(withRow17(RowFactory.create(null, 0.0))),
                "features column 'features' of row 2 of partition 1 is null");
    }

    @Test
    void badLayersNoRowsAndBadParams() {
        assertMessage(() -> classifier().setLayers("dense:8:relu,dense:3:relu").fit(TestSpark.frame(GOOD, 2)),
                "layers 'dense:8:relu,dense:3:relu'");
        assertMessage(() -> classifier().setLayers("dense:8:rleu"), "rleu");
        assertMessage(() -> classifier().setLayers("convolution:8"), "unknown layer type 'convolution'");
        assertMessage(() -> classifier().fit(TestSpark.frame(GOOD, 2).filter("label > 5")), "no rows to train on");
        assertMessage(() -> classifier().setOptimizer("adagrad"), "optimizer");
        assertMessage(() -> classifier().setBatchSize(0), "batchSize");
        StructType schema = new StructType().add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType())
                .add("label", DataTypes.StringType);
        Dataset<Row> strings = TestSpark.session().createDataFrame(List.of(RowFactory.create(Vectors.dense(1), "a")),
                schema);
        assertMessage(() -> classifier().fit(strings), "column 'label' (setLabelCol) must be numeric");
    }
}
