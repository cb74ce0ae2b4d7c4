package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Recurrent} rejects bad arguments before any work, with a message naming the argument and giving the
 * needed and the actual value.
 */
class RecurrentArgumentTest {

    private final float[] a = new float[64];
    private final float[] b = new float[64];
    private final float[] c = new float[64];
    private final float[] d = new float[64];
    private final float[] e = new float[64];
    private final float[] f = new float[64];

    private static void assertRejected(String expectedMessage, Executable call) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expectedMessage, ex.getMessage());
    }

    @Test
    void rnn() {
        assertRejected("f must be tanh or relu (the RNN nonlinearities), was sigmoid",
                () -> Recurrent.rnnForward(Activation.SIGMOID, 2, 3, a, 0, 3, b, 0, 3));
        assertRejected("f must not be null", () -> Recurrent.rnnBackward(null, 2, 3, a, 0, 3, b, 0, 3, c, 0, 3));
        assertRejected("batch must be >= 0, was -1",
                () -> Recurrent.rnnForward(Activation.TANH, -1, 3, a, 0, 3, b, 0, 3));
        assertRejected("ldPre must be >= 3 (the row length of pre as stored, batch x hidden), was 2",
                () -> Recurrent.rnnForward(Activation.TANH, 2, 3, a, 0, 2, b, 0, 3));
        assertRejected("dPre is too short for a 2x3 matrix (batch x hidden) at dPreOffset=60 with lddPre=3: needs"
                + " 66 elements, has 64", () -> Recurrent.rnnBackward(Activation.RELU, 2, 3, a, 0, 3, b, 0, 3, c, 60, 3));
    }

    @Test
    void lstm() {
        assertRejected("hidden must be >= 0, was -4",
                () -> Recurrent.lstmForward(1, -4, a, 0, 16, b, 0, 4, c, 0, 16, d, 0, 4, e, 0, 4));
        assertRejected("ldPre must be >= 16 (the row length of pre as stored, batch x 4 hidden), was 4",
                () -> Recurrent.lstmForward(2, 4, a, 0, 4, b, 0, 4, c, 0, 16, d, 0, 4, e, 0, 4));
        assertRejected("gates is too short for a 4x16 matrix (batch x 4 hidden) at gatesOffset=1 with ldGates=16:"
                + " needs 65 elements, has 64",
                () -> Recurrent.lstmForward(4, 4, a, 0, 16, b, 0, 4, c, 1, 16, d, 0, 4, e, 0, 4));
        assertRejected("cPrevOffset must be >= 0, was -1",
                () -> Recurrent.lstmForward(1, 4, a, 0, 16, b, -1, 4, c, 0, 16, d, 0, 4, e, 0, 4));
        assertRejected("h must not be null",
                () -> Recurrent.lstmForward(1, 4, a, 0, 16, b, 0, 4, c, 0, 16, d, 0, 4, null, 0, 4));
        assertRejected("lddc must be >= 4 (the row length of dc as stored, batch x hidden), was 3",
                () -> Recurrent.lstmBackward(2, 4, a, 0, 16, b, 0, 4, c, 0, 4, d, 0, 4, e, 0, 3, f, 0, 16, a, 0, 4));
        assertRejected("dPre is too short for a 2x16 matrix (batch x 4 hidden) at dPreOffset=40 with lddPre=16:"
                + " needs 72 elements, has 64",
                () -> Recurrent.lstmBackward(2, 4, a, 0, 16, b, 0, 4, c, 0, 4, d, 0, 4, e, 0, 4, f, 40, 16, a, 0, 4));
        assertRejected("hidden is too large: 4 x hidden = 4000000000 gate columns exceed the largest array",
                () -> Recurrent.lstmForward(0, 1_000_000_000, a, 0, 1, b, 0, 1, c, 0, 1, d, 0, 1, e, 0, 1));
    }

    @Test
    void gru() {
        assertRejected("ldHiddenPre must be >= 9 (the row length of hiddenPre as stored, batch x 3 hidden), was 8",
                () -> Recurrent.gruForward(2, 3, a, 0, 9, b, 0, 8, c, 0, 3, d, 0, 12, e, 0, 3));
        assertRejected("ldGates must be >= 12 (the row length of gates as stored, batch x 4 hidden), was 9",
                () -> Recurrent.gruForward(2, 3, a, 0, 9, b, 0, 9, c, 0, 3, d, 0, 9, e, 0, 3));
        assertRejected("dHiddenPre must not be null",
                () -> Recurrent.gruBackward(2, 3, a, 0, 12, b, 0, 3, c, 0, 3, d, 0, 9, null, 0, 9, f, 0, 3));
        assertRejected("dhPrev is too short for a 2x3 matrix (batch x hidden) at dhPrevOffset=62 with lddhPrev=3:"
                + " needs 68 elements, has 64",
                () -> Recurrent.gruBackward(2, 3, a, 0, 12, b, 0, 3, c, 0, 3, d, 0, 9, e, 0, 9, f, 62, 3));
    }

    @Test
    void emptyShapesAreNoOps() {
        float[] before = a.clone();
        Recurrent.lstmForward(0, 5, a, 0, 20, b, 0, 5, a, 0, 20, c, 0, 5, d, 0, 5);
        Recurrent.gruBackward(3, 0, a, 0, 1, b, 0, 1, c, 0, 1, a, 0, 1, d, 0, 1, e, 0, 1);
        assertArrayEquals(before, a);
    }
}
