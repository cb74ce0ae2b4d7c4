package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The build runs the SIMD tests at several vector widths; this checks each run got the width it asked for. */
@Tag("simd")
class SimdSelectionTest {

    @Test
    void usesTheVectorWidthThisRunAskedFor() {
        assertTrue(Kernels.simdEnabled(), Kernels.describe());
        String expected = System.getProperty("lanes.expectBits");
        if (expected != null) {
            assertEquals(Integer.parseInt(expected), Kernels.vectorBits(), Kernels.describe());
        }
        assertTrue(Kernels.describe().startsWith("SIMD kernels, " + Kernels.vectorBits() + "-bit vectors"));
    }
}
