package dev.lanes.cli;

import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.ImageInput;
import dev.lanes.nn.data.Preprocessing;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata the command line saves with a model, and what eval, predict and explain read back from it: the
 * class names, the training data (as an absolute path, or "digits"), the image shape and how a picture must be
 * prepared to look like the training images.
 */
final class ModelMetadata {

    static final String CLASSES = "classes";
    static final String DATA = "data";
    static final String IMAGE = "image";
    static final String PREPROCESS = "preprocess";
    static final String CREATED = "created";

    private ModelMetadata() {
    }

    /**
     * The metadata of a model trained on {@code train}. Nothing in it depends on when or where the model was
     * trained unless asked ({@code created}), so two identical runs save identical files.
     *
     * @param created when the model was saved, recorded to the second; null: not recorded
     */
    static Map<String, String> of(Dataset train, String dataName, Preprocessing preprocessing, Instant created) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DATA, recordedData(dataName));
        m.put(IMAGE, train.rows() + "x" + train.cols());
        m.put(PREPROCESS, preprocessing.id());
        m.put(CLASSES, String.join("\n", train.classNames()));
        if (created != null) {
            m.put(CREATED, created.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        return m;
    }

    /**
     * "digits" or a generated set ("adding:T[:N]", regenerated the same from its name), or the data directory as
     * an absolute path, so the model finds it from any directory.
     */
    static String recordedData(String dataName) {
        return dataName.equals(DataSets.DIGITS) || DataSets.isGenerated(dataName) ? dataName
                : Path.of(dataName).toAbsolutePath().normalize().toString();
    }

    /**
     * Refuses a model trained on a generated sequence task (adding:T): {@code command} works on pictures.
     *
     * @throws IllegalArgumentException naming the model, its data and what to use instead
     */
    static void requirePictures(Map<String, String> metadata, Path model, String command) {
        String recorded = metadata.get(DATA);
        if (recorded != null && DataSets.isGenerated(recorded)) {
            throw new IllegalArgumentException(model + " was trained on " + recorded + ", generated sequences with"
                    + " real targets, not pictures: lanes " + command + " takes pictures for an image classifier;"
                    + " lanes eval --model " + model + " evaluates it");
        }
    }

    /** The class names saved with a model, or "0", "1", … when there are none (or too few). */
    static List<String> classNames(Map<String, String> metadata, int classes) {
        String saved = metadata.get(CLASSES);
        if (saved != null) {
            List<String> names = Arrays.asList(saved.split("\n", -1));
            if (names.size() == classes) {
                return names;
            }
        }
        List<String> indices = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            indices.add(Integer.toString(c));
        }
        return indices;
    }

    /**
     * How pictures are prepared for the model: its recorded {@code preprocess}, or MNIST's digit preparation
     * for models saved before lanes recorded it.
     */
    static Preprocessing preprocessing(Map<String, String> metadata, Path model) {
        String saved = metadata.get(PREPROCESS);
        if (saved == null) {
            return Preprocessing.MNIST_DIGIT;
        }
        try {
            return Preprocessing.parse(saved);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(model + ": the model's metadata says preprocess=" + saved
                    + ", which this lanes does not know (it knows mnist-digit and resize)", e);
        }
    }

    /**
     * The image shape {rows, cols} of the model's inputs: the recorded {@code image} when it matches the input
     * size, else 28x28 for 784 inputs.
     *
     * @throws IllegalArgumentException if the model's inputs are not an image of a known shape
     */
    static int[] imageShape(Map<String, String> metadata, int inputs, Path model) {
        String saved = metadata.get(IMAGE);
        if (saved != null && saved.matches("\\d{1,5}x\\d{1,5}")) {
            String[] sides = saved.split("x");
            int rows = Integer.parseInt(sides[0]);
            int cols = Integer.parseInt(sides[1]);
            if (rows > 0 && cols > 0 && (long) rows * cols == inputs) {
                return new int[] {rows, cols};
            }
        }
        if (inputs == ImageInput.SIDE * ImageInput.SIDE) {
            return new int[] {ImageInput.SIDE, ImageInput.SIDE};
        }
        throw new IllegalArgumentException(model + " expects " + inputs + " inputs and records no image shape"
                + " for them (image=" + saved + "), so pictures cannot be converted for it");
    }

    /**
     * The data set a command works on: {@code option} (its --data) when given, else the one recorded in the
     * model, else the bundled digits. A recorded data set that cannot be read is reported as coming from the
     * model.
     */
    static ModelData data(String option, Map<String, String> metadata, Path model) throws IOException {
        if (option != null) {
            return new ModelData(option, DataSets.load(option), false);
        }
        String recorded = metadata.get(DATA);
        if (recorded == null) {
            return new ModelData(DataSets.DIGITS, DataSets.digits(), false);
        }
        try {
            return new ModelData(recorded, DataSets.load(recorded), true);
        } catch (FileNotFoundException e) {
            FileNotFoundException f = new FileNotFoundException("the data set recorded in " + model + " (data="
                    + recorded + ") cannot be read: " + e.getMessage() + "; give --data to use another copy");
            f.initCause(e);
            throw f;
        } catch (IOException e) {
            throw new IOException("the data set recorded in " + model + " (data=" + recorded + ") cannot be read: "
                    + e.getMessage() + "; give --data to use another copy", e);
        }
    }

    /**
     * A data set a command works on.
     *
     * @param name      its name as given or recorded
     * @param sets      its training and test sets
     * @param fromModel whether the name was recorded in the model (rather than given with --data)
     */
    record ModelData(String name, DataSets.TrainTest sets, boolean fromModel) {

        /** The name, with where it came from when the model recorded it. */
        String describe() {
            return fromModel ? name + " (recorded in the model)" : name;
        }
    }
}
