package dev.lanes.nn;

import static dev.lanes.kernels.Activation.RELU;
import static dev.lanes.kernels.Activation.SOFTMAX;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.lanes.nn.data.DataSets;
import dev.lanes.nn.io.ModelFile;
import dev.lanes.nn.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library snippets, as written there (one epoch instead of ten): they compile and run. */
class ReadmeExampleTest {

    @TempDir
    Path dir;

    @Test
    void theCommonPath() throws IOException {
        Network net = Network.builder().input(784).dense(256, RELU).dense(128, RELU).dense(10, SOFTMAX).build();
        DataSets.TrainTest digits = DataSets.load("digits");
        Trainer.builder().epochs(1).build().fit(net, digits.train(), digits.test());
        int best = net.classify(digits.test().example(0)).best();
        ModelFile.save(net, dir.resolve("digits.lnn"));
        Network again = ModelFile.load(dir.resolve("digits.lnn"));
        assertEquals(best, again.classify(digits.test().example(0)).best());
        assertArrayEquals(net.predict(digits.test().example(1)), again.predict(digits.test().example(1)));
    }

    @Test
    void layersBySpecAndByFactory() {
        Network cnn = Network.builder().input(Shape.image(1, 28, 28))
                .layers("conv:16:5:relu,maxpool:2,conv:32:5:relu,maxpool:2,dense:10:softmax").build();
        Network same = Network.builder().input(Shape.image(1, 28, 28))
                .add(Conv2D.of(16, 5, RELU)).add(MaxPool2D.of(2)).add(Conv2D.of(32, 5, RELU)).add(MaxPool2D.of(2))
                .dense(10, SOFTMAX).build();
        assertEquals(cnn.describe(), same.describe());
        assertEquals(cnn.parameterCount(), same.parameterCount());
    }
}
