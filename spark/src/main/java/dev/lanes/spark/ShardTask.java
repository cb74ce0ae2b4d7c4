package dev.lanes.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.RDD;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * The per-step Spark calls of training, as named function classes instead of lambdas.
 *
 * <p>Spark "cleans" every lambda it is given ({@code map}, {@code collectPartitions}, ...): it inspects the
 * closure and then serializes it once on the driver only to check that it can, before the scheduler serializes
 * it again into the task binary. A training step's closure carries the weights (0.94 MB for the benchmark
 * network), so that check is a second full serialization per step. Spark leaves instances of ordinary classes
 * alone, so these run each step's map and collection with one serialization, in the task binary.
 */
final class ShardTask {

    private static final ClassTag<float[]> FLOATS = ClassTag$.MODULE$.apply(float[].class);
    private static final ClassTag<float[][]> FLOAT_ROWS = ClassTag$.MODULE$.apply(float[][].class);

    /** What a task computes from its partition's shard. */
    interface Body extends Serializable {
        /**
         * {@return the partition's result}
         *
         * @param shard the partition's shard
         */
        float[] apply(Shard shard);
    }

    private ShardTask() {
    }

    /** {@return {@code body} applied to every shard, as {@code shards.map(body)}} */
    static JavaRDD<float[]> map(JavaRDD<Shard> shards, Body body) {
        return JavaRDD.fromRDD(shards.rdd().map(new Apply(body), FLOATS), FLOATS);
    }

    /** {@return each partition's elements, partition by partition, as {@code rdd.collectPartitions}} */
    static float[][][] collectPartitions(JavaRDD<float[]> rdd) {
        RDD<float[]> r = rdd.rdd();
        return (float[][][]) r.context().runJob(r, new Collect(), FLOAT_ROWS);
    }

    private static final class Apply extends AbstractFunction1<Shard, float[]> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Body body;

        Apply(Body body) {
            this.body = body;
        }

        @Override
        public float[] apply(Shard shard) {
            return body.apply(shard);
        }
    }

    private static final class Collect extends AbstractFunction1<scala.collection.Iterator<float[]>, float[][]>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public float[][] apply(scala.collection.Iterator<float[]> elements) {
            List<float[]> out = new ArrayList<>(1);
            while (elements.hasNext()) {
                out.add(elements.next());
            }
            return out.toArray(new float[0][]);
        }
    }
}
