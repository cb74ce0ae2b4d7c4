package dev.lanes.cli;

import dev.lanes.cli.draw.Charts;
import dev.lanes.cli.image.ImageOutput;
import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Kernels;
import dev.lanes.nn.Initializer;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanes train}: builds a classifier, trains it, reports per epoch, saves the model. */
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
        PrintWriter out = spec.commandLine().getOut();
        if (threads != null) {
            int processors = Runtime.getRuntime().availableProcessors();
            if (threads > processors) {
                PrintWriter err = spec.commandLine().getErr();
                err.printf(Locale.ROOT, "lanes: warning: --threads %d is more than the %d processors available;"
                        + " the extra threads only take turns with the others%n", threads, processors);
                err.flush();
            }
            Kernels.setThreads(threads);
        }
        out.println("kernels: " + Kernels.describe());
        DataSets.TrainTest sets = DataSets.load(data);
        Preprocessing preprocessing = preprocess.equals("auto") ? Preprocessing.of(sets.train())
                : Preprocessing.parse(preprocess);
        if (preprocessing == Preprocessing.MNIST_DIGIT
                && (sets.train().rows() != ImageInput.SIDE || sets.train().cols() != ImageInput.SIDE)) {
            throw usage("--preprocess mnist-digit needs 28x28 images, " + data + " has " + sets.train().rows() + "x"
                    + sets.train().cols());
        }
        out.printf(Locale.ROOT, "data:    %s: %d training, %d test examples, %d classes, %dx%d, preprocess %s%n",
                data, sets.train().size(), sets.test().size(), sets.train().classes(), sets.train().rows(),
                sets.train().cols(), preprocessing.id());
        Network network = buildNetwork(sets.train().features(), sets.train().classes());
        out.printf(Locale.ROOT, "network: %s, %,d parameters%n", network.describe(), network.parameterCount());
        Optimizer opt = Optimizer.named(optimizer, weightDecay);
        out.printf(Locale.ROOT, "train:   %s, lr %s (%s), batch %d, %d epochs, seed %d%n", opt.describe(),
                learningRate(), schedule, batch, epochs, seed);

        Trainer.Builder trainer = Trainer.builder().optimizer(opt).schedule(schedule()).epochs(epochs)
                .batchSize(batch).seed(seed).validationSplit(validation).earlyStopping(patience).clipNorm(clipNorm);
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

        ModelFile.save(network, ModelMetadata.of(sets.train(), data, preprocessing), out());
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
        String run = " · " + (hidden.size() + 1) + " layers, " + network.loss().id() + ", " + optimizer + " lr "
                + learningRate();
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

    private Network buildNetwork(int inputs, int classes) {
        Network.Builder b = Network.builder().input(inputs).seed(seed);
        for (int units : hidden) {
            b.dense(units, activation);
        }
        b.dense(classes, loss == Loss.CROSS_ENTROPY ? Activation.SOFTMAX : Activation.SIGMOID).loss(loss);
        if (init != null) {
            b.initializer(init);
        }
        return b.build();
    }

    /** --lr, or the optimizer's usual default: 0.001 for Adam and AdamW (as PyTorch and Keras), else 0.05. */
    private float learningRate() {
        if (learningRate != null) {
            return learningRate;
        }
        return optimizer.startsWith("adam") ? 0.001f : 0.05f;
    }

    private LearningRateSchedule schedule() {
        float learningRate = learningRate();
        return switch (schedule) {
            case "constant" -> LearningRateSchedule.constant(learningRate);
            case "step" -> LearningRateSchedule.step(learningRate, 5, 0.5f);
            case "cosine" -> LearningRateSchedule.cosine(learningRate, 0f);
            default -> throw usage("--schedule must be constant, step or cosine, was '" + schedule + "'");
        };
    }

    private void validate() {
        if (epochs < 1) {
            throw usage("--epochs must be >= 1, was " + epochs);
        }
        if (batch < 1) {
            throw usage("--batch must be >= 1, was " + batch);
        }
        if (learningRate != null && (!(learningRate > 0) || Float.isInfinite(learningRate))) {
            throw usage("--lr must be a positive number, was " + learningRate);
        }
        for (int units : hidden) {
            if (units < 1) {
                throw usage("--hidden sizes must be >= 1, was " + hidden);
            }
        }
        if (!List.of("sgd", "momentum", "nesterov", "adam", "adamw").contains(optimizer)) {
            throw usage("--optimizer must be sgd, momentum, nesterov, adam or adamw, was '" + optimizer + "'");
        }
        if (!List.of("auto", "mnist-digit", "resize").contains(preprocess)) {
            throw usage("--preprocess must be auto, mnist-digit or resize, was '" + preprocess + "'");
        }
        if (loss == Loss.BINARY_CROSS_ENTROPY) {
            throw usage("--loss must be cross_entropy or mse for a classifier");
        }
        if (!(weightDecay >= 0) || !(clipNorm >= 0)) {
            throw usage("--weight-decay and --clip-norm must be >= 0");
        }
        if (!(validation >= 0 && validation < 1)) {
            throw usage("--validation must be in [0, 1), was " + validation);
        }
        if (patience < 0 || (patience > 0 && validation == 0)) {
            throw usage("--patience needs --validation > 0 (early stopping watches the validation loss)");
        }
        if (threads != null && threads < 1) {
            throw usage("--threads must be >= 1, was " + threads);
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

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
