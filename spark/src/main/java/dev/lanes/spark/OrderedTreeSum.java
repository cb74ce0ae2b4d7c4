package dev.lanes.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import scala.Tuple2;

/**
 * Sums one float array per partition over a tree, like {@code treeAggregate}, but always in the same order.
 *
 * <p>{@code treeAggregate} merges partial sums in the order tasks finish, and float addition is not
 * associative: with three or more partitions two runs of the same training would differ in the last bits of
 * a gradient, and from then on everywhere. Here the tree is fixed by the partition indices: each level sends
 * groups of {@code fanIn} consecutive partials to one task (a shuffle, as treeAggregate's levels are), which
 * adds them in index order, and the driver adds the last {@code <= fanIn} partials in index order. The bytes
 * moved are those of treeAggregate with the same depth.
 */
final class OrderedTreeSum {

    private OrderedTreeSum() {
    }

    /**
     * The element-wise sum of {@code partials}, which must hold exactly one array per partition, all of one
     * length, with a tree of {@code depth} levels (fan-in {@code max(2, ceil(P^(1/depth)))}, as treeAggregate).
     */
    static float[] sum(JavaRDD<float[]> partials, int depth) {
        int count = partials.getNumPartitions();
        int fanIn = fanIn(count, depth);
        JavaRDD<float[]> level = partials;
        while (count > fanIn) {
            int groups = (count + fanIn - 1) / fanIn;
            JavaPairRDD<Integer, Tuple2<Integer, float[]>> keyed = level.mapPartitionsWithIndex((index, it) -> {
                List<Tuple2<Integer, Tuple2<Integer, float[]>>> out = new ArrayList<>(1);
                while (it.hasNext()) {
                    out.add(new Tuple2<>(index / fanIn, new Tuple2<>(index, it.next())));
                }
                return out.iterator();
            }, false).mapToPair(t -> t);
            // Integer keys 0..groups-1 hash to themselves: group k lands in partition k.
            level = keyed.groupByKey(new HashPartitioner(groups)).map(group -> inOrder(group._2()));
            count = groups;
        }
        float[][][] results = ShardTask.collectPartitions(level);
        float[] total = null;
        for (float[][] result : results) {
            for (float[] partial : result) {
                total = total == null ? partial.clone() : add(total, partial);
            }
        }
        if (total == null) {
            throw new IllegalStateException("no partial sums: the RDD has no elements");
        }
        return total;
    }

    /** The fan-in of a tree of {@code depth} levels over {@code partitions} leaves, as treeAggregate picks it. */
    static int fanIn(int partitions, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be >= 1, was " + depth);
        }
        return Math.max(2, (int) Math.ceil(Math.pow(partitions, 1.0 / depth)));
    }

    private static float[] inOrder(Iterable<Tuple2<Integer, float[]>> group) {
        List<Tuple2<Integer, float[]>> members = new ArrayList<>();
        group.forEach(members::add);
        members.sort(Comparator.comparing(Tuple2::_1));
        float[] total = members.get(0)._2().clone();
        for (int i = 1; i < members.size(); i++) {
            add(total, members.get(i)._2());
        }
        return total;
    }

    private static float[] add(float[] total, float[] partial) {
        if (partial.length != total.length) {
            throw new IllegalStateException("partial sums of " + total.length + " and " + partial.length + " floats");
        }
        for (int i = 0; i < total.length; i++) {
            total[i] += partial[i];
        }
        return total;
    }
}
