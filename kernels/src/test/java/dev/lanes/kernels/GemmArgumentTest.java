package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad arguments are rejected before any work, with the argument's name and the needed and actual values. */
class GemmArgumentTest {

    private final float[] a = new float[12];
    private final float[] b = new float[12];
    private final float[] c = new float[12];

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void negativeSizesNameTheArgument() {
        assertRejected("m must be >= 0, was -1",
                () -> Gemm.sgemm(false, false, -1, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
        assertRejected("n must be >= 0, was -2",
                () -> Gemm.sgemm(false, false, 2, -2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
        assertRejected("k must be >= 0, was -3",
                () -> Gemm.sgemm(false, false, 2, 2, -3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
    }

    @Test
    void leadingDimensionBelowStoredRowLength() {
        assertRejected("lda must be >= 3 (the row length of a as stored, A is m x k), was 2",
                () -> Gemm.sgemm(false, false, 2, 2, 3, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 2));
        assertRejected("lda must be >= 4 (the row length of a as stored, transposed A is k x m), was 3",
                () -> Gemm.sgemm(true, false, 4, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
        assertRejected("ldb must be >= 3 (the row length of b as stored, transposed B is n x k), was 2",
                () -> Gemm.sgemm(false, true, 2, 2, 3, 1f, a, 0, 3, b, 0, 2, 0f, c, 0, 2));
        assertRejected("ldc must be >= 2 (the row length of c as stored, C is m x n), was 1",
                () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, 0, 2, 0f, c, 0, 1));
    }

    @Test
    void arraysTooShortForOffsetStrideAndShape() {
        assertRejected("a is too short for a 3x4 matrix (A is m x k) at aOffset=2 with lda=4: needs 14 elements,"
                        + " has 12",
                () -> Gemm.sgemm(false, false, 3, 2, 4, 1f, a, 2, 4, b, 0, 2, 0f, c, 0, 2));
        assertRejected("c is too short for a 4x3 matrix (C is m x n) at cOffset=0 with ldc=3: needs 12 elements,"
                        + " has 11",
                () -> Gemm.sgemm(false, false, 4, 3, 1, 1f, a, 0, 1, b, 0, 3, 0f, new float[11], 0, 3));
        assertRejected("bOffset must be >= 0, was -1",
                () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, b, -1, 2, 0f, c, 0, 2));
        assertRejected("b must not be null",
                () -> Gemm.sgemm(false, false, 2, 2, 2, 1f, a, 0, 2, null, 0, 2, 0f, c, 0, 2));
    }

    @Test
    void degenerateSizesFollowBlas() {
        float[] cc = {1, 2, 3, 4};
        // m = 0 or n = 0: nothing happens, even with NaN scalars.
        Gemm.sgemm(false, false, 0, 2, 2, Float.NaN, a, 0, 2, b, 0, 2, Float.NaN, cc, 0, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, cc);
        // k = 0: C = beta * C.
        Gemm.sgemm(false, false, 2, 2, 0, 1f, a, 0, 1, b, 0, 2, 2f, cc, 0, 2);
        assertArrayEquals(new float[] {2, 4, 6, 8}, cc);
        // alpha = 0: A and B are not read (NaN there does not matter), C = beta * C.
        float[] nan = {Float.NaN, Float.NaN, Float.NaN, Float.NaN};
        Gemm.sgemm(false, false, 2, 2, 2, 0f, nan, 0, 2, nan, 0, 2, 0.5f, cc, 0, 2);
        assertArrayEquals(new float[] {1, 2, 3, 4}, cc);
        // alpha = 0 and beta = 0: C is zeroed, NaN in it included.
        float[] dirty = {Float.NaN, 1, Float.NaN, 1};
        Gemm.sgemm(false, false, 2, 2, 2, 0f, nan, 0, 2, nan, 0, 2, 0f, dirty, 0, 2);
        assertArrayEquals(new float[] {0, 0, 0, 0}, dirty);
    }
}
