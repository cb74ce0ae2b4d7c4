package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * C overlapping A, B, the bias or the saved matrix in the same array is rejected before any work, exactly when
 * some element is shared; windows of one buffer that share no element still work.
 */
class GemmAliasingTest {

    @Test
    void cOverlappingAIsRejectedWithBothWindowsAndTheSharedElement() {
        float[] buffer = new float[64];
        float[] b = new float[16];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, false, 4, 4, 4, 1f, buffer, 0, 4, b, 0, 4, 0f, buffer, 10, 4));
        assertEquals("c overlaps a: C (4x4 at cOffset=10, ldc=4) and A (4x4 at aOffset=0, lda=4) are in the same"
                + " array and share element 10; C must not overlap what the call reads: write C to another array or"
                + " region", e.getMessage());
        // In place, the commonest mistake: C = A * B with C and A the same matrix.
        float[] square = new float[16];
        e = assertThrows(IllegalArgumentException.class,
                () -> Gemm.sgemm(false, true, 4, 4, 4, 1f, b, 0, 4, square, 0, 4, 1f, square, 0, 4));
        assertEquals("c overlaps b: C (4x4 at cOffset=0, ldc=4) and transposed B (4x4 at bOffset=0, ldb=4) are in"
                + " the same array and share element 0; C must not overlap what the call reads: write C to another"
                + " array or region", e.getMessage());
    }

    @Test
    void fusedFormsRejectABiasOrSavedMatrixOverlappingC() {
        float[] a = new float[6];
        float[] b = new float[6];
        float[] c = new float[8];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gemm.sgemm(false, false,
                2, 3, 2, 1f, a, 0, 2, b, 0, 3, 0f, c, 0, 3, c, 5, Activation.RELU));
        assertEquals("c overlaps bias: C (2x3 at cOffset=0, ldc=3) and the bias (1x3 at biasOffset=5) are in the same"
                + " array and share element 5; C must not overlap what the call reads: write C to another array or"
                + " region", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Gemm.sgemmTimesDerivative(false, false,
                2, 3, 2, 1f, a, 0, 2, b, 0, 3, 0f, c, 0, 3, Activation.TANH, c, 0, 3));
        assertEquals("c overlaps saved: C (2x3 at cOffset=0, ldc=3) and saved (2x3 at savedOffset=0, ldSaved=3) are in"
                + " the same array and share element 0; C must not overlap what the call reads: write C to another"
                + " array or region", e.getMessage());
    }

    @Test
    void sideBySideBlocksOfOneBufferShareNoElementAndWork() {
        // One 6-wide buffer, A in columns 0-2 and C in columns 3-5 of rows 0-2: the spans interleave, no element
        // is shared, and the result is what separate arrays give.
        Random random = new Random(3);
        float[] buffer = GemmCase.filled(random, 36);
        float[] b = GemmCase.filled(random, 9);
        float[] expected = buffer.clone();
        Gemm.sgemm(false, false, 3, 3, 3, 1f, buffer.clone(), 0, 6, b, 0, 3, 0.5f, expected, 3, 6);
        Gemm.sgemm(false, false, 3, 3, 3, 1f, buffer, 0, 6, b, 0, 3, 0.5f, buffer, 3, 6);
        assertArrayEquals(expected, buffer);
    }

    /** The check against brute force: rejected exactly when a shared element exists, naming the lowest. */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.MIXIN)
    void rejectedExactlyWhenSomeElementIsShared(@ForAll @IntRange(min = 1, max = 5) int xRows,
                                                @ForAll @IntRange(min = 1, max = 5) int xCols,
                                                @ForAll @IntRange(max = 4) int xPad,
                                                @ForAll @IntRange(max = 40) int xOffset,
                                                @ForAll @IntRange(min = 1, max = 5) int m,
                                                @ForAll @IntRange(min = 1, max = 5) int n,
                                                @ForAll @IntRange(max = 4) int cPad,
                                                @ForAll @IntRange(max = 40) int cOffset) {
        int ldx = xCols + xPad;
        int ldc = n + cPad;
        float[] array = new float[100];
        boolean[] inX = new boolean[array.length];
        for (int i = 0; i < xRows; i++) {
            for (int j = 0; j < xCols; j++) {
                inX[xOffset + i * ldx + j] = true;
            }
        }
        int lowestShared = -1;
        for (int i = 0; i < m && lowestShared < 0; i++) {
            for (int j = 0; j < n; j++) {
                if (inX[cOffset + i * ldc + j]) {
                    lowestShared = cOffset + i * ldc + j;
                    break;
                }
            }
        }
        try {
            Checks.disjointFromC("a", "A", array, "aOffset", xOffset, "lda", ldx, xRows, xCols,
                    array, cOffset, ldc, m, n);
            assertEquals(-1, lowestShared, "an overlap was accepted");
        } catch (IllegalArgumentException e) {
            assertEquals(true, lowestShared >= 0, "rejected without overlap: " + e.getMessage());
            assertEquals(true, e.getMessage().contains(" share element " + lowestShared + ";"), e.getMessage());
        }
        // A different array never overlaps.
        Checks.disjointFromC("a", "A", new float[100], "aOffset", xOffset, "lda", ldx, xRows, xCols,
                array, cOffset, ldc, m, n);
    }
}
