package dev.lanes.cli;

import dev.lanes.cli.draw.Heatmaps;
import dev.lanes.cli.image.ImageFiles;
import dev.lanes.cli.image.ImageOutput;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.Preprocessing;
import dev.lanes.nn.explain.Attribution;
import dev.lanes.nn.explain.Explainer;
import dev.lanes.nn.explain.Method;
import dev.lanes.nn.explain.Score;
import dev.lanes.nn.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lanes explain}: attribution maps of a saved model on test images or on any pictures, written as PNG
 * heatmaps (one panel per image, showing the input as the model sees it next to the map, and, for several
 * images, a grid with true and predicted labels).
 */
@Command(name = "explain", description = "Saliency maps: which pixels drive a saved model's decision, as PNG heatmaps.",
        mixinStandardHelpOptions = true, sortOptions = false)
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by lanes train.")
    Path model;

    @Option(names = "--image", paramLabel = "FILE",
            description = "Explain this picture (any image file, prepared as the model's training images were)"
                    + " instead of test images; may be repeated.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--data", paramLabel = "digits|DIR",
            description = "The bundled digits or a directory of IDX files. Default: the data the model was trained"
                    + " on (recorded in the model), else digits.")
    String data;

    @Option(names = "--index", defaultValue = "0", paramLabel = "I",
            description = "First test image to explain (0-based). Default: ${DEFAULT-VALUE}.")
    int index;

    @Option(names = "--count", defaultValue = "1", paramLabel = "N",
            description = "How many test images from --index; more than one also writes a grid. Default: 1.")
    int count;

    @Option(names = "--method", defaultValue = "gradient", converter = MethodConverter.class, paramLabel = "NAME",
            description = "Attribution method: gradient, gradxinput, smoothgrad, integrated, occlusion or gradcam"
                    + " (convolutional networks)."
                    + " Default: ${DEFAULT-VALUE}.")
    Method method;

    @Option(names = "--class", paramLabel = "C",
            description = "Class to explain, by index or name. Default: each image's predicted class.")
    String targetClass;

    @Option(names = "--score", defaultValue = "logit", converter = ScoreConverter.class, paramLabel = "NAME",
            description = "Explain the class logit or probability. Default: logit.")
    Score score;

    @Option(names = "--samples", defaultValue = "25", paramLabel = "N",
            description = "smoothgrad: noisy copies per image. Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--noise", defaultValue = "0.15", paramLabel = "X",
            description = "smoothgrad: noise σ as a fraction of the image's value range. Default: ${DEFAULT-VALUE}.")
    float noise;

    @Option(names = "--steps", defaultValue = "64", paramLabel = "N",
            description = "integrated: steps of the path integral. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--baseline", defaultValue = "0", paramLabel = "X",
            description = "integrated: the baseline image's value for every pixel (0 = black). Default: 0.")
    float baseline;

    @Option(names = "--patch", defaultValue = "1", paramLabel = "N",
            description = "occlusion: side of the square patch changed at a time. Default: ${DEFAULT-VALUE}.")
    int patch;

    @Option(names = "--epsilon", defaultValue = "0.1", paramLabel = "X",
            description = "occlusion: the change ±ε of the patch's pixels. Default: ${DEFAULT-VALUE}.")
    float epsilon;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
            description = "smoothgrad: seed of the noise. Default: 1.")
    long seed;

    @Option(names = "--layer", paramLabel = "N",
            description = "gradcam: the layer (1-based) whose feature maps to use. Default: the last convolution.")
    Integer layer;

    @Option(names = "--scale", defaultValue = "8", paramLabel = "N",
            description = "Screen pixels per image pixel, 1 to 64. Default: ${DEFAULT-VALUE}.")
    int scale;

    @Option(names = "--columns", defaultValue = "8", paramLabel = "N",
            description = "Images per row of the grid. Default: 8.")
    int columns;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for the PNGs (created if needed; files of the same name are replaced).")
    Path out;

    /**
     * What is explained: {@code count} inputs of {@code rows x cols}, their true labels (null for pictures),
     * a name for each in captions and file names, and where they came from.
     */
    private record Inputs(float[] x, int count, int rows, int cols, int[] labels, List<String> ids,
                          List<String> fileNames, String source) {
    }

    @Override
    public Integer call() throws Exception {
        validateOptions();
        PrintWriter printer = spec.commandLine().getOut();
        ModelFile.Model loaded = ModelFile.loadModel(model);
        ModelMetadata.requirePictures(loaded.metadata(), model, "explain");
        Network network = loaded.network();
        List<String> names = ModelMetadata.classNames(loaded.metadata(), network.outputSize());
        int explained = parseClass(names);
        Inputs in = images.isEmpty() ? testImages(loaded, network) : pictures(loaded, network);
        if (method == Method.OCCLUSION && patch > Math.min(in.rows(), in.cols())) {
            throw usage("--patch must be at most " + Math.min(in.rows(), in.cols()) + " for " + in.rows()
                    + " x " + in.cols() + " images, was " + patch);
        }
        Files.createDirectories(out);

        int n = in.count();
        Attribution a = explain(network, in.x(), n, explained, in.rows(), in.cols());
        float[] p = network.predict(in.x(), n);

        printer.printf(Locale.ROOT, "model:   %s (%s)%n", model, network.describe());
        printer.printf(Locale.ROOT, "data:    %s%n", in.source());
        printer.printf(Locale.ROOT, "method:  %s%n", describe(names, explained));
        for (int i = 0; i < n; i++) {
            int predicted = a.predictedClass(i);
            float probability = p[i * network.outputSize() + predicted];
            String truth = in.labels() == null ? "" : "true " + names.get(in.labels()[i]);
            String caption = String.format(Locale.ROOT, "%s · %spredicted %s (p %.3f) · %s of %s", in.ids().get(i),
                    truth.isEmpty() ? "" : truth + " · ", names.get(predicted), probability, method.title(),
                    scoreName(names, a.explainedClass(i)));
            Path file = out.resolve(method.id() + "-" + in.fileNames().get(i) + ".png");
            ImageOutput.writePng(Heatmaps.panel(a, i, in.x(), in.rows(), in.cols(), scale, caption), file);
            printer.printf(Locale.ROOT, "wrote %s  (%s: %spredicted %s, p %.4f%s)%n", file, in.ids().get(i),
                    truth.isEmpty() ? "" : truth + ", ",
                    names.get(predicted), probability,
                    method == Method.INTEGRATED_GRADIENTS ? completeness(a, i) : "");
        }
        if (n > 1) {
            String title = String.format(Locale.ROOT, "%s · %s · red raises the score, blue lowers it",
                    describe(names, explained), in.source());
            String range = images.isEmpty() ? index + "-" + (index + n - 1) : "images";
            Path file = out.resolve(method.id() + "-grid-" + range + ".png");
            ImageOutput.writePng(Heatmaps.grid(a, in.x(), in.rows(), in.cols(), in.labels(), names, columns,
                    Math.max(1, scale / 2), title), file);
            printer.printf(Locale.ROOT, "wrote %s%n", file);
        }
        if (method == Method.INTEGRATED_GRADIENTS) {
            printer.printf(Locale.ROOT, "completeness: max |Σ attributions − (s(x) − s(baseline))| = %.3g with %d"
                    + " steps%n", a.maxCompletenessGap(), steps);
        }
        return 0;
    }

    /** Test images --index to --index + --count − 1 of --data or the model's data set. */
    private Inputs testImages(ModelFile.Model loaded, Network network) throws IOException {
        ModelMetadata.ModelData modelData = ModelMetadata.data(data, loaded.metadata(), model);
        Dataset test = modelData.sets().test();
        if (test.features() != network.inputSize()) {
            throw new IllegalArgumentException(model + " expects " + network.inputSize() + " inputs, the images of "
                    + modelData.name() + " have " + test.rows() + " x " + test.cols() + " = " + test.features()
                    + " pixels");
        }
        validateRange(test, modelData.name());
        float[] x = new float[count * test.features()];
        int[] labels = new int[count];
        test.copyBatch(index, count, x, 0, labels, 0);
        List<String> ids = new ArrayList<>();
        List<String> fileNames = new ArrayList<>();
        for (int i = index; i < index + count; i++) {
            ids.add("#" + i);
            fileNames.add(Integer.toString(i));
        }
        Path dataPath = Path.of(modelData.name()).getFileName();
        String source = String.format(Locale.ROOT, "%s test images %d to %d of %d",
                dataPath == null ? modelData.name() : dataPath, index, index + count - 1, test.size());
        return new Inputs(x, count, test.rows(), test.cols(), labels, ids, fileNames, source);
    }

    /** The --image pictures, prepared as the model's training images were. */
    private Inputs pictures(ModelFile.Model loaded, Network network) throws IOException {
        if (data != null || index != 0 || count != 1) {
            throw usage("--image explains the given pictures: --data, --index and --count select test images"
                    + " instead; give one or the other");
        }
        Preprocessing preprocessing = ModelMetadata.preprocessing(loaded.metadata(), model);
        int[] shape = ModelMetadata.imageShape(loaded.metadata(), network.inputSize(), model);
        int features = shape[0] * shape[1];
        float[] x = new float[images.size() * features];
        List<String> ids = new ArrayList<>();
        List<String> fileNames = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Path image = images.get(i);
            System.arraycopy(ImageFiles.read(image, preprocessing, shape[0], shape[1]), 0, x, i * features,
                    features);
            Path name = image.getFileName();
            ids.add(name == null ? image.toString() : name.toString());
            String stem = stem(ids.get(i));
            fileNames.add(fileNames.contains(stem) ? stem + "-" + (i + 1) : stem);
        }
        String source = images.size() + (images.size() == 1 ? " picture" : " pictures") + ", prepared as "
                + preprocessing.id() + " to " + shape[0] + "x" + shape[1];
        return new Inputs(x, images.size(), shape[0], shape[1], null, ids, fileNames, source);
    }

    /** A file name without its extension, as a safe part of an output file name. */
    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        return stem.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private Attribution explain(Network network, float[] x, int count, int explained, int rows, int cols) {
        Explainer explainer = new Explainer(network);
        return switch (method) {
            case GRADIENT -> explainer.gradient(x, count, explained, score);
            case GRADIENT_TIMES_INPUT -> explainer.gradientTimesInput(x, count, explained, score);
            case SMOOTHGRAD -> explainer.smoothGrad(x, count, explained, score, samples, noise, seed);
            case INTEGRATED_GRADIENTS -> {
                float[] base = new float[network.inputSize()];
                Arrays.fill(base, baseline);
                yield explainer.integratedGradients(x, count, explained, score, base, steps);
            }
            case OCCLUSION -> explainer.occlusion(x, count, explained, score, rows, cols, patch, epsilon);
            case GRAD_CAM -> layer == null ? explainer.gradCam(x, count, explained, score)
                    : explainer.gradCam(x, count, explained, score, layer - 1);
        };
    }

    private String describe(List<String> names, int explained) {
        String what = method.title() + " of the " + score.id() + " of "
                + (explained == Explainer.PREDICTED ? "the predicted class" : "class " + names.get(explained));
        return what + switch (method) {
            case SMOOTHGRAD -> String.format(Locale.ROOT, ", %d samples, noise %.3g", samples, noise);
            case INTEGRATED_GRADIENTS -> String.format(Locale.ROOT, ", %d steps from a baseline of %s", steps,
                    baseline);
            case OCCLUSION -> String.format(Locale.ROOT, ", %dx%d patches, ε %s", patch, patch, epsilon);
            default -> "";
        };
    }

    private String scoreName(List<String> names, int c) {
        return score.id() + " " + names.get(c);
    }

    private static String completeness(Attribution a, int i) {
        return String.format(Locale.ROOT, ", Σ attributions %.4f vs s(x) − s(baseline) %.4f, gap %.2g", a.sum(i),
                (double) a.scoreValue(i) - a.baselineScore(i), a.completenessGap(i));
    }

    /** The class index of --class (an index or a name), or PREDICTED. */
    private int parseClass(List<String> names) {
        if (targetClass == null) {
            return Explainer.PREDICTED;
        }
        String s = targetClass.trim();
        if (s.matches("-?\\d+")) {
            long c = Long.parseLong(s);
            if (c < 0 || c >= names.size()) {
                throw usage("--class " + s + " is out of range: the model has " + names.size() + " classes (0 to "
                        + (names.size() - 1) + ")");
            }
            return (int) c;
        }
        for (int c = 0; c < names.size(); c++) {
            if (names.get(c).equals(s)) {
                return c;
            }
        }
        for (int c = 0; c < names.size(); c++) {
            if (names.get(c).equalsIgnoreCase(s)) {
                return c;
            }
        }
        throw usage("--class '" + s + "' is not a class of the model: expected an index 0 to " + (names.size() - 1)
                + " or one of " + String.join(", ", names));
    }

    private void validateRange(Dataset test, String dataName) {
        String images = "the " + dataName + " test split has " + test.size() + " images (0 to " + (test.size() - 1)
                + ")";
        if (index < 0 || index >= test.size()) {
            throw usage("--index " + index + " is out of range: " + images);
        }
        if ((long) index + count > test.size()) {
            throw usage("--count " + count + " from --index " + index + " runs past the last image: " + images);
        }
    }

    private void validateOptions() {
        if (count < 1) {
            throw usage("--count must be >= 1, was " + count);
        }
        if (samples < 1) {
            throw usage("--samples must be >= 1, was " + samples);
        }
        if (!(noise >= 0) || Float.isInfinite(noise)) {
            throw usage("--noise must be a finite number >= 0, was " + noise);
        }
        if (steps < 1) {
            throw usage("--steps must be >= 1, was " + steps);
        }
        if (!Float.isFinite(baseline)) {
            throw usage("--baseline must be a finite number, was " + baseline);
        }
        if (patch < 1) {
            throw usage("--patch must be >= 1, was " + patch);
        }
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw usage("--epsilon must be a finite number > 0, was " + epsilon);
        }
        if (scale < 1 || scale > 64) {
            throw usage("--scale must be in 1 to 64, was " + scale);
        }
        if (columns < 1) {
            throw usage("--columns must be >= 1, was " + columns);
        }
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw usage("--out " + out + " is a file, not a directory");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static final class MethodConverter implements CommandLine.ITypeConverter<Method> {
        @Override
        public Method convert(String value) {
            try {
                return Method.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ScoreConverter implements CommandLine.ITypeConverter<Score> {
        @Override
        public Score convert(String value) {
            try {
                return Score.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
