package dev.lanes.spark;

import java.io.Serializable;
import java.util.SplittableRandom;

/**
 * Which examples every partition contributes to every step: the same on the driver and on each executor, so a
 * step's combined batch is a pure function of the seed, the epoch, the step and the partitioning.
 *
 * <p>An epoch has {@code S = ceil(N / batchSize)} steps. Partition p shuffles its {@code n_p} training examples
 * once per epoch (a generator seeded from the seed, the epoch and p) and gives step t the examples at
 * positions {@code [floor(t n_p / S), floor((t + 1) n_p / S))} of that order. Every example is used once per
 * epoch, and each partition's share of a step is proportional to its size, so the combined batch is within
 * one example per partition of {@code batchSize}.
 */
final class StepPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int[] partitionSizes;
    private final long total;
    private final int stepsPerEpoch;
    private final long seed;

    /**
     * @param partitionSizes training examples per partition
     * @param batchSize      examples per step over all partitions
     * @param seed           seed of the shuffles
     */
    StepPlan(int[] partitionSizes, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, was " + batchSize);
        }
        long n = 0;
        for (int size : partitionSizes) {
            n += size;
        }
        if (n == 0) {
            throw new IllegalArgumentException("no training examples");
        }
        this.partitionSizes = partitionSizes.clone();
        this.total = n;
        this.stepsPerEpoch = (int) Math.max(1, Math.min(Integer.MAX_VALUE, (n + batchSize - 1) / batchSize));
        this.seed = seed;
    }

    int partitions() {
        return partitionSizes.length;
    }

    int partitionSize(int partition) {
        return partitionSizes[partition];
    }

    long totalExamples() {
        return total;
    }

    int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** Position in partition p's epoch order where step t's examples start. */
    int start(int partition, int step) {
        return (int) ((long) step * partitionSizes[partition] / stepsPerEpoch);
    }

    /** Examples partition p gives step t (may be 0 for partitions smaller than the step count). */
    int count(int partition, int step) {
        return start(partition, step + 1) - start(partition, step);
    }

    /** Examples in step t over all partitions. */
    int batch(int step) {
        int b = 0;
        for (int p = 0; p < partitionSizes.length; p++) {
            b += count(p, step);
        }
        return b;
    }

    /** Examples in steps [from, to) over all partitions. */
    long examples(int from, int to) {
        long n = 0;
        for (int p = 0; p < partitionSizes.length; p++) {
            n += start(p, to) - start(p, from);
        }
        return n;
    }

    /**
     * At least the most examples one partition gives one step: the batch its workspace must hold. A difference
     * of floors {@code floor((t + 1) n / S) - floor(t n / S)} is at most {@code ceil(n / S)}.
     */
    int maxSlice() {
        int max = 1;
        for (int size : partitionSizes) {
            max = Math.max(max, (int) (((long) size + stepsPerEpoch - 1) / stepsPerEpoch));
        }
        return max;
    }

    /** Partition p's order of its training examples in epoch {@code epoch} (1-based): a fresh array. */
    int[] order(int partition, int epoch) {
        int[] order = new int[partitionSizes[partition]];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, epoch, partition));
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** One 64-bit seed per (seed, epoch, partition): a MurmurHash3 finalizer over the three. */
    private static long mix(long seed, int epoch, int partition) {
        long h = seed;
        h = fmix(h ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
        h = fmix(h ^ (0xC2B2AE3D27D4EB4FL * (partition + 1L)));
        return h;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
