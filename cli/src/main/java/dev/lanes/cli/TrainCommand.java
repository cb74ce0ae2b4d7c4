package dev.lanes.cli;

import dev.lanes.cli.draw.Charts;
import dev.lanes.cli.image.ImageOutput;
import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Kernels;
import dev.lanes.nn.Initializer;
import dev.lanes.nn.Loss;
import dev.lanes.nn.LayerSpec;
import dev.lanes.nn.LayerTypes;
import dev.lanes.nn.Network;
import dev.lanes.nn.Shape;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.ImageInput;
import dev.lanes.nn.data.Preprocessing;
import dev.lanes.nn.diagnostics.TrainingDiagnostics;
import dev.lanes.nn.io.AtomicFile;
import dev.lanes.nn.io.ModelFile;
import dev.lanes.nn.optim.LearningRateSchedule;
import dev.lanes.nn.optim.Optimizer;
import dev.lanes.nn.train.Trainer;
import dev.lanes.nn.train.TrainingDivergedException;
import dev.lanes.nn.train.TrainingHistory;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes train}: builds a classifier ({@code --hidden} dense layers, or any {@code --layers} list), trains it,
 * reports per epoch, saves the model.
 *
 * <p>The values of options that the library's builders take ({@code Trainer.Builder}, {@code Network.Builder}, the
 * optimizers and schedules) are checked there, once: their messages reach the user as usage errors, prefixed by the
 * option. Only what the command line alone knows is checked here: names of choices, the files it writes, and
 * whether a network ends in one output per class of the data.
 */
@Command(name = "train", description = "Train a classifier on an IDX data set and save the model.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = "digits", paramLabel = "digits|DIR",
            description = "The bundled 10k MNIST digits, or a directory of IDX files (e.g."
                    + " /usr/share/datasets/fashion-mnist). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--hidden", defaultValue = "256,128", split = ",", paramLabel = "N", hideParamSyntax = true,
            description = "Hidden layer sizes, comma-separated, e.g. 256,128. Default: ${DEFAULT-VALUE}.")
    List<Integer> hidden;

    @Option(names = "--layers", paramLabel = "SPEC",
            description = "The network's layers instead of --hidden/--activation: comma-separated, each"
                    + " kind:arg:arg... with optional key=value, e.g. conv:16:5:relu,maxpool:2,dense:10. Kinds:"
                    + " ${COMPLETION-CANDIDATES}. With an image layer the images are 1 x rows x cols inputs."
                    + " The last layer gives the class scores (its output activation comes from --loss).",
            completionCandidates = LayerKinds.class)
    String layers;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
            converter = Converters.HiddenActivationConverter.class,
            description = "Hidden activation: identity, relu, leaky_relu (slope 0.01), leaky_relu(SLOPE), sigmoid,"
                    + " tanh, softplus, gelu, silu. Default: ${DEFAULT-VALUE}.")
    Activation activation;

    @Option(names = "--loss", defaultValue = "cross_entropy", paramLabel = "NAME",
            converter = Converters.LossConverter.class,
            description = "cross_entropy (softmax output) or mse (sigmoid output). Default: ${DEFAULT-VALUE}.")
    Loss loss;

    @Option(names = "--init", paramLabel = "NAME", converter = Converters.InitializerConverter.class,
            description = "Weight initializer: gaussian, xavier, he. Default: he for ReLU-like, else xavier.")
    Initializer init;

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Epochs. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch", defaultValue = "128", paramLabel = "N", description = "Mini-batch size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", paramLabel = "X",
            description = "Learning rate. Default: 0.05 for sgd, momentum and nesterov; 0.001 for adam and adamw"
                    + " (as PyTorch and Keras).")
    Float learningRate;

    @Option(names = "--schedule", defaultValue = "constant", paramLabel = "constant|step|cosine",
            description = "Learning-rate schedule (step: x0.5 every 5 epochs). Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--optimizer", defaultValue = "momentum", paramLabel = "NAME",
            description = "sgd, momentum, nesterov (momentum 0.9), adam or adamw. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "X", description = "L2 (decoupled for adamw). Default: 0.")
    float weightDecay;

    @Option(names = "--clip-norm", defaultValue = "0", paramLabel = "X",
            description = "Clip the global gradient norm to this value; 0 = off. Default: 0.")
    float clipNorm;

    @Option(names = "--validation", defaultValue = "0", paramLabel = "F",
            description = "Fraction of the training set held out for validation. Default: 0.")
    double validation;

    @Option(names = "--patience", defaultValue = "0", paramLabel = "N",
            description = "Early stopping after this many epochs without a better validation loss; 0 = off.")
    int patience;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of weights and shuffles. Default: 1.")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "Kernel threads (results do not depend on it). Default: all processors, or -Dlanes.threads.")
    Integer threads;

    @Option(names = "--preprocess", defaultValue = "auto", paramLabel = "auto|mnist-digit|resize",
            description = "How predict and explain prepare a picture for the model, saved in it: mnist-digit"
                    + " (20x20 box centred by mass, as MNIST) or resize (the whole picture, as Fashion-MNIST); auto"
                    + " picks what the training images look like. Default: ${DEFAULT-VALUE}.")
    String preprocess;

    @Option(names = "--out", defaultValue = "model.lnn", paramLabel = "FILE", description = "Model file to write. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--timestamp",
            description = "Record when the model was saved (created=... in its metadata). Off by default, so that"
                    + " two identical runs write identical files.")
    boolean timestamp;

    @Option(names = "--no-progress", description = "No progress bar (it is shown only on a terminal anyway).")
    boolean noProgress;

    @Option(names = "--plots", paramLabel = "DIR",
            description = "Write training-curves.png, gradient-norms.png and activations.png to this directory"
                    + " (created if needed), also when training diverges.")
    Path plots;

    @Option(names = "--diagnostics", paramLabel = "FILE",
            description = "Write each layer's activation statistics and gradient norms of every step as CSV.")
    Path diagnostics;

    @Override
    public Integer call() throws Exception {
        validate();
        // Everything the library checks, checked before the data is loaded: a bad value costs no wait.
        checked("--optimizer", () -> Optimizer.named(optimizer, 0));
        Optimizer opt = checked("--weight-decay", () -> Optimizer.named(optimizer, weightDecay));
        Trainer.Builder trainer = trainer(opt);
        List<LayerSpec> specs = layers == null ? null : checked("--layers", () -> LayerTypes.parseAll(layers));
        PrintWriter out = spec.commandLine().getOut();
        if (threads != null) {
            int processors = Runtime.getRuntime().availableProcessors();
            if (threads > processors) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf(Locale.ROOT, "lanes: warning: --threads %d is more than the %d processors available;"
                        + " the extra threads only take turns with the others%n", threads, processors);
                err.flush();
            }
            checked("--threads", () -> {
                Kernels.setThreads(threads);
                return null;
            });
        }
        out.println("kernels: " + Kernels.describe());
        // The JIT's warm-up on a stand-in network while the data loads: same results, an earlier fast first epoch.
        WarmUp warmUp = WarmUp.start(data, batch,
                examples -> specs == null ? denseNetwork(examples) : layeredNetwork(specs, examples),
                () -> trainer(Optimizer.named(optimizer, weightDecay)));
        DataSets.TrainTest sets;
        try {
            sets = DataSets.load(data);
        } finally {
            warmUp.stop();
        }
        Preprocessing preprocessing = preprocess.equals("auto") ? Preprocessing.of(sets.train())
                : checked("--preprocess", () -> Preprocessing.parse(preprocess));
        if (preprocessing == Preprocessing.MNIST_DIGIT
                && (sets.train().rows() != ImageInput.SIDE || sets.train().cols() != ImageInput.SIDE)) {
            throw usage("--preprocess mnist-digit needs 28x28 images, " + data + " has " + sets.train().rows() + "x"
                    + sets.train().cols());
        }
        out.printf(Locale.ROOT, "data:    %s: %d training, %d test examples, %d classes, %dx%d, preprocess %s%n",
                data, sets.train().size(), sets.test().size(), sets.train().classes(), sets.train().rows(),
                sets.train().cols(), preprocessing.id());
        Network network = specs == null ? denseNetwork(sets.train()) : layeredNetwork(specs, sets.train());
        out.printf(Locale.ROOT, "network: %s, %,d parameters%n", network.describe(), network.parameterCount());
        out.printf(Locale.ROOT, "train:   %s, lr %s (%s), batch %d, %d epochs, seed %d%n", opt.describe(),
                learningRate(opt), schedule, batch, epochs, seed);

        trainer.listener(new TrainingProgress(out, !noProgress && System.console() != null));
        TrainingDiagnostics diagnosis = plots != null || diagnostics != null ? new TrainingDiagnostics() : null;
        if (diagnosis != null) {
            trainer.listener(diagnosis);
        }
        TrainingHistory history;
        try {
            history = trainer.build().fit(network, sets.train(), sets.test());
        } catch (TrainingDivergedException e) {
            if (diagnosis != null) {
                writeDiagnostics(diagnosis, network, out);
            }
            throw e;
        }

        ModelFile.save(network, ModelMetadata.of(sets.train(), data, preprocessing, timestamp ? Instant.now() : null),
                out());
        out.printf(Locale.ROOT, "saved:   %s (%,d bytes)%s%n", out(), Files.size(out()),
                history.stoppedEarly() ? ", weights of epoch " + history.bestEpoch() + " (early stopping)" : "");
        if (diagnosis != null) {
            writeDiagnostics(diagnosis, network, out);
        }
        out.printf(Locale.ROOT, "test_accuracy=%.4f%n", history.last().testAccuracy());
        out.printf(Locale.ROOT, "epoch_seconds_median=%.3f%n", history.medianEpochSeconds());
        return 0;
    }

    private Path out() {
        return this.out;
    }

    /** The CSV and the charts, whatever of them the run recorded; prints each path written. */
    private void writeDiagnostics(TrainingDiagnostics d, Network network, PrintWriter printer) throws IOException {
        if (diagnostics != null) {
            d.writeCsv(diagnostics);
            printer.printf(Locale.ROOT, "wrote   %s%n", diagnostics);
        }
        if (plots == null) {
            return;
        }
        Files.createDirectories(plots);
        // The layers are in the legends; the title says what was trained and how.
        String run = " · " + network.layers().size() + " layers, " + network.loss().id() + ", " + optimizer + " lr "
                + learningRate(Optimizer.named(optimizer, weightDecay));
        if (!d.epochs().isEmpty()) {
            chart(Charts.trainingCurves(d.epochs(), "training curves" + run), "training-curves.png", printer);
        }
        if (!d.samples().isEmpty()) {
            try {
                chart(Charts.gradientNorms(d.samples(), "gradient norm per layer" + run), "gradient-norms.png",
                        printer);
            } catch (IllegalArgumentException e) {
                printer.printf(Locale.ROOT, "skipped %s: %s%n", plots.resolve("gradient-norms.png"), e.getMessage());
            }
            chart(Charts.activationStatistics(d.samples(), "activations per layer" + run), "activations.png",
                    printer);
        }
    }

    private void chart(BufferedImage chart, String name, PrintWriter printer) throws IOException {
        Path file = plots.resolve(name);
        ImageOutput.writePng(chart, file);
        printer.printf(Locale.ROOT, "wrote   %s%n", file);
    }

    /** The trainer of the options, every value checked by the builder it goes to. */
    private Trainer.Builder trainer(Optimizer opt) {
        Trainer.Builder t = Trainer.builder().optimizer(opt).seed(seed);
        checked("--epochs", () -> t.epochs(epochs));
        checked("--batch", () -> t.batchSize(batch));
        LearningRateSchedule rates = checked(learningRate == null ? "--schedule" : "--lr", () -> schedule(opt));
        t.schedule(rates);
        checked("--validation", () -> t.validationSplit(validation));
        checked("--patience", () -> t.earlyStopping(patience));
        checked("--clip-norm", () -> t.clipNorm(clipNorm));
        checked(patience > 0 ? "--patience" : "--validation", t::build);
        return t;
    }

    /** {@code --hidden} dense layers of {@code --activation}, then the output layer that {@code --loss} asks for. */
    private Network denseNetwork(Dataset train) {
        Network.Builder b = Network.builder().input(train.features()).seed(seed);
        for (int units : hidden) {
            checked("--hidden", () -> b.dense(units, activation));
        }
        b.dense(train.classes(), loss == Loss.CROSS_ENTROPY ? Activation.SOFTMAX : Activation.SIGMOID).loss(loss);
        if (init != null) {
            b.initializer(init);
        }
        return checked("--hidden", b::build);
    }

    /**
     * The {@code --layers} network: on flat inputs (as {@code --hidden} networks, so their model files stay the
     * same) when its layers take them, else on the images as {@code 1 x rows x cols} (channels last: the same
     * floats). A layer that cannot take its input is a usage error naming the layer, its input shape and what it
     * expected, as the network builder says it.
     */
    private Network layeredNetwork(List<LayerSpec> specs, Dataset train) {
        Network network;
        try {
            network = layered(specs, Shape.flat(train.features()));
        } catch (IllegalArgumentException flat) {
            // A layer that needs more than flat features (a convolution, a pooling): the images as images.
            network = checked("--layers", () -> layered(specs, Shape.image(1, train.rows(), train.cols())));
        }
        if (network.outputSize() != train.classes()) {
            throw usage("--layers: the last layer gives " + network.outputShape() + " outputs, but " + data + " has "
                    + train.classes() + " classes: end the list with dense:" + train.classes());
        }
        return network;
    }

    private Network layered(List<LayerSpec> specs, Shape input) {
        Network.Builder b = Network.builder().input(input).seed(seed).loss(loss);
        for (LayerSpec layer : specs) {
            b.add(layer);
        }
        if (init != null) {
            b.initializer(init);
        }
        return b.build();
    }

    /** --lr, or the optimizer's usual default: 0.001 for Adam and AdamW (as PyTorch and Keras), else 0.05. */
    private float learningRate(Optimizer opt) {
        return learningRate != null ? learningRate : opt.defaultLearningRate();
    }

    private LearningRateSchedule schedule(Optimizer opt) {
        float rate = learningRate(opt);
        return switch (schedule) {
            case "constant" -> LearningRateSchedule.constant(rate);
            case "step" -> LearningRateSchedule.step(rate, 5, 0.5f);
            case "cosine" -> LearningRateSchedule.cosine(rate, 0f);
            default -> throw usage("--schedule must be constant, step or cosine, was '" + schedule + "'");
        };
    }

    /** What only the command line can check: names of its own choices and the files it will write. */
    private void validate() {
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        if (layers != null && (parsed.hasMatchedOption("--hidden") || parsed.hasMatchedOption("--activation"))) {
            throw usage("--layers gives the whole network: leave out --hidden and --activation");
        }
        if (!preprocess.equals("auto")) {
            checked("--preprocess", () -> Preprocessing.parse(preprocess));
        }
        if (loss == Loss.BINARY_CROSS_ENTROPY) {
            throw usage("--loss must be cross_entropy or mse for a classifier");
        }
        try {
            AtomicFile.checkWritable(out); // now, not after the training
        } catch (IOException e) {
            throw usage("--out: " + e.getMessage());
        }
        if (plots != null && Files.exists(plots) && !Files.isDirectory(plots)) {
            throw usage("--plots " + plots + " is a file, not a directory");
        }
        Path csvParent = diagnostics == null ? null : diagnostics.toAbsolutePath().getParent();
        if (csvParent != null && !Files.isDirectory(csvParent)) {
            throw usage("--diagnostics: directory " + csvParent + " does not exist");
        }
    }

    /**
     * The result of a library call that checks a value of {@code option}: its IllegalArgumentException or
     * IllegalStateException becomes a usage error with the library's message, prefixed by the option.
     */
    private <T> T checked(String option, Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** The layer kinds {@code --layers} takes, for its help text. */
    static final class LayerKinds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return LayerTypes.types().stream().map(LayerTypes.Type::name).iterator();
        }
    }
}
