package dev.lanes.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A network with a NaN or infinite parameter is refused by {@link ModelFile#save}: nothing is written. */
class NonFiniteModelTest {

    @TempDir
    Path dir;

    @Test
    void nanOrInfinityInAnyParameterIsRefusedAndNothingIsWritten() throws IOException {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            Network net = Network.builder().input(3).dense(4, Activation.TANH).dense(2, Activation.SOFTMAX).seed(1)
                    .build();
            net.parameters().get(2).values()[5] = bad; // dense 2's weights, 2 x 4: row 1, column 1
            Path file = dir.resolve("nan.lnn");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ModelFile.save(net, Map.of(), file));
            assertEquals("refusing to save " + file + ": " + net.parameters().get(2).name() + " holds " + bad
                    + " at [1, 1]; a model with NaN or infinite parameters cannot predict (did training diverge?);"
                    + " nothing was written", e.getMessage());
            try (Stream<Path> files = Files.list(dir)) {
                assertFalse(files.findAny().isPresent(), "nothing may be written");
            }
        }
    }
}
