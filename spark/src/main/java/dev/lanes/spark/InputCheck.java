package dev.lanes.spark;

import java.util.List;

/**
 * The driver's verdict on the partitions' {@link InputReport}s: the first bad row anywhere, vector sizes that
 * differ between partitions, no training rows, and (once the network is known) labels beyond its outputs
 * each stop the fit with an {@link IllegalArgumentException} before the first step.
 */
final class InputCheck {

    private final List<InputReport> reports;
    private final Shard.Columns columns;
    private final int vectorSize;
    private final int maxLabel;
    private final InputReport maxLabelAt;
    private final long validationRows;

    private InputCheck(List<InputReport> reports, Shard.Columns columns) {
        this.reports = reports;
        this.columns = columns;
        int size = -1;
        InputReport sizeFrom = null;
        int max = -1;
        InputReport maxAt = null;
        long train = 0;
        long validation = 0;
        for (InputReport r : reports) {
            if (r.problem() != null) {
                throw new IllegalArgumentException("LanesClassifier: " + r.problem());
            }
            if (r.vectorSize() >= 0) {
                if (size < 0) {
                    size = r.vectorSize();
                    sizeFrom = r;
                } else if (r.vectorSize() != size) {
                    throw new IllegalArgumentException("LanesClassifier: " + columns.features() + " has vectors of "
                            + size + " values in partition " + sizeFrom.partition() + " but of " + r.vectorSize()
                            + " in partition " + r.partition() + " (row 0)");
                }
            }
            if (r.maxLabel() > max) {
                max = r.maxLabel();
                maxAt = r;
            }
            train += r.trainingRows();
            validation += r.validationRows();
        }
        if (train == 0) {
            throw new IllegalArgumentException("LanesClassifier: no rows to train on (" + reports.size()
                    + " partitions, " + validation + " validation rows)");
        }
        if (size == 0) {
            throw new IllegalArgumentException("LanesClassifier: " + columns.features() + " holds empty vectors");
        }
        this.vectorSize = size;
        this.maxLabel = max;
        this.maxLabelAt = maxAt;
        this.validationRows = validation;
    }

    /** Checks the reports, throwing for the first problem found. */
    static InputCheck of(List<InputReport> reports, Shard.Columns columns) {
        return new InputCheck(reports, columns);
    }

    /** Requires every label to be below {@code classes}, the network's outputs. */
    void checkLabels(int classes) {
        if (maxLabel >= classes) {
            throw new IllegalArgumentException("LanesClassifier: " + columns.label() + " of row "
                    + maxLabelAt.maxLabelRow() + " of partition " + maxLabelAt.partition() + " is " + maxLabel
                    + ", but the network has " + classes + " outputs (classes 0 to " + (classes - 1) + ")");
        }
    }

    int vectorSize() {
        return vectorSize;
    }

    int maxLabel() {
        return maxLabel;
    }

    long validationRows() {
        return validationRows;
    }

    /** Training rows per partition, in partition order. */
    int[] trainingSizes() {
        int[] sizes = new int[reports.size()];
        for (InputReport r : reports) {
            sizes[r.partition()] = r.trainingRows();
        }
        return sizes;
    }
}
