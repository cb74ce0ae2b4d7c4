package dev.lanes.spark;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Mode;
import dev.lanes.nn.Network;
import dev.lanes.nn.Workspace;
import dev.lanes.nn.io.ModelFile;
import dev.lanes.nn.io.ModelFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import scala.Option;

/**
 * A lanes network as a Spark ML classification model: {@code transform} adds the raw prediction (the logits
 * zᴸ), the probability (softmax of the logits) and the prediction (the most probable class, or as the
 * thresholds say) to every row, each executor running the network with lanes' kernels. Saved with
 * {@code write().save(path)} as Spark ML models are: the params as JSON in {@code path/metadata} and the lanes
 * model file (docs/model-format.md) in {@code path/data/model.lnn}, which {@code lanes eval} and
 * {@code lanes predict} also read.
 *
 * @serial exclude Spark serializes the model only to ship it inside a job; it is saved with {@link #write()}
 */
public final class LanesClassificationModel
        extends ProbabilisticClassificationModel<Vector, LanesClassificationModel>
        implements MLWritable {

    private static final long serialVersionUID = 1L;

    /** The lanes model file inside a saved model's directory. */
    static final String MODEL_FILE = "data/model.lnn";

    private final String uid;
    private final byte[] modelFile;
    private final TrainingSummary summary;
    private transient volatile Network network;
    private transient ThreadLocal<Inference> inference;

    LanesClassificationModel(String uid, byte[] modelFile, TrainingSummary summary) {
        // Assigned before super(): Spark's superclass constructors create params owned by uid().
        this.uid = uid;
        super();
        this.modelFile = modelFile;
        this.summary = summary;
    }

    /**
     * A model around a network trained elsewhere (by {@code lanes train}, the Trainer, or loaded with
     * {@link ModelFile#load}), for scoring DataFrames with it.
     *
     * @param network a classifier: trained with cross-entropy over a softmax
     * @return a model that scores with {@code network}
     * @throws IllegalArgumentException if the network is not a classifier (cross-entropy over a softmax)
     */
    public static LanesClassificationModel of(Network network) {
        Objects.requireNonNull(network, "network");
        if (network.loss() != Loss.CROSS_ENTROPY) {
            throw new IllegalArgumentException("a classification model needs a network trained with cross_entropy,"
                    + " this one is trained with " + network.loss().id());
        }
        return new LanesClassificationModel(Identifiable$.MODULE$.randomUID("lanesClassificationModel"),
                ModelFile.toBytes(network, Map.of()), null);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** {@return the trained network (decoded once per JVM from the model file this model carries)} */
    public Network network() {
        Network n = network;
        if (n == null) {
            synchronized (this) {
                n = network;
                if (n == null) {
                    try {
                        n = ModelFile.fromBytes(modelFile, "model " + uid).network();
                    } catch (ModelFormatException e) {
                        throw new UncheckedIOException(e);
                    }
                    network = n;
                }
            }
        }
        return n;
    }

    /**
     * How training went, epoch by epoch.
     *
     * @return the summary of the fit that made this model
     * @throws IllegalStateException for a model that was loaded or made with {@link #of} (no summary is saved)
     */
    public TrainingSummary summary() {
        if (summary == null) {
            throw new IllegalStateException("model " + uid + " has no training summary: only a model returned by"
                    + " LanesClassifier.fit has one");
        }
        return summary;
    }

    /** {@return whether {@link #summary()} is available} */
    public boolean hasSummary() {
        return summary != null;
    }

    @Override
    public int numClasses() {
        return network().outputSize();
    }

    @Override
    public int numFeatures() {
        return network().inputSize();
    }

    /** The logits zᴸ of one example: what softmax turns into {@code probability}. */
    @Override
    public Vector predictRaw(Vector features) {
        Network net = network();
        if (features.size() != net.inputSize()) {
            throw new IllegalArgumentException("features has " + features.size() + " values, the network expects "
                    + net.inputSize() + " (" + net.inputShape() + ")");
        }
        Inference in = inference();
        float[] x = in.x;
        if (features instanceof DenseVector dense) {
            double[] v = dense.values();
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) v[i];
            }
        } else if (features instanceof SparseVector sparse) {
            java.util.Arrays.fill(x, 0f);
            int[] indices = sparse.indices();
            double[] v = sparse.values();
            for (int k = 0; k < indices.length; k++) {
                x[indices[k]] = (float) v[k];
            }
        } else {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) features.apply(i);
            }
        }
        in.workspace.forward(x, 1, Mode.INFERENCE);
        float[] logits = in.workspace.logits();
        double[] raw = new double[net.outputSize()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = logits[i];
        }
        return new DenseVector(raw);
    }

    /** Softmax of the logits, in place (the network's output activation). */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        if (!(rawPrediction instanceof DenseVector dense)) {
            throw new IllegalArgumentException("rawPrediction must be dense, was " + rawPrediction.getClass());
        }
        double[] v = dense.values();
        double max = Double.NEGATIVE_INFINITY;
        for (double z : v) {
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
        return dense;
    }

    private Inference inference() {
        ThreadLocal<Inference> local = inference;
        if (local == null) {
            synchronized (this) {
                if (inference == null) {
                    inference = ThreadLocal.withInitial(() -> new Inference(network()));
                }
                local = inference;
            }
        }
        return local.get();
    }

    /** One thread's batch-1 workspace and input buffer. */
    private static final class Inference {
        final Workspace workspace;
        final float[] x;

        Inference(Network network) {
            this.workspace = network.newWorkspace(1);
            this.x = new float[network.inputSize()];
            if (network.outputActivation().kind() != Activation.Kind.SOFTMAX) {
                throw new IllegalStateException("the network's output is " + network.outputActivation().name()
                        + ", not softmax");
            }
        }
    }

    /**
     * Spark's own, unchanged: declared here only because Java sees two inherited versions of it (the Scala
     * classes narrow its tuple's type, which Java's invariant generics cannot express).
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public LanesClassificationModel copy(ParamMap extra) {
        LanesClassificationModel copy = new LanesClassificationModel(uid, modelFile, summary);
        return copyValues(copy, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** {@return a reader of models saved with {@code write().save(path)}} */
    public static MLReader<LanesClassificationModel> read() {
        return new Reader();
    }

    /**
     * Loads a model saved with {@code save(path)}.
     *
     * @param path the directory it was saved to
     * @return the model, its params and network as saved
     */
    public static LanesClassificationModel load(String path) {
        return read().load(path);
    }

    @Override
    public String toString() {
        return "LanesClassificationModel(uid=" + uid + ", " + network().describe() + ")";
    }

    /** Writes the params as Spark ML's default metadata and the network as a lanes model file beside it. */
    private static final class Writer extends MLWriter {
        private final LanesClassificationModel model;

        Writer(LanesClassificationModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession());
            Path file = new Path(path, MODEL_FILE);
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (OutputStream out = fs.create(file, true)) {
                    out.write(model.modelFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
    }

    /** Reads what {@link Writer} wrote, checking the model file before building the network. */
    private static final class Reader extends MLReader<LanesClassificationModel> {
        @Override
        public LanesClassificationModel load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader$.MODULE$.loadMetadata(path, sparkSession(),
                    LanesClassificationModel.class.getName());
            Path file = new Path(path, MODEL_FILE);
            byte[] bytes;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                long length = fs.getFileStatus(file).getLen();
                if (length > Integer.MAX_VALUE - 8) {
                    throw new ModelFormatException(file + ": " + length + " bytes, too large for a model file");
                }
                try (InputStream in = fs.open(file)) {
                    bytes = in.readNBytes((int) length);
                }
                ModelFile.fromBytes(bytes, file.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the lanes model of " + path + ": " + e.getMessage(), e);
            }
            LanesClassificationModel model = new LanesClassificationModel(metadata.uid(), bytes, null);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
