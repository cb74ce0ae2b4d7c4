package dev.lanes.spark;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.LayerTypes;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
import dev.lanes.nn.Shape;
import dev.lanes.nn.io.ModelFile;
import dev.lanes.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType$;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A Spark ML estimator that trains a lanes network as a classifier, with lanes' kernels inside every
 * executor, and returns a {@link LanesClassificationModel}.
 *
 * <pre>{@code
 * LanesClassificationModel model = new LanesClassifier()
 *         .setLayers("dense:256:relu,dense:128:relu,dense:10:softmax")   // or "256,128": hidden ReLU layers
 *         .setMaxEpochs(5).setBatchSize(256).setOptimizer("momentum").setLearningRate(0.1)
 *         .setSeed(7)
 *         .fit(train);                      // features: a Vector column, label: 0, 1, 2, ...
 * }</pre>
 *
 * <p>Two training modes ({@link #setTrainingMode}), both reading each partition where it lives; the data
 * never go to the driver:
 * <ul>
 *   <li>{@code sync} (default): synchronous data-parallel SGD. Each step sends the weights to the executors; every
 *       partition runs forward and backward on its share of the step's combined batch and returns its
 *       gradient contribution; the contributions are summed over a fixed tree and the driver's optimizer
 *       takes the step. This is single-machine training on the combined batch, up to the order of the float
 *       sums over the batch.</li>
 *   <li>{@code averaging}: parameter averaging. Each partition runs {@link #setAveragingSteps} local steps on its
 *       shard from the broadcast weights, with its own optimizer for that round, and the driver averages the
 *       weights (weighted by examples). One Spark job per round instead of per step: faster per epoch, a
 *       different optimization path.</li>
 * </ul>
 * Both are seeded and deterministic for a fixed partitioning. The input is checked in one pass before the
 * first step (vector sizes, NaN or infinite features, labels that are not integers 0..classes-1), and a bad row
 * stops the fit with a message naming the column, the partition and the row.
 *
 * <p>Every JVM that runs lanes code needs {@code --add-modules=jdk.incubator.vector} (Spark 4 adds it to the
 * executors it starts; the driver's is the {@code java} or {@code spark-submit} command line). Without it the
 * kernels run on their scalar path. Kernel threads per task: {@code -Dlanes.threads=N} in
 * {@code spark.executor.extraJavaOptions}, usually the executor's cores divided by its concurrent tasks.
 *
 * @serial exclude Spark serializes the estimator only to ship it inside a job; it is saved with {@link #write()}
 */
public final class LanesClassifier
        extends ProbabilisticClassifier<Vector, LanesClassifier, LanesClassificationModel>
        implements DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    /** {@link #setTrainingMode} value: synchronous data-parallel SGD. */
    public static final String SYNC = "sync";
    /** {@link #setTrainingMode} value: parameter averaging. */
    public static final String AVERAGING = "averaging";

    private static final Pattern HIDDEN_SIZES = Pattern.compile("\\s*(\\d+\\s*(,\\s*\\d+\\s*)*)?");
    private static final String[] OPTIMIZERS = {"sgd", "momentum", "nesterov", "adam", "adamw"};

    private final String uid;
    private final Param<String> layers;
    private final Param<String> inputShape;
    private final IntParam maxEpochs;
    private final IntParam batchSize;
    private final Param<String> optimizer;
    private final DoubleParam learningRate;
    private final DoubleParam weightDecay;
    private final DoubleParam clipNorm;
    private final LongParam seed;
    private final Param<String> trainingMode;
    private final IntParam averagingSteps;
    private final IntParam aggregationDepth;
    private final Param<String> validationIndicatorCol;

    /** An estimator with a random uid and the defaults. */
    public LanesClassifier() {
        this(Identifiable$.MODULE$.randomUID("lanesClassifier"));
    }

    /**
     * An estimator with the given uid (used when Spark copies or loads one).
     *
     * @param uid the estimator's unique id
     */
    public LanesClassifier(String uid) {
        // Assigned before super() (JDK 25 flexible constructor bodies): Spark's superclass constructors create
        // the inherited params, which record uid() as their owner.
        this.uid = uid;
        super();
        layers = new Param<>(this, "layers", "the layers, as lanes train --layers (e.g."
                + " dense:256:relu,dense:10:softmax) or hidden ReLU sizes as --hidden (e.g. 256,128; the softmax"
                + " output layer is added with one unit per class)");
        inputShape = new Param<>(this, "inputShape", "the shape of one example, e.g. 784, 1x28x28 (channels x"
                + " height x width, stored channels last) or 28x28seq; empty: flat, from the vector size");
        maxEpochs = new IntParam(this, "maxEpochs", "passes over the training data (>= 1)", ParamValidators.gtEq(1));
        batchSize = new IntParam(this, "batchSize", "examples per optimizer step over all partitions (>= 1)",
                ParamValidators.gtEq(1));
        optimizer = new Param<>(this, "optimizer", "sgd, momentum (0.9), nesterov, adam or adamw",
                ParamValidators.inArray(OPTIMIZERS));
        learningRate = new DoubleParam(this, "learningRate", "the learning rate (> 0); unset: the optimizer's"
                + " default (0.05 for SGD and momentum, 0.001 for Adam)", ParamValidators.gt(0));
        weightDecay = new DoubleParam(this, "weightDecay", "L2 weight decay, decoupled for adamw (>= 0)",
                ParamValidators.gtEq(0));
        clipNorm = new DoubleParam(this, "clipNorm", "clip the global gradient norm to this value; 0 = off",
                ParamValidators.gtEq(0));
        seed = new LongParam(this, "seed", "seed of the initial weights and of the shuffles");
        trainingMode = new Param<>(this, "trainingMode", "sync (synchronous data-parallel SGD) or averaging"
                + " (parameter averaging)", ParamValidators.inArray(new String[] {SYNC, AVERAGING}));
        averagingSteps = new IntParam(this, "averagingSteps", "local steps per partition between two averages in"
                + " averaging mode (>= 1)", ParamValidators.gtEq(1));
        aggregationDepth = new IntParam(this, "aggregationDepth", "depth of the tree that sums partition results"
                + " (>= 1), as treeAggregate's", ParamValidators.gtEq(1));
        validationIndicatorCol = new Param<>(this, "validationIndicatorCol", "a boolean column: rows where it is"
                + " true are not trained on but evaluated after each epoch (see the model's summary)");
        setDefault(layers, "256,128");
        setDefault(inputShape, "");
        setDefault(maxEpochs, (Object) 10);
        setDefault(batchSize, (Object) 128);
        setDefault(optimizer, "momentum");
        setDefault(weightDecay, (Object) 0.0);
        setDefault(clipNorm, (Object) 0.0);
        setDefault(seed, (Object) 1L);
        setDefault(trainingMode, SYNC);
        setDefault(averagingSteps, (Object) 16);
        setDefault(aggregationDepth, (Object) 2);
    }

    @Override
    public String uid() {
        return uid;
    }

    // ---- params: each has a public accessor (Spark finds params through them), a getter and a setter ----

    /** {@return the layers param: {@code --layers} syntax or {@code --hidden} sizes (default {@code 256,128})} */
    public Param<String> layers() {
        return layers;
    }

    /** {@return the layers param's value} */
    public String getLayers() {
        return getOrDefault(layers);
    }

    /**
     * The layers as {@code lanes train --layers} takes them, e.g. {@code dense:256:relu,dense:10:softmax} (the
     * last layer's activation must be softmax or identity: the network is trained with cross-entropy), or
     * hidden sizes as {@code --hidden}, e.g. {@code 256,128}: ReLU layers followed by a softmax layer of one
     * unit per class.
     *
     * @param value a {@code --layers} list or {@code --hidden} sizes
     * @return this estimator
     * @throws IllegalArgumentException if the text is neither, naming the bad layer
     */
    public LanesClassifier setLayers(String value) {
        if (!HIDDEN_SIZES.matcher(value).matches()) {
            LayerTypes.parseAll(value);
        }
        return setParam(layers, value);
    }

    /** {@return the param: the shape of one example (default empty: flat)} */
    public Param<String> inputShape() {
        return inputShape;
    }

    /** {@return the input shape param's value} */
    public String getInputShape() {
        return getOrDefault(inputShape);
    }

    /**
     * The shape of one example, e.g. {@code 1x28x28} for convolutions: the feature vector holds it channels
     * last; empty (the default) means flat.
     *
     * @param value a shape such as {@code 1x28x28}, or empty for flat
     * @return this estimator
     * @throws IllegalArgumentException if the text is not a shape
     */
    public LanesClassifier setInputShape(String value) {
        if (!value.isBlank()) {
            Shape.parse(value);
        }
        return setParam(inputShape, value);
    }

    /** {@return the param: passes over the training data (default 10)} */
    public IntParam maxEpochs() {
        return maxEpochs;
    }

    /** {@return the epochs} */
    public int getMaxEpochs() {
        return (Integer) getOrDefault(maxEpochs);
    }

    /**
     * Sets the passes over the training data (>= 1).
     *
     * @param value the epochs (>= 1)
     * @return this estimator
     */
    public LanesClassifier setMaxEpochs(int value) {
        return setParam(maxEpochs, value);
    }

    /** {@return the param: examples per optimizer step over all partitions (default 128)} */
    public IntParam batchSize() {
        return batchSize;
    }

    /** {@return the batch size} */
    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    /**
     * Sets the examples per step over all partitions: in sync mode the combined batch of each optimizer step,
     * in averaging mode the examples all partitions together take per local step.
     *
     * @param value the examples per step (>= 1)
     * @return this estimator
     */
    public LanesClassifier setBatchSize(int value) {
        return setParam(batchSize, value);
    }

    /** {@return the param: the optimizer (default momentum)} */
    public Param<String> optimizer() {
        return optimizer;
    }

    /** {@return the optimizer's name} */
    public String getOptimizer() {
        return getOrDefault(optimizer);
    }

    /**
     * Sets the optimizer: sgd, momentum (0.9, the default), nesterov, adam or adamw.
     *
     * @param value the optimizer's name
     * @return this estimator
     */
    public LanesClassifier setOptimizer(String value) {
        return setParam(optimizer, value);
    }

    /** {@return the param: the learning rate (default: the optimizer's)} */
    public DoubleParam learningRate() {
        return learningRate;
    }

    /** {@return the learning rate set, or the optimizer's default (0.05 for SGD and momentum, 0.001 for Adam)} */
    public double getLearningRate() {
        return isDefined(learningRate) ? (Double) getOrDefault(learningRate)
                : Optimizer.named(getOptimizer(), 0).defaultLearningRate();
    }

    /**
     * Sets a constant learning rate (> 0).
     *
     * @param value the learning rate (> 0)
     * @return this estimator
     */
    public LanesClassifier setLearningRate(double value) {
        return setParam(learningRate, value);
    }

    /** {@return the param: L2 weight decay (default 0)} */
    public DoubleParam weightDecay() {
        return weightDecay;
    }

    /** {@return the weight decay} */
    public double getWeightDecay() {
        return (Double) getOrDefault(weightDecay);
    }

    /**
     * Sets the L2 weight decay (decoupled for adamw).
     *
     * @param value the weight decay (>= 0)
     * @return this estimator
     */
    public LanesClassifier setWeightDecay(double value) {
        return setParam(weightDecay, value);
    }

    /** {@return the param: gradient-norm clipping (default 0: off)} */
    public DoubleParam clipNorm() {
        return clipNorm;
    }

    /** {@return the clipping norm, 0 for none} */
    public double getClipNorm() {
        return (Double) getOrDefault(clipNorm);
    }

    /**
     * Scales the gradients down when their global L2 norm exceeds {@code value} (0: off).
     *
     * @param value the largest global gradient norm, 0 for no clipping
     * @return this estimator
     */
    public LanesClassifier setClipNorm(double value) {
        return setParam(clipNorm, value);
    }

    /** {@return the param: the seed (default 1)} */
    public LongParam seed() {
        return seed;
    }

    /** {@return the seed} */
    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    /**
     * Sets the seed of the initial weights and the shuffles: same seed, data and partitioning, same model.
     *
     * @param value the seed
     * @return this estimator
     */
    public LanesClassifier setSeed(long value) {
        return setParam(seed, value);
    }

    /** {@return the param: the training mode (default sync)} */
    public Param<String> trainingMode() {
        return trainingMode;
    }

    /** {@return {@link #SYNC} or {@link #AVERAGING}} */
    public String getTrainingMode() {
        return getOrDefault(trainingMode);
    }

    /**
     * Sets the training mode: {@link #SYNC} or {@link #AVERAGING} (see the class comment).
     *
     * @param value {@link #SYNC} or {@link #AVERAGING}
     * @return this estimator
     */
    public LanesClassifier setTrainingMode(String value) {
        return setParam(trainingMode, value);
    }

    /** {@return the param: local steps between averages (default 16)} */
    public IntParam averagingSteps() {
        return averagingSteps;
    }

    /** {@return the local steps between averages} */
    public int getAveragingSteps() {
        return (Integer) getOrDefault(averagingSteps);
    }

    /**
     * Sets the local steps each partition takes between two averages in averaging mode: more steps, fewer Spark
     * jobs, further apart the partitions' weights drift before they are averaged.
     *
     * @param value the local steps (>= 1)
     * @return this estimator
     */
    public LanesClassifier setAveragingSteps(int value) {
        return setParam(averagingSteps, value);
    }

    /** {@return the param: depth of the summation tree (default 2)} */
    public IntParam aggregationDepth() {
        return aggregationDepth;
    }

    /** {@return the summation tree's depth} */
    public int getAggregationDepth() {
        return (Integer) getOrDefault(aggregationDepth);
    }

    /**
     * Sets the depth of the tree that sums partition results, as treeAggregate's depth (>= 1).
     *
     * @param value the depth (>= 1)
     * @return this estimator
     */
    public LanesClassifier setAggregationDepth(int value) {
        return setParam(aggregationDepth, value);
    }

    /** {@return the param: the validation indicator column (default unset: no validation)} */
    public Param<String> validationIndicatorCol() {
        return validationIndicatorCol;
    }

    /** {@return the validation indicator column, or null when unset} */
    public String getValidationIndicatorCol() {
        return isDefined(validationIndicatorCol) ? getOrDefault(validationIndicatorCol) : null;
    }

    /**
     * Sets a boolean column whose true rows are held out of training and evaluated after each epoch; the
     * results are in the model's {@link LanesClassificationModel#summary()}.
     *
     * @param value the name of a boolean column
     * @return this estimator
     */
    public LanesClassifier setValidationIndicatorCol(String value) {
        return setParam(validationIndicatorCol, value);
    }

    private LanesClassifier setParam(Param<?> param, Object value) {
        set(param.name(), value);
        return this;
    }

    @Override
    public LanesClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** {@return a reader of estimators saved with {@code write().save(path)}} */
    public static MLReader<LanesClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads an estimator saved with {@code save(path)}.
     *
     * @param path the directory it was saved to
     * @return the estimator, its params as saved
     */
    public static LanesClassifier load(String path) {
        return read().load(path);
    }

    /**
     * Checks the columns (names and types, with the columns there are when one is missing), then as Spark's
     * classifiers: adds prediction, raw prediction and probability.
     *
     * @param schema the input's schema
     * @return the output's schema
     * @throws IllegalArgumentException naming a missing or mistyped column and the columns there are
     */
    @Override
    public StructType transformSchema(StructType schema) {
        requireColumn(schema, getFeaturesCol(), "setFeaturesCol", "a Vector");
        requireColumn(schema, getLabelCol(), "setLabelCol", "numeric");
        String validation = getValidationIndicatorCol();
        if (validation != null) {
            requireColumn(schema, validation, "setValidationIndicatorCol", "boolean");
        }
        return super.transformSchema(schema);
    }

    private static void requireColumn(StructType schema, String name, String setter, String type) {
        List<String> columns = new ArrayList<>();
        StructField found = null;
        for (StructField f : schema.fields()) {
            columns.add(f.name() + ": " + f.dataType().simpleString());
            if (f.name().equals(name)) {
                found = f;
            }
        }
        if (found == null) {
            throw new IllegalArgumentException("LanesClassifier: the data has no column '" + name + "' (" + setter
                    + "); its columns are " + columns);
        }
        boolean ok = switch (type) {
            case "a Vector" -> found.dataType().equals(SQLDataTypes.VectorType());
            case "numeric" -> found.dataType() instanceof NumericType;
            default -> found.dataType().equals(BooleanType$.MODULE$);
        };
        if (!ok) {
            throw new IllegalArgumentException("LanesClassifier: column '" + name + "' (" + setter + ") must be "
                    + type + " column, it is " + found.dataType().simpleString()
                    + (type.equals("a Vector") ? " (VectorAssembler makes one from numeric columns)" : ""));
        }
    }

    @Override
    public LanesClassificationModel train(Dataset<?> dataset) {
        long start = System.nanoTime();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext());
        String validation = getValidationIndicatorCol();
        Shard.Columns columns = new Shard.Columns("features column '" + getFeaturesCol() + "'",
                "label column '" + getLabelCol() + "'",
                validation == null ? null : "validation column '" + validation + "'");
        List<Column> selected = new ArrayList<>(List.of(functions.col(getFeaturesCol()), functions.col(getLabelCol())));
        if (validation != null) {
            selected.add(functions.col(validation));
        }
        JavaRDD<Shard> shards = dataset.select(selected.toArray(new Column[0])).javaRDD()
                .mapPartitionsWithIndex((index, rows) -> List.of(Shard.build(index, rows, columns)).iterator(), true);
        shards.persist(StorageLevel.MEMORY_AND_DISK());
        Broadcast<byte[]> modelFile = null;
        try {
            // One pass packs, caches and checks every partition; only the reports come to the driver.
            List<InputReport> reports = shards.map(s -> s.report).collect();
            InputCheck input = InputCheck.of(reports, columns);
            Network network = buildNetwork(input, dataset.schema());
            input.checkLabels(network.outputSize());
            StepPlan plan = new StepPlan(input.trainingSizes(), getBatchSize(), getSeed());
            modelFile = sc.broadcast(ModelFile.toBytes(network, Map.of()));
            TrainingJob job = new TrainingJob(UUID.randomUUID().toString(), modelFile, plan, getOptimizer(),
                    (float) getWeightDecay(), (float) getClipNorm(), ParameterVector.size(network.parameters()));
            DistributedTraining.Settings settings = new DistributedTraining.Settings(getTrainingMode(),
                    getMaxEpochs(), (float) getLearningRate(), getAveragingSteps(), getAggregationDepth(),
                    input.validationRows() > 0);
            double preparation = (System.nanoTime() - start) / 1e9;
            List<TrainingSummary.Epoch> epochs = DistributedTraining.run(shards, network, job, settings);
            TrainingSummary summary = new TrainingSummary(getTrainingMode(), reports.size(), plan.stepsPerEpoch(),
                    DistributedTraining.jobsPerEpoch(settings, plan), preparation, epochs);
            return new LanesClassificationModel(uid(), ModelFile.toBytes(network, metadata(summary)), summary);
        } finally {
            shards.unpersist(false);
            if (modelFile != null) {
                modelFile.destroy();
            }
        }
    }

    /** The network for the checked input: the layers param over the input shape, seeded. */
    Network buildNetwork(InputCheck input, StructType schema) {
        String spec = getLayers();
        Shape shape = getInputShape().isBlank() ? Shape.flat(input.vectorSize()) : Shape.parse(getInputShape());
        if (shape.size() != input.vectorSize()) {
            throw new IllegalArgumentException("LanesClassifier: inputShape " + shape + " holds " + shape.size()
                    + " values but the vectors of the features column '" + getFeaturesCol() + "' have "
                    + input.vectorSize());
        }
        Network.Builder builder = Network.builder().input(shape).loss(Loss.CROSS_ENTROPY).seed(getSeed());
        try {
            if (HIDDEN_SIZES.matcher(spec).matches()) {
                for (String units : spec.isBlank() ? new String[0] : spec.split(",")) {
                    builder.dense(Integer.parseInt(units.trim()), Activation.RELU);
                }
                builder.dense(classes(input, schema), Activation.SOFTMAX);
            } else {
                builder.layers(spec);
            }
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LanesClassifier: layers '" + spec + "' on input " + shape + ": "
                    + e.getMessage(), e);
        }
    }

    /** Classes for a softmax layer sized by the data: the label metadata's count, or the largest label + 1. */
    private int classes(InputCheck input, StructType schema) {
        int classes = Math.max(2, input.maxLabel() + 1);
        Attribute attribute = Attribute.fromStructField(schema.apply(getLabelCol()));
        if (attribute instanceof NominalAttribute nominal && nominal.getNumValues().isDefined()) {
            classes = Math.max(classes, (Integer) nominal.getNumValues().get());
        }
        return classes;
    }

    private Map<String, String> metadata(TrainingSummary summary) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("trainer", "lanes-spark LanesClassifier");
        m.put("mode", summary.mode());
        m.put("partitions", Integer.toString(summary.partitions()));
        m.put("epochs", Integer.toString(summary.epochs().size()));
        m.put("batch", Integer.toString(getBatchSize()));
        m.put("optimizer", getOptimizer());
        m.put("learning_rate", Double.toString(getLearningRate()));
        m.put("seed", Long.toString(getSeed()));
        return m;
    }

    @Override
    public String toString() {
        return "LanesClassifier(uid=" + uid + ", layers=" + getLayers() + ", mode=" + getTrainingMode() + ")";
    }
}
