package dev.lanes.nn.cli;

import dev.lanes.nn.Network;
import dev.lanes.nn.data.ImageInput;
import dev.lanes.nn.io.ModelFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lanes predict}: the top classes of one image (any PNG, converted to 28x28 MNIST-style grayscale). */
@Command(name = "predict", description = "Classify an image with a saved model (top classes and probabilities).",
        mixinStandardHelpOptions = true, sortOptions = false)
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by lanes train.")
    Path model;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "An image file (PNG, JPEG, GIF, BMP).")
    Path image;

    @Option(names = "--top", defaultValue = "3", paramLabel = "N", description = "How many classes to show. Default: ${DEFAULT-VALUE}.")
    int top;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be >= 1, was " + top);
        }
        ModelFile.Model loaded = ModelFile.loadModel(model);
        Network network = loaded.network();
        int side = ImageInput.SIDE;
        if (network.inputSize() != side * side) {
            throw new IllegalArgumentException(model + " expects " + network.inputSize() + " inputs; images are"
                    + " converted to " + side + "x" + side + " = " + side * side + " pixels");
        }
        float[] x = ImageInput.read(image);
        float[] p = network.predict(x);
        List<String> names = ModelMetadata.classNames(loaded.metadata(), network.outputSize());
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).reversed());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s:%n", image);
        for (int r = 0; r < Math.min(top, p.length); r++) {
            int c = order[r];
            out.printf(Locale.ROOT, "  %d. %-12s %.4f%n", r + 1, names.get(c), p[c]);
        }
        return 0;
    }
}
