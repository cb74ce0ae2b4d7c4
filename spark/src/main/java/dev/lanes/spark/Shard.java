package dev.lanes.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

/**
 * The examples of one partition packed for the kernels (row-major floats and int labels), built once per fit
 * from the partition's rows and cached by Spark where the partition lives. Training reads it; it is never
 * sent to the driver. A partition with a bad row keeps no examples and says why in its {@link #report}.
 */
final class Shard implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The most floats one partition's examples may take (one Java array). */
    static final long MAX_FLOATS = Integer.MAX_VALUE - 8;

    final int partition;
    /** Floats per example. */
    final int features;
    final float[] x;
    final int[] y;
    final int size;
    final float[] validationX;
    final int[] validationY;
    final int validationSize;
    final InputReport report;

    private Shard(int partition, int features, Packed train, Packed validation, InputReport report) {
        this.partition = partition;
        this.features = features;
        this.x = train.x;
        this.y = train.y;
        this.size = train.rows;
        this.validationX = validation.x;
        this.validationY = validation.y;
        this.validationSize = validation.rows;
        this.report = report;
    }

    /** Copies training examples {@code order[from .. from + count)} into {@code xOut} and {@code yOut}. */
    void copyBatch(int[] order, int from, int count, float[] xOut, int[] yOut) {
        for (int i = 0; i < count; i++) {
            int e = order[from + i];
            System.arraycopy(x, e * features, xOut, i * features, features);
            yOut[i] = y[e];
        }
    }

    /**
     * Packs a partition's rows of (features vector, numeric label[, boolean validation indicator]), checking
     * each: a null, NaN or out-of-float-range value, a label that is not a non-negative integer, or a vector
     * whose size differs from the partition's first row stops the packing and becomes the report's problem.
     */
    static Shard build(int partition, Iterator<Row> rows, Columns columns) {
        Packed train = new Packed();
        Packed validation = new Packed();
        int vectorSize = -1;
        int maxLabel = -1;
        int maxLabelRow = -1;
        int row = 0;
        float[] buffer = new float[0];
        String problem = null;
        for (; rows.hasNext(); row++) {
            Row r = rows.next();
            String where = "row " + row + " of partition " + partition;
            Object f = r.get(0);
            if (!(f instanceof Vector v)) {
                problem = columns.features + " of " + where + " is " + (f == null ? "null" : f.getClass().getName())
                        + ", not a vector";
                break;
            }
            if (vectorSize < 0) {
                vectorSize = v.size();
                buffer = new float[vectorSize];
            } else if (v.size() != vectorSize) {
                problem = columns.features + " of " + where + " has " + v.size() + " values, the rows before it "
                        + vectorSize;
                break;
            }
            problem = toFloats(v, buffer, columns.features + " of " + where);
            if (problem != null) {
                break;
            }
            Object l = r.get(1);
            if (!(l instanceof Number number)) {
                problem = columns.label + " of " + where + " is " + (l == null ? "null" : "not a number: " + l);
                break;
            }
            double label = number.doubleValue();
            if (!(label >= 0 && label <= Integer.MAX_VALUE - 8 && label == Math.rint(label))) {
                problem = columns.label + " of " + where + " is " + label
                        + ": class labels must be integers 0, 1, 2, ...";
                break;
            }
            boolean held = false;
            if (columns.validation != null) {
                Object indicator = r.get(2);
                if (!(indicator instanceof Boolean b)) {
                    problem = columns.validation + " of " + where + " is " + (indicator == null ? "null" : indicator)
                            + ", not a boolean";
                    break;
                }
                held = b;
            }
            if ((long) (train.rows + validation.rows + 1) * vectorSize > MAX_FLOATS) {
                problem = "partition " + partition + " holds more than " + (MAX_FLOATS / vectorSize)
                        + " examples of " + vectorSize + " features, more than one array holds: repartition the"
                        + " data into more partitions";
                break;
            }
            if ((int) label > maxLabel) {
                maxLabel = (int) label;
                maxLabelRow = row;
            }
            (held ? validation : train).add(buffer, (int) label);
        }
        if (problem != null) {
            InputReport report = new InputReport(partition, 0, 0, vectorSize, -1, -1, problem);
            return new Shard(partition, Math.max(vectorSize, 0), new Packed(), new Packed(), report);
        }
        InputReport report = new InputReport(partition, train.rows, validation.rows, vectorSize, maxLabel,
                maxLabelRow, null);
        return new Shard(partition, Math.max(vectorSize, 0), train.trim(), validation.trim(), report);
    }

    /** Converts {@code v} into {@code out}; a description of the first value that is not a finite float, or null. */
    private static String toFloats(Vector v, float[] out, String where) {
        if (v instanceof DenseVector dense) {
            double[] values = dense.values();
            for (int i = 0; i < values.length; i++) {
                out[i] = (float) values[i];
                if (!Float.isFinite(out[i])) {
                    return notFinite(where, i, values[i]);
                }
            }
        } else if (v instanceof SparseVector sparse) {
            Arrays.fill(out, 0f);
            int[] indices = sparse.indices();
            double[] values = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                out[indices[k]] = (float) values[k];
                if (!Float.isFinite(out[indices[k]])) {
                    return notFinite(where, indices[k], values[k]);
                }
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) v.apply(i);
                if (!Float.isFinite(out[i])) {
                    return notFinite(where, i, v.apply(i));
                }
            }
        }
        return null;
    }

    private static String notFinite(String where, int index, double value) {
        return where + " has " + value + " at index " + index
                + (Double.isFinite(value) ? ", beyond the float range the network computes in" : "");
    }

    /**
     * The names of the columns a shard is built from, for messages.
     *
     * @param features   the features column, as messages name it
     * @param label      the label column, as messages name it
     * @param validation the validation indicator column, as messages name it, or null without one
     */
    record Columns(String features, String label, String validation) implements Serializable {
    }

    /** Growable row-major example storage. */
    private static final class Packed {
        float[] x = new float[0];
        int[] y = new int[0];
        int rows;

        void add(float[] example, int label) {
            int d = example.length;
            if (rows == y.length) {
                int capacity = (int) Math.min(Math.max(16, y.length + (y.length >> 1)), MAX_FLOATS / Math.max(d, 1));
                y = Arrays.copyOf(y, capacity);
                x = Arrays.copyOf(x, Math.multiplyExact(capacity, d));
            }
            System.arraycopy(example, 0, x, rows * d, d);
            y[rows++] = label;
        }

        Packed trim() {
            int d = rows == 0 ? 0 : x.length / y.length;
            x = Arrays.copyOf(x, rows * d);
            y = Arrays.copyOf(y, rows);
            return this;
        }
    }
}
