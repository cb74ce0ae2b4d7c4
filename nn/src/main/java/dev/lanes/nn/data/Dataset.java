package dev.lanes.nn.data;

import static dev.lanes.nn.data.IdxReader.n;

import dev.lanes.nn.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * An immutable set of examples: {@link #size()} examples of {@link #rows()} x {@link #cols()} float features
 * each (row-major, {@link #features()} per example), and either one class label in {@code [0, classes())} per
 * example (a classification set) or {@link #targetSize()} real target values per example (a
 * {@linkplain #isRegression() regression} set, e.g. the adding problem of {@link DataSets#adding}). Trainers
 * read it through the {@code copyBatch} and {@code copyTargets} methods, which copy into caller-owned arrays
 * without allocating.
 *
 * <p>The rows of an example are its image rows, or its time steps: {@link #sequenceShape()} reads each
 * example as {@code rows} steps of {@code cols} features (an image row by row, as in sequential MNIST), with
 * the same floats.
 */
public final class Dataset {

    private final String name;
    private final int rows;
    private final int cols;
    private final int features;
    private final float[] x;
    /** The labels of a classification set; null for a regression set. */
    private final int[] y;
    private final List<String> classNames;
    /** The targets of a regression set, {@code targetSize} per example; null for a classification set. */
    private final float[] targets;
    private final int targetSize;
    private final float tolerance;
    private final boolean sequence;

    /** A classification set; takes ownership of the arrays, which the caller has already checked. */
    Dataset(String name, int rows, int cols, float[] x, int[] y, List<String> classNames) {
        this(name, rows, cols, x, y, classNames, null, 0, Float.NaN, false);
    }

    private Dataset(String name, int rows, int cols, float[] x, int[] y, List<String> classNames, float[] targets,
                    int targetSize, float tolerance, boolean sequence) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.features = rows * cols;
        this.x = x;
        this.y = y;
        this.classNames = classNames;
        this.targets = targets;
        this.targetSize = targetSize;
        this.tolerance = tolerance;
        this.sequence = sequence;
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

    /**
     * A regression set from copies of the given arrays: real targets instead of labels. An example counts as
     * right (for {@code accuracy}) when every output is within {@code tolerance} of its target.
     *
     * @param name       a name for messages, e.g. {@code "adding:100/train"}
     * @param steps      rows of an example: its time steps (or image rows), {@code >= 1}
     * @param cols       features per row, {@code >= 1}
     * @param features   {@code examples * steps * cols} finite floats, example-major then row-major
     * @param targets    {@code examples * targetSize} finite floats, example-major
     * @param targetSize values per example, {@code >= 1}
     * @param tolerance  the largest |output − target| of an example counted right, {@code >= 0}
     * @param sequence   whether the examples are sequences by nature ({@link #shape()} is then a sequence)
     * @return the data set
     * @throws IllegalArgumentException if a shape, a feature, a target or the tolerance is invalid
     */
    public static Dataset regression(String name, int steps, int cols, float[] features, float[] targets,
                                     int targetSize, float tolerance, boolean sequence) {
        Objects.requireNonNull(name, "name");
        if (steps < 1 || cols < 1 || targetSize < 1) {
            throw new IllegalArgumentException(name + ": steps, cols and targetSize must be >= 1, were " + steps + ", "
                    + cols + " and " + targetSize);
        }
        if (!(tolerance >= 0) || Float.isInfinite(tolerance)) {
            throw new IllegalArgumentException(name + ": tolerance must be finite and >= 0, was " + tolerance);
        }
        if (features == null || targets == null) {
            throw new IllegalArgumentException(name + ": features and targets must not be null");
        }
        if (targets.length % targetSize != 0) {
            throw new IllegalArgumentException(name + ": targets holds " + n(targets.length) + " floats, not a"
                    + " multiple of targetSize " + targetSize);
        }
        int examples = targets.length / targetSize;
        long needed = (long) examples * steps * cols;
        if (needed != features.length) {
            throw new IllegalArgumentException(name + ": features must hold " + n(examples) + " examples of " + steps
                    + "x" + cols + " = " + n(needed) + " floats, has " + n(features.length));
        }
        checkFinite(name, "features", features, steps * cols);
        checkFinite(name, "targets", targets, targetSize);
        return new Dataset(name, steps, cols, features.clone(), null, List.of(), targets.clone(), targetSize,
                tolerance, sequence);
    }

    private static void checkFinite(String name, String what, float[] values, int perExample) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + ": " + what + "[" + i + "] (example " + i / perExample
                        + ") is " + values[i] + ", must be finite");
            }
        }
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
        return y != null ? y.length : targets.length / targetSize;
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
     * Whether the examples have real targets ({@link #copyTargets}) rather than class labels.
     *
     * @return true for a regression set
     */
    public boolean isRegression() {
        return targets != null;
    }

    /**
     * Real target values per example of a regression set.
     *
     * @return the number of targets per example; 0 for a classification set
     */
    public int targetSize() {
        return targetSize;
    }

    /**
     * How close every output of an example must be to its target for the example to count as right in a
     * regression set (0.04 for the adding problem, its usual success criterion).
     *
     * @return the tolerance; NaN for a classification set
     */
    public float tolerance() {
        return tolerance;
    }

    /**
     * The shape of one example as the data is meant: a sequence of {@link #rows()} steps of {@link #cols()}
     * features for a sequence set (the adding problem), else a one-channel image of {@code rows x cols}.
     *
     * @return the shape
     */
    public Shape shape() {
        return sequence ? sequenceShape() : Shape.image(1, rows, cols);
    }

    /**
     * Each example read as a sequence: {@link #rows()} time steps of {@link #cols()} features, the same floats
     * in the same order (an image row by row: 28 steps of 28 pixels for MNIST).
     *
     * @return {@code Shape.sequence(rows(), cols())}
     */
    public Shape sequenceShape() {
        return Shape.sequence(rows, cols);
    }

    /**
     * The number of classes; every label is below it.
     *
     * @return the number of classes, {@code >= 1}; 0 for a regression set
     */
    public int classes() {
        return classNames.size();
    }

    /**
     * Display names of the classes, indexed by label.
     *
     * @return an unmodifiable list of {@link #classes()} names (empty for a regression set)
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
     * @throws IllegalStateException    for a regression set
     */
    public int label(int index) {
        requireLabels();
        checkIndex("index", index);
        return y[index];
    }

    /**
     * A copy of all labels.
     *
     * @return {@link #size()} class indices
     * @throws IllegalStateException for a regression set
     */
    public int[] labels() {
        requireLabels();
        return y.clone();
    }

    /**
     * A copy of one example's targets.
     *
     * @param index an example index in {@code [0, size())}
     * @return {@link #targetSize()} floats
     * @throws IllegalArgumentException if {@code index} is out of range
     * @throws IllegalStateException    for a classification set
     */
    public float[] target(int index) {
        requireTargets();
        checkIndex("index", index);
        return Arrays.copyOfRange(targets, index * targetSize, (index + 1) * targetSize);
    }

    private void requireLabels() {
        if (y == null) {
            throw new IllegalStateException(name + " is a regression set: its examples have real targets, not"
                    + " labels");
        }
    }

    private void requireTargets() {
        if (targets == null) {
            throw new IllegalStateException(name + " is a classification set: its examples have labels, not real"
                    + " targets");
        }
    }

    /**
     * How many examples each class has.
     *
     * @return {@link #classes()} counts
     */
    public int[] classCounts() {
        int[] counts = new int[classes()];
        if (y != null) {
            for (int label : y) {
                counts[label]++;
            }
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
     * @throws IllegalStateException    if {@code y} is given for a regression set
     */
    public void copyBatch(int from, int count, float[] x, int xOffset, int[] y, int yOffset) {
        if (from < 0 || count < 0 || (long) from + count > size()) {
            throw new IllegalArgumentException("examples from=" + from + ", count=" + count + " must lie in 0 to "
                    + size() + " (the size of " + name + ")");
        }
        checkDestinations(count, x, xOffset, y, yOffset);
        if (y != null) {
            requireLabels();
        }
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
     * @throws IllegalStateException    if {@code y} is given for a regression set
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
        if (y != null) {
            requireLabels();
        }
        checkOrder(order, from, count);
        for (int i = 0; i < count; i++) {
            int example = order[from + i];
            System.arraycopy(this.x, example * features, x, xOffset + i * features, features);
            if (y != null) {
                y[yOffset + i] = this.y[example];
            }
        }
    }

    /**
     * Copies the targets of examples {@code from .. from + count - 1} of a regression set to {@code y} starting
     * at {@code yOffset}, {@link #targetSize()} floats per example. Allocates nothing.
     *
     * @param from    the first example
     * @param count   how many examples
     * @param y       the destination
     * @param yOffset where the first target goes in {@code y}
     * @throws IllegalArgumentException if the range is outside the data set or {@code y} is too short
     * @throws IllegalStateException    for a classification set
     */
    public void copyTargets(int from, int count, float[] y, int yOffset) {
        requireTargets();
        if (from < 0 || count < 0 || (long) from + count > size()) {
            throw new IllegalArgumentException("examples from=" + from + ", count=" + count + " must lie in 0 to "
                    + size() + " (the size of " + name + ")");
        }
        checkTargetDestination(count, y, yOffset);
        System.arraycopy(targets, from * targetSize, y, yOffset, count * targetSize);
    }

    /**
     * Copies the targets of examples {@code order[from] .. order[from + count - 1]} of a regression set, in
     * that order, to {@code y} starting at {@code yOffset}, {@link #targetSize()} floats per example: the
     * targets of what {@link #copyBatch(int[], int, int, float[], int, int[], int)} copies. Allocates nothing;
     * checks every index before copying.
     *
     * @param order   example indices
     * @param from    the first position in {@code order}
     * @param count   how many examples
     * @param y       the destination
     * @param yOffset where the first target goes in {@code y}
     * @throws IllegalArgumentException if the slice is outside {@code order}, an index is outside the data set,
     *                                  or {@code y} is too short
     * @throws IllegalStateException    for a classification set
     */
    public void copyTargets(int[] order, int from, int count, float[] y, int yOffset) {
        requireTargets();
        if (order == null) {
            throw new IllegalArgumentException("order must not be null");
        }
        if (from < 0 || count < 0 || (long) from + count > order.length) {
            throw new IllegalArgumentException("from=" + from + ", count=" + count + " must lie in 0 to "
                    + order.length + " (order.length)");
        }
        checkTargetDestination(count, y, yOffset);
        checkOrder(order, from, count);
        for (int i = 0; i < count; i++) {
            System.arraycopy(targets, order[from + i] * targetSize, y, yOffset + i * targetSize, targetSize);
        }
    }

    private void checkTargetDestination(int count, float[] y, int yOffset) {
        if (y == null) {
            throw new IllegalArgumentException("y must not be null");
        }
        long needed = (long) yOffset + (long) count * targetSize;
        if (yOffset < 0 || needed > y.length) {
            throw new IllegalArgumentException("y is too short for " + count + " examples of " + targetSize
                    + " targets at yOffset=" + yOffset + ": needs " + needed + " floats, has " + y.length);
        }
    }

    private void checkOrder(int[] order, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (order[i] < 0 || order[i] >= size()) {
                throw new IllegalArgumentException("order[" + i + "] is " + order[i] + ", not an example index of "
                        + name + " (0 to " + (size() - 1) + ")");
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
        if (targets != null) {
            float[] st = new float[Math.multiplyExact(indices.length, targetSize)];
            copyBatch(indices, 0, indices.length, sx, 0, null, 0);
            copyTargets(indices, 0, indices.length, st, 0);
            return new Dataset(subsetName, rows, cols, sx, null, classNames, st, targetSize, tolerance, sequence);
        }
        int[] sy = new int[indices.length];
        copyBatch(indices, 0, indices.length, sx, 0, sy, 0);
        return new Dataset(subsetName, rows, cols, sx, sy, classNames);
    }

    /**
     * Splits off a validation set, stratified and reproducible: it takes {@code round(validationFraction *
     * size())} examples, spread over the classes in proportion to their counts (largest remainders get the
     * rounding), chosen per class at random from {@code seed} (a regression set is one class). Both parts keep
     * this set's order.
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
        int[] counts = groupCounts();
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

    /** The examples per class, or all of them as one group for a regression set. */
    private int[] groupCounts() {
        return y != null ? classCounts() : new int[] {size()};
    }

    private int[][] indicesByClass() {
        int[] counts = groupCounts();
        int[][] byClass = new int[counts.length][];
        for (int c = 0; c < counts.length; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[counts.length];
        for (int i = 0; i < size(); i++) {
            int group = y != null ? y[i] : 0;
            byClass[group][filled[group]++] = i;
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
        return name + ": " + n(size()) + " examples of " + rows + "x" + cols + ", " + (targets == null
                ? classes() + " classes" : targetSize + (targetSize == 1 ? " target" : " targets"));
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
