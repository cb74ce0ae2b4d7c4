package dev.lanes.spark;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * IDX image and label files (MNIST, Fashion-MNIST; raw or gzip) as a DataFrame of {@code features} (a vector of
 * {@code rows x cols} pixels, each {@code byte / 255f} as lanes reads them) and {@code label} (a double).
 *
 * <p>The driver reads only the headers; each partition reads its own range of images on an executor, so
 * the files must be readable by every executor at the same path (a Hadoop file system such as HDFS or S3, or
 * local paths on one machine). Nothing goes through the driver.
 */
public final class IdxFrames {

    /** The features column. */
    public static final String FEATURES = "features";
    /** The label column. */
    public static final String LABEL = "label";
    /** The column of {@link #readTrainTest} that marks test rows. */
    public static final String TEST = "test";

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final float[] UNIT = new float[256];

    static {
        for (int i = 0; i < 256; i++) {
            UNIT[i] = i / 255f;
        }
    }

    private IdxFrames() {
    }

    /**
     * The images of one IDX image file with the labels of its label file, in {@code partitions} partitions of
     * consecutive images.
     *
     * @param spark      the session
     * @param images     the image file ({@code idx3-ubyte}, raw or gzipped), a path Hadoop can read
     * @param labels     the label file ({@code idx1-ubyte}, raw or gzipped)
     * @param partitions the partitions (>= 1)
     * @return a DataFrame with a Vector column {@value #FEATURES} of pixels in [0, 1] and a double column
     *         {@value #LABEL}
     * @throws IllegalArgumentException if a header is not an IDX image or label header, or the counts differ
     *                                  (naming the file and byte offset)
     * @throws UncheckedIOException     if a file cannot be read
     */
    public static Dataset<Row> read(SparkSession spark, String images, String labels, int partitions) {
        Files files = Files.of(spark, images, labels);
        List<Range> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(files.range(p, partitions, false));
        }
        return frame(spark, ranges, partitions, false);
    }

    /**
     * A directory of the four standard files ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each raw or with {@code .gz}) as one
     * DataFrame with a boolean {@value #TEST} column, the training and the test rows side by side in the same
     * {@code partitions} partitions: ready for {@link LanesClassifier#setValidationIndicatorCol} (test accuracy
     * after every epoch), or to split with a filter on {@value #TEST} without changing the partitioning.
     *
     * @param spark      the session
     * @param directory  the directory of the four files, a path Hadoop can read
     * @param partitions the partitions (>= 1)
     * @return the training and test rows, with {@value #FEATURES}, {@value #LABEL} and {@value #TEST} columns
     * @throws IllegalArgumentException if a file is missing or its header is bad, or the image sizes differ
     */
    public static Dataset<Row> readTrainTest(SparkSession spark, String directory, int partitions) {
        Files train = Files.of(spark, standard(spark, directory, "train-images-idx3-ubyte"),
                standard(spark, directory, "train-labels-idx1-ubyte"));
        Files test = Files.of(spark, standard(spark, directory, "t10k-images-idx3-ubyte"),
                standard(spark, directory, "t10k-labels-idx1-ubyte"));
        if (train.rows != test.rows || train.cols != test.cols) {
            throw new IllegalArgumentException(test.images + ": images of " + test.rows + "x" + test.cols
                    + ", but the training images " + train.images + " are " + train.rows + "x" + train.cols);
        }
        List<Range> ranges = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            ranges.add(train.range(p, partitions, false));
            ranges.add(test.range(p, partitions, true));
        }
        return frame(spark, ranges, partitions, true);
    }

    private static Dataset<Row> frame(SparkSession spark, List<Range> ranges, int partitions, boolean withTest) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // parallelize slices evenly: with k ranges per partition, partition p gets ranges [k p, k p + k).
        JavaRDD<Row> rows = sc.parallelize(ranges, partitions).flatMap(r -> r.rows(withTest));
        StructType schema = new StructType()
                .add(FEATURES, SQLDataTypes.VectorType(), false)
                .add(LABEL, DataTypes.DoubleType, false);
        if (withTest) {
            schema = schema.add(TEST, DataTypes.BooleanType, false);
        }
        return spark.createDataFrame(rows, schema);
    }

    private static String standard(SparkSession spark, String directory, String name) {
        Path raw = new Path(directory, name);
        Path gz = new Path(directory, name + ".gz");
        try {
            FileSystem fs = raw.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(raw) && fs.getFileStatus(raw).isFile()) {
                return raw.toString();
            }
            if (fs.exists(gz) && fs.getFileStatus(gz).isFile()) {
                return gz.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(directory + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(directory + ": no " + name + " or " + name + ".gz (an MNIST-layout"
                + " directory holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and"
                + " t10k-labels-idx1-ubyte, each optionally gzipped)");
    }

    /** An image file and its label file, headers checked. */
    private record Files(String images, String labels, int count, int rows, int cols) {

        static Files of(SparkSession spark, String images, String labels) {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            int[] image = header(conf, images, IMAGES_MAGIC, 3);
            int[] label = header(conf, labels, LABELS_MAGIC, 1);
            if (image[0] != label[0]) {
                throw new IllegalArgumentException(labels + ": label count at byte 4 is " + label[0] + " but "
                        + images + " holds " + image[0] + " images");
            }
            return new Files(images, labels, image[0], image[1], image[2]);
        }

        /** Images {@code [count p / parts, count (p + 1) / parts)}. */
        Range range(int p, int parts, boolean test) {
            long from = (long) count * p / parts;
            long to = (long) count * (p + 1) / parts;
            return new Range(images, labels, (int) from, (int) to, rows, cols, test);
        }
    }

    /** Reads the sizes after an IDX header's magic, checking the magic. */
    private static int[] header(Configuration conf, String file, int magic, int dims) {
        try (InputStream in = open(conf, file)) {
            byte[] h = new byte[4 + 4 * dims];
            int got = in.readNBytes(h, 0, 4);
            int found = readInt(h, 0);
            if (got < 4 || found != magic) {
                throw new IllegalArgumentException(String.format("%s: bad magic at byte 0: expected 0x%08X (%s),"
                        + " found %s", file, magic, magic == IMAGES_MAGIC ? "unsigned-byte images, 3 dimensions"
                        : "unsigned-byte labels, 1 dimension", got < 4 ? got + " bytes" : String.format("0x%08X",
                        found)));
            }
            got += in.readNBytes(h, 4, h.length - 4);
            if (got < h.length) {
                throw new IllegalArgumentException(file + ": " + got + " bytes, shorter than the " + h.length
                        + "-byte IDX header");
            }
            int[] sizes = new int[dims];
            for (int d = 0; d < dims; d++) {
                sizes[d] = readInt(h, 4 + 4 * d);
                if (sizes[d] < 1) {
                    throw new IllegalArgumentException(file + ": bad size at byte " + (4 + 4 * d) + ": "
                            + Integer.toUnsignedString(sizes[d]));
                }
            }
            if (dims == 3 && (long) sizes[1] * sizes[2] > Integer.MAX_VALUE / 8) {
                throw new IllegalArgumentException(file + ": images of " + sizes[1] + "x" + sizes[2]
                        + " at bytes 8 to 15 are too large");
            }
            return sizes;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The file's bytes, decompressed when it starts with the gzip magic. */
    private static InputStream open(Configuration conf, String file) throws IOException {
        Path path = new Path(file);
        FSDataInputStream raw = path.getFileSystem(conf).open(path);
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /**
     * Images {@code [from, to)} of a file pair: what one partition reads on its executor.
     *
     * @param images the image file
     * @param labels the label file
     * @param from   the first image
     * @param to     one past the last image
     * @param rows   rows of an image
     * @param cols   columns of an image
     * @param test   the value of the {@value #TEST} column of these rows
     */
    private record Range(String images, String labels, int from, int to, int rows, int cols, boolean test)
            implements Serializable {

        Iterator<Row> rows(boolean withTest) throws IOException {
            int pixels = rows * cols;
            int n = to - from;
            Configuration conf = new Configuration();
            byte[] x = readRange(conf, images, 16 + (long) from * pixels, (long) n * pixels);
            byte[] y = readRange(conf, labels, 8 + (long) from, n);
            return new Iterator<>() {
                private int i;

                @Override
                public boolean hasNext() {
                    return i < n;
                }

                @Override
                public Row next() {
                    double[] features = new double[pixels];
                    int base = i * pixels;
                    for (int k = 0; k < pixels; k++) {
                        features[k] = UNIT[x[base + k] & 0xFF];
                    }
                    double label = y[i] & 0xFF;
                    i++;
                    return withTest ? RowFactory.create(new DenseVector(features), label, test)
                            : RowFactory.create(new DenseVector(features), label);
                }
            };
        }

        private static byte[] readRange(Configuration conf, String file, long offset, long length)
                throws IOException {
            if (length > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": " + length + " bytes in one partition: use more"
                        + " partitions");
            }
            try (InputStream in = open(conf, file)) {
                in.skipNBytes(offset);
                byte[] bytes = new byte[(int) length];
                int got = in.readNBytes(bytes, 0, bytes.length);
                if (got < bytes.length) {
                    throw new EOFException(file + ": ends at byte " + (offset + got) + " (decompressed), its header"
                            + " promises data up to byte " + (offset + length));
                }
                return bytes;
            } catch (EOFException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(file)) {
                    throw e;
                }
                throw new EOFException(file + ": ends before byte " + offset + " (decompressed), where its header"
                        + " promises data");
            }
        }
    }
}
