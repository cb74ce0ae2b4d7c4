package dev.lanes.bench.nn;

import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The examples the network benchmarks feed the MLP: Fashion-MNIST, or a synthetic stand-in of the same shape.
 *
 * <p>Training steps cycle through the whole training set cut into batch buffers once (one fixed shuffle), so the
 * network sees real data for as long as JMH runs and trains as it does in {@code lanes train}: a single batch
 * repeated thousands of times would be memorised, pushing the softmax towards 0/1 and the deltas towards
 * subnormal floats, which no real training run reaches.
 *
 * @param features inputs per example (784)
 * @param classes  outputs of the classifier (10)
 * @param batches  {@code batches[b]} holds {@code batch x features} floats, row-major
 * @param labels   {@code labels[b]} holds the {@code batch} class labels of {@code batches[b]}
 * @param images   test images, row-major, for inference
 */
record MlpData(int features, int classes, float[][] batches, int[][] labels, float[] images) {

    /** Where Debian's dataset-fashion-mnist package puts the IDX files. */
    static final String FASHION_MNIST = "/usr/share/datasets/fashion-mnist";
    /** The {@code data} parameter value that asks for synthetic data instead of a directory. */
    static final String SYNTHETIC = "synthetic";

    private static final int SYNTHETIC_TRAINING = 60_000;
    private static final int SYNTHETIC_TEST = 10_000;

    /**
     * Loads {@code source}: {@link #SYNTHETIC} or a directory of the four MNIST-layout IDX files.
     *
     * @param batch   rows per training batch; the last, shorter batch is left out
     * @param minTest test images needed at least
     */
    static MlpData load(String source, int batch, int minTest) {
        if (SYNTHETIC.equals(source)) {
            return synthetic(batch, minTest);
        }
        Path dir = Path.of(source);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data: no directory " + source + " (Debian: apt-get install"
                    + " dataset-fashion-mnist), or run with -p data=" + SYNTHETIC);
        }
        DataSets.TrainTest sets;
        try {
            sets = DataSets.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("data: cannot read " + source, e);
        }
        Dataset train = sets.train();
        Dataset test = sets.test();
        if (test.size() < minTest) {
            throw new IllegalArgumentException("data: " + source + " has " + test.size() + " test images, the"
                    + " benchmark needs " + minTest);
        }
        int count = train.size() / batch;
        if (count == 0) {
            throw new IllegalArgumentException("data: " + source + " has " + train.size()
                    + " training examples, fewer than one batch of " + batch);
        }
        int[] order = shuffled(train.size(), new SplittableRandom(1));
        float[][] batches = new float[count][batch * train.features()];
        int[][] labels = new int[count][batch];
        for (int b = 0; b < count; b++) {
            train.copyBatch(order, b * batch, batch, batches[b], 0, labels[b], 0);
        }
        int[] all = new int[minTest];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        float[] images = new float[minTest * test.features()];
        test.copyBatch(all, 0, minTest, images, 0, null, 0);
        return new MlpData(train.features(), train.classes(), batches, labels, images);
    }

    /**
     * Fashion-MNIST's shape with learnable content: pixels uniform in [0, 1) with about half of them 0 (as in the
     * images' background), labels from a fixed random linear teacher, so there is a pattern to learn and no noise
     * to memorise.
     */
    private static MlpData synthetic(int batch, int minTest) {
        int features = 784;
        int classes = 10;
        SplittableRandom random = new SplittableRandom(1);
        float[] teacher = new float[classes * features];
        for (int i = 0; i < teacher.length; i++) {
            teacher[i] = (float) random.nextGaussian();
        }
        int count = SYNTHETIC_TRAINING / batch;
        float[][] batches = new float[count][batch * features];
        int[][] labels = new int[count][batch];
        for (int b = 0; b < count; b++) {
            for (int r = 0; r < batch; r++) {
                labels[b][r] = fillExample(batches[b], r * features, features, teacher, classes, random);
            }
        }
        float[] images = new float[Math.max(minTest, SYNTHETIC_TEST) * features];
        for (int r = 0; r < images.length / features; r++) {
            fillExample(images, r * features, features, teacher, classes, random);
        }
        return new MlpData(features, classes, batches, labels, images);
    }

    /** Writes one synthetic example at {@code x[offset..]} and returns its teacher label. */
    private static int fillExample(float[] x, int offset, int features, float[] teacher, int classes,
                                   SplittableRandom random) {
        for (int i = 0; i < features; i++) {
            x[offset + i] = random.nextBoolean() ? 0f : random.nextFloat();
        }
        int label = 0;
        double best = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double score = 0;
            for (int i = 0; i < features; i++) {
                score += teacher[c * features + i] * x[offset + i];
            }
            if (score > best) {
                best = score;
                label = c;
            }
        }
        return label;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
