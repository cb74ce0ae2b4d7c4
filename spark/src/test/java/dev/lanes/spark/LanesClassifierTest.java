package dev.lanes.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.Network;
import dev.lanes.nn.Parameter;
import dev.lanes.nn.io.ModelFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LanesClassifierTest {

    private static final List<Row> BLOBS = TestSpark.blobs(3, 80, 6, 11);

    private static LanesClassifier classifier() {
        return new LanesClassifier().setLayers("dense:16:relu,dense:3:softmax").setMaxEpochs(4).setBatchSize(32)
                .setLearningRate(0.05).setSeed(3);
    }

    private static double accuracy(Dataset<Row> predictions) {
        List<Row> rows = predictions.select("label", "prediction").collectAsList();
        long correct = rows.stream().filter(r -> ((Number) r.get(0)).doubleValue() == r.getDouble(1)).count();
        return (double) correct / rows.size();
    }

    @Test
    void syncTrainingLearnsAndTransformAddsTheColumns() {
        Dataset<Row> data = TestSpark.frame(BLOBS, 2);
        LanesClassificationModel model = classifier().fit(data);
        Dataset<Row> out = model.transform(data);
        assertTrue(List.of(out.columns()).containsAll(List.of("rawPrediction", "probability", "prediction")));
        assertTrue(accuracy(out) > 0.95, "training accuracy " + accuracy(out));
        for (Row r : out.select("rawPrediction", "probability", "prediction").collectAsList()) {
            Vector raw = r.getAs(0);
            Vector p = r.getAs(1);
            double sum = 0;
            for (int i = 0; i < p.size(); i++) {
                sum += p.apply(i);
            }
            assertEquals(1.0, sum, 1e-9);
            assertEquals(raw.argmax(), (int) r.getDouble(2));
            assertEquals(p.argmax(), raw.argmax());
        }
        TrainingSummary summary = model.summary();
        assertEquals(4, summary.epochs().size());
        assertEquals(LanesClassifier.SYNC, summary.mode());
        assertEquals(2, summary.partitions());
        assertEquals(8, summary.stepsPerEpoch(), "240 examples in batches of 32");
        assertTrue(summary.last().loss() < summary.epochs().get(0).loss());
        assertEquals(3, model.numClasses());
        assertEquals(6, model.numFeatures());
    }

    @Test
    void parameterAveragingLearns() {
        Dataset<Row> data = TestSpark.frame(BLOBS, 2);
        LanesClassificationModel model = classifier().setTrainingMode(LanesClassifier.AVERAGING)
                .setAveragingSteps(4).fit(data);
        assertTrue(accuracy(model.transform(data)) > 0.95);
        assertEquals(2, model.summary().jobsPerEpoch(), "8 steps, averaged every 4");
    }

    @Test
    void hiddenSizesMakeReluLayersAndASoftmaxPerClass() {
        Dataset<Row> data = TestSpark.frame(BLOBS, 2);
        LanesClassificationModel model = classifier().setLayers("12,5").setMaxEpochs(1).fit(data);
        assertEquals("6 → 12 relu → 5 relu → 3 softmax, cross_entropy",
                model.network().describe());
    }

    @Test
    void sameSeedSameModelAndValidationRowsAreNotTrainedOn() {
        Dataset<Row> data = TestSpark.frame(BLOBS, 3);
        LanesClassifier c = classifier().setMaxEpochs(2);
        float[] a = ParameterVector.values(c.fit(data).network());
        float[] b = ParameterVector.values(c.fit(data).network());
        assertArrayEquals(a, b, "same seed, data and partitioning: same bits");
        float[] other = ParameterVector.values(c.copy(new org.apache.spark.ml.param.ParamMap()).setSeed(4)
                .fit(data).network());
        assertFalse(java.util.Arrays.equals(a, other));

        Dataset<Row> marked = data.withColumn("held", org.apache.spark.sql.functions.expr("rand(5) < 0.25"));
        LanesClassificationModel held = classifier().setMaxEpochs(2).setValidationIndicatorCol("held").fit(marked);
        long heldRows = marked.filter("held").count();
        TrainingSummary s = held.summary();
        assertTrue(heldRows > 20);
        assertEquals((int) Math.ceil((BLOBS.size() - heldRows) / 32.0), s.stepsPerEpoch());
        assertTrue(s.last().validationAccuracy() > 0.9, "validation accuracy " + s.last().validationAccuracy());
        assertFalse(Double.isNaN(s.last().validationLoss()));
    }

    @Test
    void savesAndLoadsWithTheLanesModelFileInside(@TempDir Path dir) throws Exception {
        Dataset<Row> data = TestSpark.frame(BLOBS, 2);
        LanesClassificationModel model = classifier().setMaxEpochs(1).fit(data).setProbabilityCol("p");
        String path = dir.resolve("model").toString();
        model.write().overwrite().save(path);
        LanesClassificationModel loaded = LanesClassificationModel.load(path);
        assertEquals(model.uid(), loaded.uid());
        assertEquals("p", loaded.getProbabilityCol());
        assertFalse(loaded.hasSummary());
        List<Row> before = model.transform(data).select("p").collectAsList();
        List<Row> after = loaded.transform(data).select("p").collectAsList();
        assertEquals(before, after);
        Network file = ModelFile.load(dir.resolve("model").resolve(LanesClassificationModel.MODEL_FILE));
        assertArrayEquals(ParameterVector.values(model.network()), ParameterVector.values(file));
        assertEquals("lanes-spark LanesClassifier",
                ModelFile.loadModel(dir.resolve("model").resolve(LanesClassificationModel.MODEL_FILE)).metadata()
                        .get("trainer"));

        String estimatorPath = dir.resolve("estimator").toString();
        LanesClassifier estimator = classifier().setTrainingMode(LanesClassifier.AVERAGING).setAveragingSteps(7);
        estimator.save(estimatorPath);
        LanesClassifier back = LanesClassifier.load(estimatorPath);
        assertEquals(estimator.uid(), back.uid());
        assertEquals(7, back.getAveragingSteps());
        assertEquals("dense:16:relu,dense:3:softmax", back.getLayers());
        assertEquals(0.05, back.getLearningRate());
    }

    @Test
    void worksInAPipelineThatSavesAndLoads(@TempDir Path dir) throws Exception {
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("label", DataTypes.IntegerType);
        List<Row> rows = BLOBS.stream().map(r -> {
            Vector v = r.getAs(0);
            return RowFactory.create(v.apply(0), v.apply(1), (int) r.getDouble(1));
        }).toList();
        Dataset<Row> data = TestSpark.session().createDataFrame(TestSpark.context().parallelize(rows, 2), schema);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new VectorAssembler().setInputCols(new String[] {"a", "b"}).setOutputCol("features"),
                new LanesClassifier().setLayers("8").setMaxEpochs(3).setBatchSize(16)});
        PipelineModel fitted = pipeline.fit(data);
        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);
        List<Row> before = fitted.transform(data).select("prediction", "probability").collectAsList();
        List<Row> after = loaded.transform(data).select("prediction", "probability").collectAsList();
        assertEquals(before, after);
        assertTrue(accuracy(loaded.transform(data)) > 0.8);
        assertTrue(Files.isRegularFile(dir.resolve("pipeline/stages")
                .resolve(Files.list(dir.resolve("pipeline/stages")).filter(p -> p.getFileName().toString()
                        .startsWith("1_")).findFirst().orElseThrow().getFileName()).resolve("data/model.lnn")));
    }

    @Test
    void aNetworkTrainedElsewhereScoresDataFrames() {
        Network net = Network.builder().input(6).layers("dense:3:softmax").seed(2).build();
        for (Parameter p : net.parameters()) {
            java.util.Arrays.fill(p.values(), 0f);
        }
        LanesClassificationModel model = LanesClassificationModel.of(net);
        Row r = model.transform(TestSpark.frame(BLOBS.subList(0, 3), 1)).select("probability").first();
        Vector p = r.getAs(0);
        assertEquals(1 / 3.0, p.apply(0), 1e-7);
    }
}
