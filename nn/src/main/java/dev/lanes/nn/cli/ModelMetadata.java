package dev.lanes.nn.cli;

import dev.lanes.nn.data.Dataset;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metadata the command line saves with a model, so eval and predict can name classes. */
final class ModelMetadata {

    static final String CLASSES = "classes";
    static final String DATA = "data";
    static final String IMAGE = "image";
    static final String CREATED = "created";

    private ModelMetadata() {
    }

    static Map<String, String> of(Dataset train, String dataName) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DATA, dataName);
        m.put(IMAGE, train.rows() + "x" + train.cols());
        m.put(CLASSES, String.join("\n", train.classNames()));
        m.put(CREATED, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        return m;
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
        List<String> indices = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            indices.add(Integer.toString(c));
        }
        return indices;
    }
}
