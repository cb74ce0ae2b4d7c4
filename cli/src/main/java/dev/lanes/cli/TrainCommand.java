package dev.lanes.cli;

import dev.lanes.cli.draw.Charts;
import dev.lanes.cli.draw.TimeGradientChart;
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
import dev.lanes.nn.diagnostics.TimeStepGradients;
import dev.lanes.nn.diagnostics.TrainingDiagnostics;
import dev.lanes.nn.internal.HeapBudget;
import dev.lanes.nn.io.AtomicFile;
import dev.lanes.nn.io.InsufficientHeapException;
import dev.lanes.nn.io.ModelFile;
import dev.lanes.nn.optim.LearningRateSchedule;
import dev.lanes.nn.optim.Optimizer;
import dev.lanes.nn.train.Evaluation;
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

    @Option(names = "--data", defaultValue = "digits", paramLabel = "digits|DIR|adding:T[:N]",
            description = "The bundled 10k MNIST digits, a directory of IDX files (e.g."
                    + " /usr/share/datasets/fashion-mnist), or the adding problem: N (default 10000) generated"
                    + " sequences of T steps whose target is the sum of two marked values (a regression, MSE"
                    + " loss). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--hidden", defaultValue = "256,128", split = ",", paramLabel = "N", hideParamSyntax = true,
            description = "Hidden layer sizes, comma-separated, e.g. 256,128. Default: ${DEFAULT-VALUE}.")
    List<Integer> hidden;

    @Option(names = "--layers", paramLabel = "SPEC",
            // The example on a line of its own: a help column splits a long token at its commas and colons.
            description = "The network's layers instead of --hidden/--activation: comma-separated, each"
                    + " kind:arg:arg... with optional key=value, for example%nconv:16:5:relu,maxpool:2,dense:10%nKinds:"
                    + " ${COMPLETION-CANDIDATES}. With an image layer the images are 1 x rows x cols inputs."
                    + " The last layer gives the class scores (its output activation comes from --loss).",
            completionCandidates = LayerKinds.class)
    String layers;

    @Option(names = "--sequence", defaultValue = "none", paramLabel = "none|rows",
            description = "rows: each image is a sequence of its rows (H steps of W features), the input of"
                    + " recurrent layers (rnn, lstm, gru). Default: ${DEFAULT-VALUE}.")
    String sequence;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
            converter = Converters.HiddenActivationConverter.class,
            description = "Hidden activation: identity, relu, leaky_relu (slope 0.01), leaky_relu(SLOPE), sigmoid,"
                    + " tanh, softplus, gelu, silu. Default: ${DEFAULT-VALUE}.")
    Activation activation;

    @Option(names = "--loss", defaultValue = "cross_entropy", paramLabel = "NAME",
            converter = Converters.LossConverter.class,
            description = "cross_entropy (softmax output) or mse (sigmoid output; a regression such as adding:T has"
                    + " mse with the last layer's own output). Default: ${DEFAULT-VALUE}, mse for a regression.")
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

    @Option(names = "--time-gradients", paramLabel = "DIR",
            description = "For recurrent layers: write the gradient norm ||dC/dh_t|| of every time step, averaged"
                    + " over each epoch's batches, as time-gradients.csv and time-gradients.png to this directory"
                    + " (created if needed).")
    Path timeGradients;

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
            checked("--threads", () -> {
                Kernels.setThreads(threads);
                return null;
            });
            // Only a value the kernels took is worth a warning; a refused one is a usage error alone.
            int processors = Runtime.getRuntime().availableProcessors();
            if (threads > processors) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf(Locale.ROOT, "lanes: warning: --threads %d is more than the %d processors available;"
                        + " the extra threads only take turns with the others%n", threads, processors);
                err.flush();
            }
        }
        out.println("kernels: " + Kernels.describe());
        // The JIT's warm-up on a stand-in network while the data loads: same results, an earlier fast first epoch.
        WarmUp warmUp = WarmUp.start(data, batch,
                examples -> specs == null ? denseNetwork(examples) : layeredNetwork(specs, examples),
                () -> trainer(Optimizer.named(optimizer, weightDecay)));
        DataSets.TrainTest sets;
        try {
            sets = DataSets.load(data);
        } catch (IllegalArgumentException e) {
            throw usage("--data: " + e.getMessage());
        } finally {
            warmUp.stop();
        }
        boolean regression = sets.train().isRegression();
        if (regression) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--loss") && loss != Loss.MSE) {
                throw usage("--loss: " + data + " is a regression (real targets): its loss is mse");
            }
            if (layers == null) {
                throw usage("--data " + data + " is a sequence task: give its network with --layers, e.g."
                        + " --layers lstm:64,dense:1");
            }
            loss = Loss.MSE;
        }
        Preprocessing preprocessing = preprocess.equals("auto") ? Preprocessing.of(sets.train())
                : checked("--preprocess", () -> Preprocessing.parse(preprocess));
        if (preprocessing == Preprocessing.MNIST_DIGIT
                && (sets.train().rows() != ImageInput.SIDE || sets.train().cols() != ImageInput.SIDE)) {
            throw usage("--preprocess mnist-digit needs 28x28 images, " + data + " has " + sets.train().rows() + "x"
                    + sets.train().cols());
        }
        if (regression) {
            out.printf(Locale.ROOT, "data:    %s: %d training, %d test sequences of %d steps x %d features, %d"
                    + " target(s), accuracy = within %s%n", data, sets.train().size(), sets.test().size(),
                    sets.train().rows(), sets.train().cols(), sets.train().targetSize(), sets.train().tolerance());
        } else {
            out.printf(Locale.ROOT, "data:    %s: %d training, %d test examples, %d classes, %dx%d, preprocess %s%s%n",
                    data, sets.train().size(), sets.test().size(), sets.train().classes(), sets.train().rows(),
                    sets.train().cols(), preprocessing.id(), sequenceRows() ? ", as sequences of rows" : "");
        }
        Network network = specs == null ? denseNetwork(sets.train()) : layeredNetwork(specs, sets.train());
        out.printf(Locale.ROOT, "network: %s, %,d parameters%n", network.describe(), network.parameterCount());
        out.printf(Locale.ROOT, "train:   %s, lr %s (%s), batch %d, %d epochs, seed %d%n", opt.describe(),
                learningRate(opt), schedule, batch, epochs, seed);

        trainer.listener(new TrainingProgress(out, !noProgress && System.console() != null));
        TrainingDiagnostics diagnosis = plots != null || diagnostics != null ? new TrainingDiagnostics() : null;
        if (diagnosis != null) {
            trainer.listener(diagnosis);
        }
        TimeStepGradients timeSteps = null;
        if (timeGradients != null) {
            timeSteps = checked("--time-gradients", () -> new TimeStepGradients(network));
            trainer.listener(timeSteps);
        }
        TrainingHistory history;
        try {
            history = trainer.build().fit(network, sets.train(), sets.test());
        } catch (TrainingDivergedException e) {
            if (diagnosis != null) {
                writeDiagnostics(diagnosis, network, out);
            }
            if (timeSteps != null) {
                writeTimeGradients(timeSteps, out);
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
        if (timeSteps != null) {
            writeTimeGradients(timeSteps, out);
        }
        if (regression) {
            out.printf(Locale.ROOT, "test_mse=%.6f%n", Evaluation.of(network, sets.test()).meanSquaredError());
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

    /** time-gradients.csv and time-gradients.png in {@code --time-gradients}; prints each path written. */
    private void writeTimeGradients(TimeStepGradients t, PrintWriter printer) throws IOException {
        Files.createDirectories(timeGradients);
        Path csv = timeGradients.resolve("time-gradients.csv");
        t.writeCsv(csv);
        printer.printf(Locale.ROOT, "wrote   %s%n", csv);
        if (!t.epochs().isEmpty()) {
            Path png = timeGradients.resolve("time-gradients.png");
            ImageOutput.writePng(TimeGradientChart.draw(t, "‖∂C/∂h_t‖ per time step · " + data + " · "
                    + t.describe()), png);
            printer.printf(Locale.ROOT, "wrote   %s%n", png);
        }
    }

    private boolean sequenceRows() {
        return sequence.equals("rows");
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
    private Network denseNetwork(Dataset train) throws InsufficientHeapException {
        requireHeapForTraining(train.features(), train.classes());
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
     * Refuses, before anything is allocated, a {@code --hidden} network whose training alone needs more than the
     * maximum heap: the weights, their gradients and the optimizer's state (one more copy for momentum and
     * Nesterov, two for Adam and AdamW), 4 bytes each. Smaller shortfalls end in the OutOfMemoryError message.
     */
    private void requireHeapForTraining(int features, int classes) throws InsufficientHeapException {
        long parameters = 0;
        long inputs = features;
        for (int units : hidden) {
            if (units < 1 || inputs * units > Integer.MAX_VALUE - 8) {
                return; // not a network at all: the builder says why, naming the layer
            }
            parameters += inputs * units + units;
            inputs = units;
        }
        parameters += inputs * classes + classes;
        int copies = switch (optimizer) {
            case "sgd" -> 2;
            case "momentum", "nesterov" -> 3;
            default -> 4;
        };
        long bytes = 4 * copies * parameters;
        long max = HeapBudget.maxHeap();
        if (max != Long.MAX_VALUE && bytes > max) {
            String xmx = HeapBudget.suggestedXmx(bytes);
            throw new InsufficientHeapException(String.format(Locale.ROOT, "--hidden %s: the network's %,d"
                    + " parameters need %s of heap to train (weights, gradients%s), more than this JVM's maximum"
                    + " heap of %s: run java with %s or more", hidden.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")), parameters, HeapBudget.bytes(bytes),
                    copies == 2 ? "" : copies == 3 ? " and " + optimizer + " state" : " and " + optimizer
                    + "'s two moments", HeapBudget.bytes(max), xmx), bytes, xmx);
        }
    }

    /**
     * The {@code --layers} network: on flat inputs (as {@code --hidden} networks, so their model files stay the
     * same) when its layers take them, else on the images as {@code 1 x rows x cols} (channels last: the same
     * floats). A layer that cannot take its input is a usage error naming the layer, its input shape and what it
     * expected, as the network builder says it.
     */
    private Network layeredNetwork(List<LayerSpec> specs, Dataset train) {
        Network network;
        if (train.isRegression() || sequenceRows()) {
            // A sequence task, or images read row by row: sequence layers first, and no other reading.
            network = checked("--layers", () -> layered(specs, train.sequenceShape()));
            int wanted = train.isRegression() ? train.targetSize() : train.classes();
            if (network.outputSize() != wanted) {
                throw usage("--layers: the last layer gives " + network.outputShape() + " outputs, but " + data
                        + " has " + wanted + (train.isRegression() ? " target(s): end the list with dense:"
                        : " classes: end the list with dense:") + wanted);
            }
            return network;
        }
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
        if (!sequence.equals("none") && !sequence.equals("rows")) {
            throw usage("--sequence must be none or rows, was '" + sequence + "'");
        }
        if (sequenceRows() && layers == null) {
            throw usage("--sequence rows feeds recurrent layers: give them with --layers, e.g."
                    + " --layers lstm:128,dense:10");
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
        if (plots != null) {
            if (Files.exists(plots) && !Files.isDirectory(plots)) {
                throw usage("--plots " + plots + " is a file, not a directory");
            }
            try {
                Files.createDirectories(plots); // written also when training diverges, so made now
                AtomicFile.checkWritable(plots.resolve("training-curves.png"));
            } catch (IOException e) {
                throw usage("--plots: " + e.getMessage());
            }
        }
        if (diagnostics != null) {
            try {
                AtomicFile.checkWritable(diagnostics);
            } catch (IOException e) {
                throw usage("--diagnostics: " + e.getMessage());
            }
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
