package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.lanes.kernels.scalar.ScalarDropouts;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Dropout against {@link ScalarDropouts}: the same 32-bit hash per element and the same float product, so
 * results are bit-identical, special values included; and a batch split in two pieces, each passing the global
 * index of its first element, gives the same mask as the whole.
 */
@Tag("simd")
class DropoutsProperties {

    @Property(tries = 400)
    void identicalToReferenceAndToASplitBatch(@ForAll("lengths") int n, @ForAll("rates") float rate,
                                              @ForAll long seed, @ForAll @IntRange(max = 1000) long step,
                                              @ForAll long firstIndex, @ForAll @IntRange(max = 5) int offset,
                                              @ForAll boolean inPlace, @ForAll Random random) {
        float[] x = Inputs.padded(Inputs.values(random, n), offset, 3, random);
        float[] y = inPlace ? x.clone() : new float[offset + n + 3];
        float[] yExpected = y.clone();
        Dropouts.forward(n, rate, seed, step, firstIndex, inPlace ? y : x, offset, y, offset);
        ScalarDropouts.forward(n, rate, seed, step, firstIndex, inPlace ? yExpected : x, offset, yExpected, offset);
        assertArrayEquals(yExpected, y, "forward");

        int split = n == 0 ? 0 : random.nextInt(n + 1);
        float[] pieces = inPlace ? x.clone() : new float[offset + n + 3];
        Dropouts.forward(split, rate, seed, step, firstIndex, x, offset, pieces, offset);
        Dropouts.forward(n - split, rate, seed, step, firstIndex + split, x, offset + split, pieces, offset + split);
        assertArrayEquals(y, pieces, "split at " + split);

        float[] dx = new float[offset + n + 3];
        float[] dxExpected = dx.clone();
        Dropouts.backward(n, rate, seed, step, firstIndex, x, offset, dx, offset);
        ScalarDropouts.backward(n, rate, seed, step, firstIndex, x, offset, dxExpected, offset);
        assertArrayEquals(dxExpected, dx, "backward");
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Inputs.lengths();
    }

    @Provide
    Arbitrary<Float> rates() {
        return Arbitraries.oneOf(Arbitraries.of(0f, 0.5f, 1f, 0.1f, 0.9f), Arbitraries.floats().between(0f, 1f));
    }
}
