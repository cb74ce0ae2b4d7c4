package dev.lanes.spark.examples;

import dev.lanes.kernels.Kernels;
import dev.lanes.spark.IdxFrames;
import dev.lanes.spark.LanesClassificationModel;
import dev.lanes.spark.LanesClassifier;
import dev.lanes.spark.TrainingSummary;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Trains a Fashion-MNIST classifier on Spark, with lanes ({@code --trainer lanes}) or, for comparison, with
 * MLlib's MultilayerPerceptronClassifier on the same data and layer sizes ({@code --trainer mllib}), and
 * prints the test accuracy and the wall time. Submit it with spark-submit (see docs/spark.md), e.g.
 * <pre>
 * spark-submit --master spark://127.0.0.1:7077 --class dev.lanes.spark.examples.FashionMnist \
 *     --jars lanes-nn.jar,lanes-kernels.jar lanes-spark.jar --data /usr/share/datasets/fashion-mnist \
 *     --hidden 256,128 --epochs 5 --batch 256 --lr 0.1
 * </pre>
 * The last line starts with {@code RESULT} and holds {@code key=value} pairs for scripts.
 */
public final class FashionMnist {

    private FashionMnist() {
    }

    /**
     * Options (defaults in brackets): --data DIR [/usr/share/datasets/fashion-mnist], --trainer lanes|mllib
     * [lanes], --partitions N [the default parallelism], --hidden SIZES [256,128], --seed N [1]; lanes:
     * --mode sync|averaging [sync], --epochs N [5], --batch N [128], --lr X [optimizer's], --optimizer NAME
     * [momentum], --averaging-steps N [16], --target-accuracy X [none: reports the time to reach it];
     * mllib: --max-iter N [100], --block-size N [128].
     *
     * @param args the options above
     */
    public static void main(String[] args) {
        Map<String, String> o = options(args);
        SparkSession spark = SparkSession.builder().appName("lanes Fashion-MNIST").getOrCreate();
        try {
            run(spark, o);
        } finally {
            spark.stop();
        }
    }

    private static void run(SparkSession spark, Map<String, String> o) {
        int partitions = Integer.parseInt(o.getOrDefault("partitions",
                Integer.toString(spark.sparkContext().defaultParallelism())));
        String hidden = o.getOrDefault("hidden", "256,128");
        long seed = Long.parseLong(o.getOrDefault("seed", "1"));
        Dataset<Row> all = IdxFrames.readTrainTest(spark, o.getOrDefault("data", "/usr/share/datasets/fashion-mnist"),
                partitions);
        // Loaded and cached once, so that the fits below time the trainers, not the IDX reader.
        long loadStart = System.nanoTime();
        all.persist(StorageLevel.MEMORY_AND_DISK());
        long rows = all.count();
        System.out.printf(Locale.ROOT, "data: %d rows (train and test) in %d partitions, loaded and cached in %.1f s%n",
                rows, partitions, (System.nanoTime() - loadStart) / 1e9);
        Dataset<Row> test = all.filter(functions.col(IdxFrames.TEST));
        MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        String trainer = o.getOrDefault("trainer", "lanes");
        System.out.println("driver kernels: " + Kernels.describe());
        if (trainer.equals("lanes")) {
            LanesClassifier classifier = new LanesClassifier()
                    .setLayers(hidden)
                    .setTrainingMode(o.getOrDefault("mode", LanesClassifier.SYNC))
                    .setMaxEpochs(Integer.parseInt(o.getOrDefault("epochs", "5")))
                    .setBatchSize(Integer.parseInt(o.getOrDefault("batch", "128")))
                    .setOptimizer(o.getOrDefault("optimizer", "momentum"))
                    .setAveragingSteps(Integer.parseInt(o.getOrDefault("averaging-steps", "16")))
                    .setSeed(seed)
                    .setValidationIndicatorCol(IdxFrames.TEST);
            if (o.containsKey("lr")) {
                classifier.setLearningRate(Double.parseDouble(o.get("lr")));
            }
            long start = System.nanoTime();
            LanesClassificationModel model = classifier.fit(all);
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            TrainingSummary s = model.summary();
            System.out.printf(Locale.ROOT, "lanes %s: %s, %d partitions, %d steps and %d jobs per epoch,"
                            + " preparation %.1f s%n", s.mode(), model.network().describe(), s.partitions(),
                    s.stepsPerEpoch(), s.jobsPerEpoch(), s.preparationSeconds());
            double target = Double.parseDouble(o.getOrDefault("target-accuracy", "NaN"));
            double elapsed = s.preparationSeconds();
            double timeToTarget = Double.NaN;
            for (TrainingSummary.Epoch e : s.epochs()) {
                elapsed += e.seconds();
                System.out.printf(Locale.ROOT, "epoch %d: loss %.4f, train accuracy %.4f, test accuracy %.4f,"
                                + " %.2f s (+%.2f s test pass), %.1f s so far%n", e.epoch(), e.loss(), e.accuracy(),
                        e.validationAccuracy(), e.seconds(), e.evaluationSeconds(), elapsed);
                if (Double.isNaN(timeToTarget) && e.validationAccuracy() >= target) {
                    timeToTarget = elapsed;
                }
            }
            double testAccuracy = accuracy.evaluate(model.transform(test));
            System.out.printf(Locale.ROOT, "RESULT trainer=lanes mode=%s hidden=%s epochs=%d test_accuracy=%.4f"
                            + " fit_seconds=%.2f training_seconds=%.2f seconds_to_target=%.2f target=%.4f%n",
                    s.mode(), hidden, s.epochs().size(), testAccuracy, fitSeconds, s.trainingSeconds(), timeToTarget,
                    target);
        } else if (trainer.equals("mllib")) {
            int[] layers = sizes(hidden);
            MultilayerPerceptronClassifier mlp = new MultilayerPerceptronClassifier()
                    .setLayers(layers)
                    .setMaxIter(Integer.parseInt(o.getOrDefault("max-iter", "100")))
                    .setBlockSize(Integer.parseInt(o.getOrDefault("block-size", "128")))
                    .setSeed(seed);
            Dataset<Row> train = all.filter(functions.not(functions.col(IdxFrames.TEST)));
            long start = System.nanoTime();
            MultilayerPerceptronClassificationModel model = mlp.fit(train);
            double fitSeconds = (System.nanoTime() - start) / 1e9;
            double testAccuracy = accuracy.evaluate(model.transform(test));
            int iterations = model.summary().totalIterations();
            System.out.printf(Locale.ROOT, "RESULT trainer=mllib layers=%s iterations=%d test_accuracy=%.4f"
                    + " fit_seconds=%.2f%n", Arrays.toString(layers).replace(" ", ""), iterations, testAccuracy,
                    fitSeconds);
        } else {
            throw new IllegalArgumentException("--trainer must be lanes or mllib, was " + trainer);
        }
    }

    private static int[] sizes(String hidden) {
        String[] parts = hidden.isBlank() ? new String[0] : hidden.split(",");
        int[] layers = new int[parts.length + 2];
        layers[0] = 784;
        for (int i = 0; i < parts.length; i++) {
            layers[i + 1] = Integer.parseInt(parts[i].trim());
        }
        layers[layers.length - 1] = 10;
        return layers;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
