package dev.lanes.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** One local Spark session for every test class of the module (starting one costs seconds), and test data. */
final class TestSpark {

    private static SparkSession session;

    private TestSpark() {
    }

    /** local[2], with up to 3 attempts per task so that a task that fails once is retried. */
    static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2,3]")
                    .appName("lanes-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }

    static StructType schema() {
        return new StructType()
                .add("features", SQLDataTypes.VectorType())
                .add("label", DataTypes.DoubleType);
    }

    /**
     * {@code perClass} examples of each of {@code classes} Gaussian blobs in {@code features} dimensions
     * (centres 3 apart on the first axes, unit spread), interleaved by class, as rows.
     */
    static List<Row> blobs(int classes, int perClass, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < perClass; i++) {
            for (int c = 0; c < classes; c++) {
                double[] x = new double[features];
                for (int k = 0; k < features; k++) {
                    x[k] = random.nextGaussian() + (k % classes == c ? 3 : 0);
                }
                rows.add(RowFactory.create(Vectors.dense(x), (double) c));
            }
        }
        return rows;
    }

    /** {@code rows} as a DataFrame of exactly {@code partitions} partitions of consecutive rows. */
    static Dataset<Row> frame(List<Row> rows, int partitions) {
        return session().createDataFrame(context().parallelize(rows, partitions), schema());
    }

    /** The rows of each partition of {@link #frame}, as parallelize slices them. */
    static List<List<Row>> slices(List<Row> rows, int partitions) {
        List<List<Row>> out = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            int from = (int) ((long) p * rows.size() / partitions);
            int to = (int) ((long) (p + 1) * rows.size() / partitions);
            out.add(rows.subList(from, to));
        }
        return out;
    }
}
