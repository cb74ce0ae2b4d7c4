package dev.lanes.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.cli.image.ImageOutput;
import dev.lanes.nn.Network;
import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.data.Dataset;
import dev.lanes.nn.data.Preprocessing;
import dev.lanes.nn.io.ModelFile;
import dev.lanes.nn.train.Evaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model knows its data: train records the data set (as an absolute path), the image shape and the
 * preprocessing its images had; predict prepares pictures that way, so a data set's own test images as PNG
 * files predict exactly as in memory; eval scores against the recorded data set, and says so when it is gone.
 * The data is a synthetic Fashion-MNIST look-alike, so the test needs no downloaded files.
 */
class ModelDataCliTest {

    @TempDir
    static Path dir;

    private static Path data;
    private static Path model;

    @BeforeAll
    static void trainOnFashionLikeData() throws Exception {
        data = FashionLike.writeIdx(dir.resolve("fashion-like"), 1000, 60, 7);
        model = dir.resolve("fashion.lnn");
        CliRun r = CliRun.of("train", "--data", data.toString(), "--epochs", "2", "--hidden", "32", "--out",
                model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(", 28x28, preprocess resize\n"), r.out());
    }

    @Test
    void theModelRecordsItsDataShapeAndPreprocessing() throws Exception {
        Map<String, String> metadata = ModelFile.loadModel(model).metadata();
        assertEquals(data.toAbsolutePath().normalize().toString(), metadata.get(ModelMetadata.DATA));
        assertEquals("28x28", metadata.get(ModelMetadata.IMAGE));
        assertEquals("resize", metadata.get(ModelMetadata.PREPROCESS));
        assertEquals(String.join("\n", DataSets.FASHION_CLASS_NAMES), metadata.get(ModelMetadata.CLASSES));
    }

    @Test
    void testImagesAsPngPredictExactlyAsInMemory() throws Exception {
        Network network = ModelFile.load(model);
        Dataset test = DataSets.load(data).test();
        Path pictures = Files.createDirectories(dir.resolve("test-pngs"));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            Path png = pictures.resolve(String.format(Locale.ROOT, "%03d.png", i));
            ImageOutput.writePng(test.example(i), png);
            float[] p = network.predict(test.example(i));
            int best = 0;
            for (int c = 1; c < p.length; c++) {
                best = p[c] > p[best] ? c : best;
            }
            expected.add(png + ":");
            expected.add(String.format(Locale.ROOT, "  1. %-11s  %.4f", DataSets.FASHION_CLASS_NAMES.get(best),
                    p[best]));
        }
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--top", "1", pictures.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.out().lines().toList());
    }

    @Test
    void evalUsesTheRecordedDataSetAndSaysWhenItIsGone() throws Exception {
        ModelFile.Model loaded = ModelFile.loadModel(model);
        Evaluation e = Evaluation.of(loaded.network(), DataSets.load(data).test());
        CliRun r = CliRun.of("eval", "--model", model.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data:     " + data.toAbsolutePath() + " (recorded in the model), test split,"
                + " 60 examples\n"), r.out());
        assertTrue(r.out().contains("9 Ankle boot"), r.out());
        assertTrue(r.out().endsWith(String.format(Locale.ROOT, "accuracy=%.4f%n", e.accuracy())), r.out());

        Path copy = dir.resolve("model-without-data.lnn");
        Path moved = dir.resolve("moved-away");
        Files.copy(model, copy);
        Path gone = FashionLike.writeIdx(dir.resolve("fashion-gone"), 200, 20, 8);
        r = CliRun.of("train", "--data", gone.toString(), "--epochs", "1", "--hidden", "8", "--out", copy.toString(),
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        Files.move(gone, moved);
        r = CliRun.of("eval", "--model", copy.toString());
        assertEquals(Lanes.FAILURE, r.code());
        assertTrue(r.err().startsWith("lanes: error: the data set recorded in " + copy + " (data=" + gone
                + ") cannot be read: " + gone + ": no such directory;"), r.err());
        assertTrue(r.err().endsWith("; give --data to use another copy\n"), r.err());
        r = CliRun.of("eval", "--model", copy.toString(), "--data", moved.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("data:     " + moved + ", test split, 20 examples\n"), r.out());
    }

    @Test
    void recordedPathsAreAbsoluteAndOldModelsKeepTheDigitPreparation() {
        assertEquals("digits", ModelMetadata.recordedData("digits"));
        assertEquals(Path.of("some/data").toAbsolutePath().normalize().toString(),
                ModelMetadata.recordedData("some/./data"));
        Path file = Path.of("old.lnn");
        assertEquals(Preprocessing.MNIST_DIGIT, ModelMetadata.preprocessing(Map.of(), file));
        assertEquals(Preprocessing.RESIZE, ModelMetadata.preprocessing(Map.of("preprocess", "resize"), file));
        assertEquals("old.lnn: the model's metadata says preprocess=crop, which this lanes does not know (it knows"
                + " mnist-digit and resize)", assertThrows(IllegalArgumentException.class,
                () -> ModelMetadata.preprocessing(Map.of("preprocess", "crop"), file)).getMessage());
        assertEquals(28, ModelMetadata.imageShape(Map.of(), 784, file)[0]);
        assertEquals(List.of(6, 10), List.of(ModelMetadata.imageShape(Map.of("image", "6x10"), 60, file)[0],
                ModelMetadata.imageShape(Map.of("image", "6x10"), 60, file)[1]));
    }
}
