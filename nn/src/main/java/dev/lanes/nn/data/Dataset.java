package dev.lanes.nn.data;

import static dev.lanes.nn.data.IdxReader.n;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * An immutable set of labelled examples: {@link #size()} images of {@link #rows()} x {@link #cols()} float
 * features each (row-major, {@link #features()} per example), and one class label in
 * {@code [0, classes())} per example. Trainers read it through the {@code copyBatch} methods, which copy
 * into caller-owned arrays without allocating.
 */
public final class Dataset {

    private final String name;
    private final int rows;
    private final int cols;
    private final int features;
    private final float[] x;
    private final int[] y;
    private final List<String> classNames;

    /** Takes ownership of the arrays, which the caller has already checked. */
    Dataset(String name, int rows, int cols, float[] x, int[] y, List<String> classNames) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.features = rows * cols;
        this.x = x;
        this.y = y;
        this.classNames = classNames;
    }

    /**
     * A data set from copies of the given arrays.
     *
     * @param name       a name for messages, e.g. {@code "digits/train"}
     * @param rows       image rows, {@code >= 1}
     * @param cols       image columns, {@code >= 1}
     * @param features   {@code labels.length * rows * cols} finite floats, example-major then row-major
     * @param labels     one class index per example, each in {@code [0, classNames.size())}
     * @param classNames display names of the classes, at least one; their number is {@link #classes()}
     * @return the data set
     * @throws IllegalArgumentException if a shape, a feature or a label is invalid (the message says which)
     */
    public static Dataset of(String name, int rows, int cols, float[] features, int[] labels,
                             List<String> classNames) {
        Objects.requireNonNull(name, "name");
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(name + ": rows and cols must be >= 1, were " + rows + " and " + cols);
        }
        if (features == null || labels == null) {
            throw new IllegalArgumentException(name + ": features and labels must not be null");
        }
        List<String> names = checkedClassNames(name, classNames);
        long needed = (long) labels.length * rows * cols;
        if (needed != features.length) {
            throw new IllegalArgumentException(name + ": features must hold " + n(labels.length) + " examples of "
                    + rows + "x" + cols + " = " + n(needed) + " floats, has " + n(features.length));
        }
        for (int i = 0; i < features.length; i++) {
            if (!Float.isFinite(features[i])) {
                throw new IllegalArgumentException(name + ": features[" + i + "] (example " + i / (rows * cols)
                        + ", pixel " + i % (rows * cols) + ") is " + features[i] + ", must be finite");
            }
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= names.size()) {
                throw new IllegalArgumentException(name + ": labels[" + i + "] is " + labels[i] + ", must be in 0 to "
                        + (names.size() - 1) + " (" + names.size() + " classes)");
            }
        }
        return new Dataset(name, rows, cols, features.clone(), labels.clone(), names);
    }

    /**
     * A data set whose classes are named by their index ("0", "1", ...); otherwise as
     * {@link #of(String, int, int, float[], int[], List)}.
     *
     * @param name     a name for messages
     * @param rows     image rows, {@code >= 1}
     * @param cols     image columns, {@code >= 1}
     * @param features {@code labels.length * rows * cols} finite floats
     * @param labels   one class index per example, each in {@code [0, classes)}
     * @param classes  number of classes, {@code >= 1}
     * @return the data set
     * @throws IllegalArgumentException if a shape, a feature or a label is invalid
     */
    public static Dataset of(String name, int rows, int cols, float[] features, int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException(name + ": classes must be >= 1, was " + classes);
        }
        return of(name, rows, cols, features, labels, indexNames(classes));
    }

    static List<String> indexNames(int classes) {
        List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return List.copyOf(names);
    }

    private static List<String> checkedClassNames(String name, List<String> classNames) {
        if (classNames == null || classNames.isEmpty()) {
            throw new IllegalArgumentException(name + ": classNames must name at least one class, was "
                    + classNames);
        }
        for (int c = 0; c < classNames.size(); c++) {
            if (classNames.get(c) == null) {
                throw new IllegalArgumentException(name + ": classNames[" + c + "] is null");
            }
        }
        return List.copyOf(classNames);
    }

    /**
     * The name used in messages, e.g. {@code "digits/train"}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The number of examples.
     *
     * @return the number of examples, {@code >= 0}
     */
    public int size() {
        return y.length;
    }

    /**
     * Features per example: {@code rows() * cols()} (784 for MNIST).
     *
     * @return the number of features
     */
    public int features() {
        return features;
    }

    /**
     * Image rows (28 for MNIST).
     *
     * @return the number of rows
     */
    public int rows() {
        return rows;
    }

    /**
     * Image columns (28 for MNIST).
     *
     * @return the number of columns
     */
    public int cols() {
        return cols;
    }

    /**
     * The number of classes; every label is below it.
     *
     * @return the number of classes, {@code >= 1}
     */
    public int classes() {
        return classNames.size();
    }

    /**
     * Display names of the classes, indexed by label.
     *
     * @return an unmodifiable list of {@link #classes()} names
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * The display name of one class, e.g. "7" for MNIST digits or "Sneaker" for Fashion-MNIST.
     *
     * @param label a class index in {@code [0, classes())}
     * @return its name
     * @throws IllegalArgumentException if {@code label} is out of range
     */
    public String className(int label) {
        if (label < 0 || label >= classNames.size()) {
            throw new IllegalArgumentException("label must be in 0 to " + (classNames.size() - 1) + " for " + name
                    + ", was " + label);
        }
        return classNames.get(label);
    }

    /**
     * The label of one example.
     *
     * @param index an example index in {@code [0, size())}
     * @return its class index
     * @throws IllegalArgumentException if {@code index} is out of range
     */
    public int label(int index) {
        checkIndex("index", index);
        return y[index];
    }

    /**
     * A copy of all labels.
     *
     * @return {@link #size()} class indices
     */
    public int[] labels() {
        return y.clone();
    }

    /**
     * How many examples each class has.
     *
     * @return {@link #classes()} counts
     */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * A copy of one example's features.
     *
     * @param index an example index in {@code [0, size())}
     * @return {@link #features()} floats, row-major
     * @throws IllegalArgumentException if {@code index} is out of range
     */
    public float[] example(int index) {
        checkIndex("index", index);
        return Arrays.copyOfRange(x, index * features, (index + 1) * features);
    }

    /**
     * Copies examples {@code from .. from + count - 1} in order: their features to {@code x} starting at
     * {@code xOffset} ({@code count * features()} floats, one row per example) and, unless {@code y} is null,
     * their labels to {@code y} starting at {@code yOffset}. Allocates nothing.
     *
     * @param from    first example
     * @param count   number of examples, {@code >= 0}
     * @param x       destination of the features
     * @param xOffset where the first example's features go
     * @param y       destination of the labels, or null to skip them
     * @param yOffset where the first label goes
     * @throws IllegalArgumentException if the range is outside the data set or a destination is too short
     */
    public void copyBatch(int from, int count, float[] x, int xOffset, int[] y, int yOffset) {
        if (from < 0 || count < 0 || (long) from + count > size()) {
            throw new IllegalArgumentException("examples from=" + from + ", count=" + count + " must lie in 0 to "
                    + size() + " (the size of " + name + ")");
        }
        checkDestinations(count, x, xOffset, y, yOffset);
        System.arraycopy(this.x, from * features, x, xOffset, count * features);
        if (y != null) {
            System.arraycopy(this.y, from, y, yOffset, count);
        }
    }

    /**
     * Copies the examples {@code order[from] .. order[from + count - 1]}, in that order: their features to
     * {@code x} starting at {@code xOffset} ({@code count * features()} floats, one row per example) and,
     * unless {@code y} is null, their labels to {@code y} starting at {@code yOffset}. The usual call takes
     * consecutive slices of a shuffled permutation. Allocates nothing; checks every index before copying.
     *
     * @param order   example indices
     * @param from    first position in {@code order}
     * @param count   number of examples, {@code >= 0}
     * @param x       destination of the features
     * @param xOffset where the first example's features go
     * @param y       destination of the labels, or null to skip them
     * @param yOffset where the first label goes
     * @throws IllegalArgumentException if the slice is outside {@code order}, an index is outside the data set,
     *                                  or a destination is too short
     */
    public void copyBatch(int[] order, int from, int count, float[] x, int xOffset, int[] y, int yOffset) {
        if (order == null) {
            throw new IllegalArgumentException("order must not be null");
        }
        if (from < 0 || count < 0 || (long) from + count > order.length) {
            throw new IllegalArgumentException("from=" + from + ", count=" + count + " must lie in 0 to "
                    + order.length + " (order.length)");
        }
        checkDestinations(count, x, xOffset, y, yOffset);
        for (int i = from; i < from + count; i++) {
            if (order[i] < 0 || order[i] >= size()) {
                throw new IllegalArgumentException("order[" + i + "] is " + order[i] + ", not an example index of "
                        + name + " (0 to " + (size() - 1) + ")");
            }
        }
        for (int i = 0; i < count; i++) {
            int example = order[from + i];
            System.arraycopy(this.x, example * features, x, xOffset + i * features, features);
            if (y != null) {
                y[yOffset + i] = this.y[example];
            }
        }
    }

    private void checkDestinations(int count, float[] x, int xOffset, int[] y, int yOffset) {
        if (x == null) {
            throw new IllegalArgumentException("x must not be null");
        }
        long needed = (long) xOffset + (long) count * features;
        if (xOffset < 0 || needed > x.length) {
            throw new IllegalArgumentException("x is too short for " + count + " examples of " + features
                    + " features at xOffset=" + xOffset + ": needs " + needed + " floats, has " + x.length);
        }
        if (y != null && (yOffset < 0 || (long) yOffset + count > y.length)) {
            throw new IllegalArgumentException("y is too short for " + count + " labels at yOffset=" + yOffset
                    + ": needs " + ((long) yOffset + count) + " ints, has " + y.length);
        }
    }

    /**
     * The examples at {@code indices}, in that order (an index may repeat), named {@code name() + "[subset of
     * N]"}.
     *
     * @param indices example indices in {@code [0, size())}
     * @return a new data set of {@code indices.length} examples
     * @throws IllegalArgumentException if an index is out of range
     */
    public Dataset subset(int[] indices) {
        return subset(name + "[subset of " + (indices == null ? 0 : indices.length) + "]", indices);
    }

    private Dataset subset(String subsetName, int[] indices) {
        if (indices == null) {
            throw new IllegalArgumentException("indices must not be null");
        }
        long floats = (long) indices.length * features;
        if (floats > IdxReader.MAX_ARRAY) {
            throw new IllegalArgumentException(n(indices.length) + " examples of " + features + " features are "
                    + n(floats) + " floats, more than one Java array holds (" + n(IdxReader.MAX_ARRAY) + ")");
        }
        float[] sx = new float[(int) floats];
        int[] sy = new int[indices.length];
        copyBatch(indices, 0, indices.length, sx, 0, sy, 0);
        return new Dataset(subsetName, rows, cols, sx, sy, classNames);
    }

    /**
     * Splits off a validation set, stratified and reproducible: it takes {@code round(validationFraction *
     * size())} examples, spread over the classes in proportion to their counts (largest remainders get the
     * rounding), chosen per class at random from {@code seed}. Both parts keep this set's order.
     *
     * @param validationFraction share of the examples for validation, {@code 0 < validationFraction < 1}
     * @param seed               seed of the random choice; the same seed gives the same split
     * @return the training and validation parts, both non-empty
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or leaves a part empty
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be > 0 and < 1, was " + validationFraction);
        }
        int n = size();
        int[] quota = classQuotas(validationFraction, Math.round(validationFraction * n));
        int held = Arrays.stream(quota).sum();
        if (held < 1 || held >= n) {
            throw new IllegalArgumentException("validationFraction " + validationFraction + " of the " + n(n)
                    + " examples of " + name + " leaves " + (held < 1 ? "no validation" : "no training")
                    + " example");
        }
        boolean[] validation = new boolean[n];
        Random random = new Random(seed);
        int[][] byClass = indicesByClass();
        for (int c = 0; c < byClass.length; c++) {
            int[] members = byClass[c];
            // Partial Fisher-Yates: the first quota[c] slots end up a uniform random sample of the class.
            for (int i = 0; i < quota[c]; i++) {
                int j = i + random.nextInt(members.length - i);
                int t = members[i];
                members[i] = members[j];
                members[j] = t;
                validation[members[i]] = true;
            }
        }
        int[] trainIndices = new int[n - held];
        int[] validationIndices = new int[held];
        int t = 0;
        int v = 0;
        for (int i = 0; i < n; i++) {
            if (validation[i]) {
                validationIndices[v++] = i;
            } else {
                trainIndices[t++] = i;
            }
        }
        return new Split(subset(name + "[training part]", trainIndices),
                subset(name + "[validation part]", validationIndices));
    }

    /** Per-class validation counts: floors of the proportional shares, plus one for the largest remainders. */
    private int[] classQuotas(double fraction, long target) {
        int[] counts = classCounts();
        int classes = counts.length;
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int assigned = 0;
        for (int c = 0; c < classes; c++) {
            double share = fraction * counts[c];
            quota[c] = (int) Math.floor(share);
            remainder[c] = share - quota[c];
            assigned += quota[c];
        }
        // Exact arithmetic gives assigned <= floor(f n) <= target = round(f n) <= f n + 1/2, so the extra ones
        // needed, at most ceil(sum of remainders), never exceed the number of classes with a positive remainder
        // (each remainder is < 1). The guard on best only matters if rounding of f * count broke that.
        for (long left = target - assigned; left > 0; left--) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (quota[c] < counts[c] && (best < 0 || remainder[c] > remainder[best])) {
                    best = c;
                }
            }
            if (best < 0 || remainder[best] <= 0) {
                break;
            }
            quota[best]++;
            remainder[best] = -1;
        }
        return quota;
    }

    private int[][] indicesByClass() {
        int[] counts = classCounts();
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < y.length; i++) {
            byClass[y[i]][filled[y[i]]++] = i;
        }
        return byClass;
    }

    private void checkIndex(String what, int index) {
        if (index < 0 || index >= size()) {
            throw new IllegalArgumentException(what + " must be in 0 to " + (size() - 1) + " for " + name + ", was "
                    + index);
        }
    }

    /**
     * A summary such as {@code "digits/train: 8,000 examples of 28x28, 10 classes"}.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        return name + ": " + n(size()) + " examples of " + rows + "x" + cols + ", " + classes() + " classes";
    }

    /**
     * The two parts of {@link #split(double, long)}.
     *
     * @param training   the examples left for training
     * @param validation the examples held out for validation
     */
    public record Split(Dataset training, Dataset validation) {

        /**
         * Checks both parts are present.
         *
         * @param training   the examples left for training
         * @param validation the examples held out for validation
         */
        public Split {
            Objects.requireNonNull(training, "training");
            Objects.requireNonNull(validation, "validation");
        }
    }
}
