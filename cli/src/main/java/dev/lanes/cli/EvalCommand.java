package dev.lanes.cli;

import dev.lanes.nn.Network;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.io.ModelFile;
import dev.lanes.nn.train.Evaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanes eval}: accuracy, per-class accuracy and confusion matrix of a saved model on a data set. */
@Command(name = "eval", description = "Evaluate a saved model on the test set of a data set.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class EvalCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by lanes train.")
    Path model;

    @Option(names = "--data", paramLabel = "digits|DIR",
            description = "The bundled digits or a directory of IDX files. Default: the data the model was trained"
                    + " on (recorded in the model), else digits.")
    String data;

    @Option(names = "--split", defaultValue = "test", paramLabel = "test|train",
            description = "Which part of the data set. Default: ${DEFAULT-VALUE}.")
    String split;

    @Override
    public Integer call() throws Exception {
        if (!split.equals("test") && !split.equals("train")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--split must be test or train, was '"
                    + split + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        ModelFile.Model loaded = ModelFile.loadModel(model);
        Network network = loaded.network();
        ModelMetadata.ModelData modelData = ModelMetadata.data(data, loaded.metadata(), model);
        DataSets.TrainTest sets = modelData.sets();
        Dataset set = split.equals("test") ? sets.test() : sets.train();
        if (set.features() != network.inputSize()) {
            throw new IllegalArgumentException(model + " expects " + network.inputSize() + " inputs, the images of "
                    + modelData.name() + " have " + set.rows() + " x " + set.cols() + " = " + set.features()
                    + " pixels");
        }
        if (set.isRegression()) {
            return regression(out, network, modelData, set);
        }
        if (set.classes() > network.outputSize()) {
            throw new IllegalArgumentException(model + " has " + network.outputSize() + " classes, "
                    + modelData.name() + " has " + set.classes());
        }
        Evaluation e = Evaluation.of(network, set);
        List<String> names = ModelMetadata.classNames(loaded.metadata(), network.outputSize());
        out.printf(Locale.ROOT, "model:    %s (%s)%n", model, network.describe());
        out.printf(Locale.ROOT, "data:     %s, %s split, %d examples%n", modelData.describe(), split, set.size());
        out.printf(Locale.ROOT, "loss:     %.4f%n", e.loss());
        out.printf(Locale.ROOT, "accuracy: %.4f%n%n", e.accuracy());
        printPerClass(out, names, e);
        out.println();
        printConfusion(out, names, e.confusionMatrix());
        out.printf(Locale.ROOT, "%naccuracy=%.4f%n", e.accuracy());
        return 0;
    }

    /** A regression (e.g. adding:T): the loss, the mean squared error and the fraction within the tolerance. */
    private int regression(PrintWriter out, Network network, ModelMetadata.ModelData modelData, Dataset set) {
        if (set.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException(model + " has " + network.outputSize() + " outputs, "
                    + modelData.name() + " has " + set.targetSize() + " target(s) per example");
        }
        Evaluation e = Evaluation.of(network, set);
        out.printf(Locale.ROOT, "model:    %s (%s)%n", model, network.describe());
        out.printf(Locale.ROOT, "data:     %s, %s split, %d examples%n", modelData.describe(), split, set.size());
        out.printf(Locale.ROOT, "loss:     %.6f%n", e.loss());
        out.printf(Locale.ROOT, "mse:      %.6f%n", e.meanSquaredError());
        out.printf(Locale.ROOT, "accuracy: %.4f (every output within %s of its target)%n", e.accuracy(),
                set.tolerance());
        out.printf(Locale.ROOT, "%nmse=%.6f%naccuracy=%.4f%n", e.meanSquaredError(), e.accuracy());
        return 0;
    }

    private static void printPerClass(PrintWriter out, List<String> names, Evaluation e) {
        double[] acc = e.perClassAccuracy();
        long[][] cm = e.confusionMatrix();
        int width = Math.max(5, labelWidth(names));
        out.printf(Locale.ROOT, "%-" + width + "s  %8s  %8s%n", "class", "examples", "accuracy");
        for (int c = 0; c < acc.length; c++) {
            long total = 0;
            for (long v : cm[c]) {
                total += v;
            }
            out.printf(Locale.ROOT, "%-" + width + "s  %8d  %8s%n", label(names, c), total,
                    Double.isNaN(acc[c]) ? "-" : String.format(Locale.ROOT, "%.4f", acc[c]));
        }
    }

    /**
     * Rows labelled by {@link #label}, columns headed by the class index alone (names do not fit a column), so
     * every column header is the same kind of label.
     */
    private static void printConfusion(PrintWriter out, List<String> names, long[][] cm) {
        out.println("confusion matrix (rows: true class, columns: predicted class, by index)");
        int label = labelWidth(names);
        int cell = Integer.toString(cm.length - 1).length() + 1;
        for (long[] row : cm) {
            for (long v : row) {
                cell = Math.max(cell, Long.toString(v).length() + 1);
            }
        }
        StringBuilder header = new StringBuilder(" ".repeat(label + 1));
        for (int c = 0; c < cm.length; c++) {
            header.append(String.format(Locale.ROOT, "%" + cell + "d", c));
        }
        out.println(header);
        for (int r = 0; r < cm.length; r++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + label + "s ", label(names, r)));
            for (long v : cm[r]) {
                line.append(String.format(Locale.ROOT, "%" + cell + "d", v));
            }
            out.println(line);
        }
    }

    /** "index name" (e.g. "9 Ankle boot"), or the index alone when the name is the index. */
    private static String label(List<String> names, int c) {
        String index = Integer.toString(c);
        return names.get(c).equals(index) ? index : index + " " + names.get(c);
    }

    private static int labelWidth(List<String> names) {
        int width = 1;
        for (int c = 0; c < names.size(); c++) {
            width = Math.max(width, label(names, c).length());
        }
        return width;
    }
}
