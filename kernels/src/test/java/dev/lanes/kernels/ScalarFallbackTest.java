package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs in a JVM started without {@code --add-modules jdk.incubator.vector} (the build's no-vector-module
 * execution): the kernels must still work, on the scalar path, and say how to turn SIMD on.
 */
@Tag("novector")
class ScalarFallbackTest {

    @Test
    void worksWithoutTheVectorModuleAndSaysHowToEnableIt() {
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this test must run in a JVM without jdk.incubator.vector");
        assertFalse(Kernels.simdEnabled());
        assertEquals(0, Kernels.vectorBits());
        assertTrue(Kernels.describe().contains("--add-modules jdk.incubator.vector"), Kernels.describe());

        GemmCase g = GemmCase.random(new Random(7), false, true, 37, 29, 41, 1.5f, -1f, 2, 3);
        assertArrayEquals(g.runReference(), g.runLanes());
    }
}
