package dev.lanes.cli;

import dev.lanes.cli.image.ImageFiles;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.Preprocessing;
import dev.lanes.nn.io.ModelFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lanes predict}: the top classes of images (any format ImageIO reads), each prepared the way the
 * model's training images were (the {@code preprocess} recorded in the model). Several files and directories
 * in one run; a file that cannot be read is reported and the others are still classified (exit code 1).
 */
@Command(name = "predict", description = "Classify images with a saved model (top classes and probabilities).",
        mixinStandardHelpOptions = true, sortOptions = false)
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by lanes train.")
    Path model;

    @Option(names = "--image", paramLabel = "FILE",
            description = "An image file (PNG, JPEG, GIF, BMP); may be repeated. Images can also be given as"
                    + " arguments.")
    List<Path> images = new ArrayList<>();

    @Parameters(paramLabel = "IMAGE|DIR", arity = "0..*",
            description = "Image files, and directories whose image files (by suffix, not recursive) are"
                    + " classified in name order.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--top", paramLabel = "N",
            description = "How many classes to show, at most the model's classes. Default: 3.")
    Integer top;

    @Override
    public Integer call() throws Exception {
        List<Path> files = new ArrayList<>(images);
        files.addAll(paths);
        if (files.isEmpty()) {
            throw usage("no image given: name image files or directories (or use --image FILE)");
        }
        if (top != null && top < 1) {
            throw usage("--top must be >= 1, was " + top);
        }
        ModelFile.Model loaded = ModelFile.loadModel(model);
        ModelMetadata.requirePictures(loaded.metadata(), model, "predict");
        Network network = loaded.network();
        int classes = network.outputSize();
        if (top != null && top > classes) {
            throw usage("--top " + top + " is more than the " + classes + " classes of " + model);
        }
        int shown = top != null ? top : Math.min(3, classes);
        Preprocessing preprocessing = ModelMetadata.preprocessing(loaded.metadata(), model);
        int[] shape = ModelMetadata.imageShape(loaded.metadata(), network.inputSize(), model);
        List<String> names = ModelMetadata.classNames(loaded.metadata(), classes);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int failed = 0;
        List<String> suffixes = Arrays.stream(ImageIO.getReaderFileSuffixes())
                .map(s -> "." + s.toLowerCase(Locale.ROOT)).distinct().sorted().toList();
        for (Path given : files) {
            List<Path> inside;
            try {
                inside = Files.isDirectory(given) ? imagesIn(given, suffixes) : List.of(given);
            } catch (IOException e) {
                failed += report(e, out, err);
                continue;
            }
            for (Path file : inside) {
                try {
                    float[] x = ImageFiles.read(file, preprocessing, shape[0], shape[1]);
                    print(file, network.predict(x), names, shown, out);
                } catch (IOException e) {
                    failed += report(e, out, err);
                }
            }
        }
        out.flush();
        return failed == 0 ? 0 : Lanes.FAILURE;
    }

    /** One line on standard error for a file or directory that gave nothing to classify; returns 1. */
    private static int report(IOException e, PrintWriter out, PrintWriter err) {
        out.flush();
        err.println("lanes: error: " + e.getMessage());
        err.flush();
        return 1;
    }

    private static void print(Path file, float[] p, List<String> names, int shown, PrintWriter out) {
        int nameWidth = names.stream().mapToInt(String::length).max().orElse(1);
        int[] order = rank(p);
        out.printf(Locale.ROOT, "%s:%n", file);
        for (int r = 0; r < shown; r++) {
            int c = order[r];
            out.printf(Locale.ROOT, "  %d. %-" + nameWidth + "s  %.4f%n", r + 1, names.get(c), p[c]);
        }
    }

    /** Class indices by decreasing probability (ties by index). */
    private static int[] rank(float[] p) {
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).reversed());
        return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
    }

    /** The image files of {@code dir} (by suffix, not recursive) in name order; none is an error naming it. */
    private static List<Path> imagesIn(Path dir, List<String> suffixes) throws IOException {
        List<Path> inside;
        try (Stream<Path> list = Files.list(dir)) {
            inside = list.filter(Files::isRegularFile)
                    .filter(f -> suffixes.stream().anyMatch(
                            s -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(s)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new IOException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        if (inside.isEmpty()) {
            throw new IOException(dir + ": a directory without image files (looked for "
                    + String.join(", ", suffixes) + ")");
        }
        return inside;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
