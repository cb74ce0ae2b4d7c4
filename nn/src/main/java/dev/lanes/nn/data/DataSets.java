package dev.lanes.nn.data;

import static dev.lanes.nn.data.IdxReader.n;

import dev.lanes.nn.io.InsufficientHeapException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Loads MNIST-layout train/test pairs: the bundled 10,000-digit MNIST subset ({@code "digits"}), or any
 * directory holding the four standard IDX files (raw or gzip), such as Fashion-MNIST; and generates the adding
 * problem ({@code "adding:T"}, see {@link #adding}).
 */
public final class DataSets {

    /** The name of the bundled MNIST subset: 8,000 training and 2,000 test digits, stratified. */
    public static final String DIGITS = "digits";

    /** Class names of MNIST digits: "0" to "9". */
    public static final List<String> DIGIT_CLASS_NAMES = Dataset.indexNames(10);

    /** Class names of Fashion-MNIST, by label. */
    public static final List<String> FASHION_CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The four standard file names, without the optional ".gz". */
    public static final List<String> STANDARD_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

    /** The prefix of the adding problem's names: {@code adding:T} or {@code adding:T:N}. */
    public static final String ADDING = "adding";

    /** Training sequences of {@code adding:T} when N is not given. */
    public static final int ADDING_TRAINING = 10_000;

    /** Test sequences of the adding problem. */
    public static final int ADDING_TEST = 1_000;

    /** The adding problem's success criterion: |output − target| below this. */
    public static final float ADDING_TOLERANCE = 0.04f;

    /** The longest adding-problem sequence {@code adding:T} accepts. */
    public static final int ADDING_MAX_STEPS = 100_000;

    private static final String RESOURCE_DIR = "digits/";

    private DataSets() {
    }

    /**
     * A training set and its test set, with the same image shape and classes.
     *
     * @param train the training examples
     * @param test  the test examples
     */
    public record TrainTest(Dataset train, Dataset test) {

        /**
         * Checks both sets are present and agree on image shape and class names.
         *
         * @param train the training examples
         * @param test  the test examples
         * @throws IllegalArgumentException if the shapes or class names differ
         */
        public TrainTest {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
            if (train.rows() != test.rows() || train.cols() != test.cols()) {
                throw new IllegalArgumentException(test.name() + " has images of " + test.rows() + "x" + test.cols()
                        + " but " + train.name() + " has " + train.rows() + "x" + train.cols());
            }
            if (!train.classNames().equals(test.classNames())) {
                throw new IllegalArgumentException(test.name() + " has classes " + test.classNames() + " but "
                        + train.name() + " has " + train.classNames());
            }
            if (train.targetSize() != test.targetSize()) {
                throw new IllegalArgumentException(test.name() + " has " + test.targetSize() + " targets per example"
                        + " but " + train.name() + " has " + train.targetSize());
            }
        }
    }

    /**
     * Loads {@code "digits"} (the bundled MNIST subset), generates {@code "adding:T"} or {@code "adding:T:N"}
     * (the adding problem over T steps with N training sequences, see {@link #adding}), or else loads the
     * directory at that path (see {@link #load(Path)}). To load a directory called "digits" or "adding:…",
     * write it as a path, e.g. {@code "./digits"}.
     *
     * @param nameOrDirectory {@code "digits"}, {@code "adding:T[:N]"} or a directory path
     * @return the training and test sets
     * @throws FileNotFoundException if the directory or one of its files is missing (the message lists the
     *                               file names looked for)
     * @throws IdxFormatException    if a file is not a valid IDX file of the expected kind
     * @throws InsufficientHeapException if the data needs more heap than the JVM can give
     * @throws IOException           if reading fails
     */
    public static TrainTest load(String nameOrDirectory) throws IOException {
        Objects.requireNonNull(nameOrDirectory, "nameOrDirectory");
        if (nameOrDirectory.equals(DIGITS)) {
            return digits();
        }
        if (nameOrDirectory.startsWith(ADDING + ":")) {
            return adding(nameOrDirectory);
        }
        return load(Path.of(nameOrDirectory));
    }

    /**
     * Whether {@code name} names a generated data set ({@code adding:…}) rather than files.
     *
     * @param name a {@link #load(String)} argument
     * @return true for {@code adding:…}
     */
    public static boolean isGenerated(String name) {
        return name.startsWith(ADDING + ":");
    }

    private static TrainTest adding(String name) {
        String[] parts = name.split(":", -1);
        long steps = parts.length >= 2 && parts.length <= 3 ? parseCount(parts[1]) : -1;
        long training = parts.length == 3 ? parseCount(parts[2]) : ADDING_TRAINING;
        if (steps < 2 || steps > ADDING_MAX_STEPS || training < 1 || training > IdxReader.MAX_ARRAY / (2 * steps)) {
            throw new IllegalArgumentException("'" + name + "': expected adding:T or adding:T:N, T the sequence length"
                    + " (2 to " + n(ADDING_MAX_STEPS) + ") and N the training sequences (1 to "
                    + n(IdxReader.MAX_ARRAY / (2 * Math.max(2, Math.min(steps, ADDING_MAX_STEPS)))) + ", default "
                    + n(ADDING_TRAINING) + ")");
        }
        return adding((int) steps, (int) training, ADDING_TEST);
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The adding problem (Hochreiter &amp; Schmidhuber 1997, in the form of Le, Jaitly &amp; Hinton 2015 and later
     * papers): each example is a sequence of {@code steps} pairs (value, marker), the values uniform in [0, 1),
     * the markers 0 except at two steps, one chosen uniformly in the first half and one in the second half,
     * where they are 1; the target is the sum of the two marked values. Predicting the mean, 1, gives an MSE of
     * 1/6 ≈ 0.167; an example counts as solved when |output − target| &lt; {@link #ADDING_TOLERANCE} (0.04, the
     * 1997 paper's criterion). The first marked value must be remembered for at least {@code steps / 2} steps,
     * so the task measures how far back a network can carry information. (The 1997 original draws values from
     * [−1, 1], puts the first marker among the first 10 steps and scales the target to [0, 1].)
     *
     * <p>The sequences are fixed: the same for every call with the same sizes (the training and the test set
     * come from two seeded generators), so runs and models compare.
     *
     * @param steps    the sequence length T, {@code >= 2}
     * @param training training sequences, {@code >= 1}
     * @param test     test sequences, {@code >= 1}
     * @return the sets, named {@code adding:T/train} and {@code adding:T/test}, each a sequence regression set
     *         of T steps of 2 features and 1 target
     * @throws IllegalArgumentException if a size is out of range
     */
    public static TrainTest adding(int steps, int training, int test) {
        if (steps < 2 || training < 1 || test < 1) {
            throw new IllegalArgumentException("the adding problem needs steps >= 2 and at least one training and"
                    + " test sequence, was steps " + steps + ", training " + training + ", test " + test);
        }
        String name = ADDING + ":" + steps;
        return new TrainTest(addingSet(name + "/train", steps, training, 1997),
                addingSet(name + "/test", steps, test, 2015));
    }

    private static Dataset addingSet(String name, int steps, int size, long seed) {
        long floats = (long) size * steps * 2;
        if (floats > IdxReader.MAX_ARRAY) {
            throw new IllegalArgumentException(name + ": " + n(size) + " sequences of " + n(steps) + " steps are "
                    + n(floats) + " floats, more than one Java array holds");
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[(int) floats];
        float[] y = new float[size];
        int half = steps / 2;
        for (int i = 0; i < size; i++) {
            int row = i * steps * 2;
            for (int t = 0; t < steps; t++) {
                x[row + 2 * t] = (float) random.nextDouble();
            }
            int first = random.nextInt(half);
            int second = half + random.nextInt(steps - half);
            x[row + 2 * first + 1] = 1f;
            x[row + 2 * second + 1] = 1f;
            y[i] = x[row + 2 * first] + x[row + 2 * second];
        }
        return Dataset.regression(name, steps, 2, x, y, 1, ADDING_TOLERANCE, true);
    }

    /**
     * Loads the bundled MNIST subset: 8,000 training and 2,000 test digits of 28x28, classes "0" to "9".
     *
     * @return the training and test sets, named "digits/train" and "digits/test"
     * @throws IOException if the resources are missing from the jar or damaged
     */
    public static TrainTest digits() throws IOException {
        Dataset train = readResource("digits/train", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
        Dataset test = readResource("digits/test", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        return new TrainTest(train, test);
    }

    /**
     * Loads a directory holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
     * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each raw or gzip (with ".gz"; the
     * raw file wins if both exist). Labels must be below 10. The classes are named as Fashion-MNIST's when the
     * directory or its parent has "fashion" in its name, else "0" to "9".
     *
     * @param directory the directory
     * @return the training and test sets, named "{directory name}/train" and "{directory name}/test"
     * @throws FileNotFoundException if the directory or one of its files is missing (the message lists the
     *                               file names looked for)
     * @throws IdxFormatException    if a file is not a valid IDX file of the expected kind
     * @throws InsufficientHeapException if the data needs more heap than the JVM can give
     * @throws IOException           if reading fails
     */
    public static TrainTest load(Path directory) throws IOException {
        return load(directory, looksLikeFashion(directory) ? FASHION_CLASS_NAMES : DIGIT_CLASS_NAMES);
    }

    /**
     * Loads a directory of the four standard files as {@link #load(Path)} does, with the given classes.
     *
     * @param directory  the directory
     * @param classNames class names by label; every label must be below their number
     * @return the training and test sets
     * @throws FileNotFoundException if the directory or one of its files is missing
     * @throws IdxFormatException    if a file is not a valid IDX file of the expected kind, or the training
     *                               and test images differ in shape
     * @throws InsufficientHeapException if the data needs more heap than the JVM can give
     * @throws IOException           if reading fails
     */
    public static TrainTest load(Path directory, List<String> classNames) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(classNames, "classNames");
        Path[] files = standardFiles(directory);
        String name = directory.toAbsolutePath().normalize().getFileName() == null ? directory.toString()
                : directory.toAbsolutePath().normalize().getFileName().toString();
        Dataset train = read(name + "/train", files[0], files[1], classNames);
        Dataset test = read(name + "/test", files[2], files[3], classNames);
        if (test.rows() != train.rows() || test.cols() != train.cols()) {
            throw new IdxFormatException(files[2].toString(), 8, files[2] + ": images of " + test.rows() + "x"
                    + test.cols() + " at bytes 8 to 15, but the training images " + files[0] + " are "
                    + train.rows() + "x" + train.cols());
        }
        return new TrainTest(train, test);
    }

    /**
     * Reads one IDX image file and its label file (each raw or gzip, detected from the content) as a data set.
     * Pixels become {@code byte / 255f}. The sizes in each header are checked against the file's length before
     * anything that size is allocated, and the data streams into the data set's arrays: loading needs 4 bytes
     * of heap per pixel and per label, nothing more.
     *
     * @param name       the data set's name for messages
     * @param images     an unsigned-byte IDX image file (magic 0x00000803)
     * @param labels     an unsigned-byte IDX label file (magic 0x00000801) with one label per image
     * @param classNames class names by label; every label must be below their number
     * @return the data set
     * @throws IdxFormatException         if a file is invalid or the counts differ
     * @throws InsufficientHeapException if the data needs more heap than the JVM can give
     * @throws IOException                if reading fails
     */
    public static Dataset read(String name, Path images, Path labels, List<String> classNames) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        if (classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException("classNames must name at least one class, was " + classNames);
        }
        IdxReader.Images x = IdxReader.readImages(images);
        int[] y = IdxReader.readLabels(labels, classNames.size());
        return assemble(name, x, y, images.toString(), labels.toString(), classNames);
    }

    private static Dataset readResource(String name, String imagesFile, String labelsFile) throws IOException {
        String images = RESOURCE_DIR + imagesFile;
        String labels = RESOURCE_DIR + labelsFile;
        IdxReader.Images x;
        int[] y;
        try (InputStream in = resource(images)) {
            x = IdxReader.readImages(in, images + " (bundled)");
        }
        try (InputStream in = resource(labels)) {
            y = IdxReader.readLabels(in, labels + " (bundled)", DIGIT_CLASS_NAMES.size());
        }
        return assemble(name, x, y, images + " (bundled)", labels + " (bundled)", DIGIT_CLASS_NAMES);
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = DataSets.class.getResourceAsStream(path);
        if (in == null) {
            throw new FileNotFoundException("bundled data set resource dev/lanes/nn/data/" + path
                    + " is missing from the lanes-nn jar (was it repackaged without its resources?)");
        }
        return in;
    }

    private static Dataset assemble(String name, IdxReader.Images x, int[] y, String imagesSource,
                                    String labelsSource, List<String> classNames) throws IdxFormatException {
        if (x.count() != y.length) {
            throw new IdxFormatException(labelsSource, 4, labelsSource + ": label count at byte 4 is " + n(y.length)
                    + " but " + imagesSource + " holds " + n(x.count()) + " images");
        }
        return new Dataset(name, x.rows(), x.cols(), x.pixels(), y, List.copyOf(classNames));
    }

    /** The four files, raw preferred over gzip; one exception listing everything missing. */
    private static Path[] standardFiles(Path directory) throws FileNotFoundException {
        String expected = String.join(", ", STANDARD_FILES) + " (each optionally with .gz)";
        if (!Files.isDirectory(directory)) {
            throw new FileNotFoundException(directory + ": " + (Files.exists(directory) ? "not a directory"
                    : "no such directory") + "; expected \"" + DIGITS + "\" (the bundled MNIST subset) or a"
                    + " directory holding " + expected);
        }
        Path[] files = new Path[STANDARD_FILES.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            String base = STANDARD_FILES.get(i);
            Path raw = directory.resolve(base);
            Path gz = directory.resolve(base + ".gz");
            files[i] = Files.isRegularFile(raw) ? raw : Files.isRegularFile(gz) ? gz : null;
            if (files[i] == null) {
                missing.add(base + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new FileNotFoundException(directory + ": missing " + String.join(", ", missing)
                    + "; an MNIST-layout directory holds " + expected);
        }
        return files;
    }

    private static boolean looksLikeFashion(Path directory) {
        Path p = directory.toAbsolutePath().normalize();
        for (int up = 0; up < 2 && p != null; up++, p = p.getParent()) {
            Path name = p.getFileName();
            if (name != null && name.toString().toLowerCase(Locale.ROOT).contains("fashion")) {
                return true;
            }
        }
        return false;
    }
}
