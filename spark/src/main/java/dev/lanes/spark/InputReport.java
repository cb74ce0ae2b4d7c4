package dev.lanes.spark;

import java.io.Serializable;

/**
 * What one partition's input looked like: its counts, its vector size and largest label (checked against the
 * network and the other partitions on the driver), and the first bad row, if any, already worded.
 *
 * @param partition      the partition index
 * @param trainingRows   rows used for training
 * @param validationRows rows held out for validation
 * @param vectorSize     the size of the partition's feature vectors, or -1 if it has no rows
 * @param maxLabel       the largest label, or -1 if it has no rows
 * @param maxLabelRow    the row (within the partition) of the largest label
 * @param problem        the first bad row, worded for the user, or null
 */
record InputReport(int partition, int trainingRows, int validationRows, int vectorSize, int maxLabel,
                   int maxLabelRow, String problem) implements Serializable {
}
