package dev.lanes.nn;

import java.util.Objects;

/**
 * What a batch's outputs are compared with: one class label per prediction, or real values. A prediction is
 * one row of the network's output: per example for a flat output, per time step for a sequence, so a
 * sequence model takes one label per step. Targets view caller-owned arrays (no copy): create one over a
 * reused batch array and it stays valid as the array's contents change.
 */
public final class Targets {

    private final int[] labels;
    private final float[] values;
    private final int offset;

    private Targets(int[] labels, float[] values, int offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        this.labels = labels;
        this.values = values;
        this.offset = offset;
    }

    /**
     * {@return class labels, one per prediction, starting at {@code labels[offset]}}
     *
     * @param labels the class labels
     * @param offset index of the first target
     */
    public static Targets labels(int[] labels, int offset) {
        return new Targets(Objects.requireNonNull(labels, "labels"), null, offset);
    }

    /**
     * {@return real targets, one per output, row-major, starting at {@code values[offset]}}
     *
     * @param values the target values
     * @param offset index of the first target
     */
    public static Targets values(float[] values, int offset) {
        return new Targets(null, Objects.requireNonNull(values, "values"), offset);
    }

    /** {@return whether these are class labels (else real values)} */
    public boolean isLabels() {
        return labels != null;
    }

    /** {@return the labels array, or null for real targets} */
    public int[] labels() {
        return labels;
    }

    /** {@return the values array, or null for labels} */
    public float[] values() {
        return values;
    }

    /** {@return where the first target is in its array} */
    public int offset() {
        return offset;
    }

    /**
     * {@return the class label of prediction {@code row}, checked against the {@code classes} the output has}
     *
     * @param row the prediction, from 0
     * @param classes the number of classes, {@code >= 1}
     * @throws IllegalArgumentException if it is outside {@code [0, classes)}, naming the row and the label
     */
    public int label(int row, int classes) {
        int label = labels[offset + row];
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " of row " + row + " is outside the " + classes
                    + " outputs");
        }
        return label;
    }

    /**
     * {@code out} ← the one-hot encoding of {@code rows} labels over {@code classes} outputs, row-major: what
     * real-valued losses compare with when given labels.
     *
     * @param rows number of rows (examples), {@code >= 0}
     * @param classes the number of classes, {@code >= 1}
     * @param out receives the one-hot rows
     * @throws IllegalArgumentException for a label out of range, naming its row
     */
    public void oneHot(int rows, int classes, float[] out) {
        if (offset + rows > labels.length) {
            throw new IllegalArgumentException("labels holds " + labels.length + " ints, fewer than offset " + offset
                    + " + " + rows + " rows");
        }
        java.util.Arrays.fill(out, 0, rows * classes, 0f);
        for (int r = 0; r < rows; r++) {
            out[r * classes + label(r, classes)] = 1f;
        }
    }
}
