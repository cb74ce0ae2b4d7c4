package dev.lanes.kernels;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Random inputs for the elementwise kernel properties: lengths, values and special values. */
final class Inputs {

    /** Values the kernels must treat exactly like their references. */
    static final float[] SPECIAL = {
            0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 3e-42f, -3e-42f, Float.MIN_NORMAL, -Float.MIN_NORMAL,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e30f, -1e30f, Float.MAX_VALUE,
            -Float.MAX_VALUE, 88.72283f, 88.72284f, 89f, -87.33655f, -103.97f, -104f, -110f, 110f, 9.1f, -9.1f,
            20f, -20f, 1e-7f, -1e-7f, 0.5f, -0.5f, 1f, -1f};

    private Inputs() {
    }

    /** Mostly small, many at vector edges (4, 8, 16 lanes and their multiples), a few up to 5000. */
    static Arbitrary<Integer> lengths() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 40)),
                Tuple.of(3, Arbitraries.of(1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65,
                        127, 128, 129, 255, 256, 257)),
                Tuple.of(1, Arbitraries.integers().between(41, 5000)));
    }

    /**
     * n values: uniform in [-scale, scale] with scale 4, 30 or 120 (so exp over- and underflows are reached),
     * and, in about half of the arrays, about 5% special values.
     */
    static float[] values(Random random, int length) {
        float[] x = new float[length];
        float scale = switch (random.nextInt(3)) {
            case 0 -> 4f;
            case 1 -> 30f;
            default -> 120f;
        };
        boolean specials = random.nextBoolean();
        for (int i = 0; i < length; i++) {
            x[i] = specials && random.nextInt(20) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
                    : (random.nextFloat() * 2 - 1) * scale;
        }
        return x;
    }

    /** n finite values uniform in [lo, hi]. */
    static float[] uniform(Random random, int length, float lo, float hi) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = lo + random.nextFloat() * (hi - lo);
        }
        return x;
    }

    /** {@code values} placed at {@code offset} in an array with {@code tail} extra elements after them. */
    static float[] padded(float[] values, int offset, int tail, Random random) {
        float[] a = new float[offset + values.length + tail];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        System.arraycopy(values, 0, a, offset, values.length);
        return a;
    }

    /**
     * A rows x cols matrix at offset with row stride ld, each row of a random kind: ordinary values, a huge
     * range (±1e30 among ordinary values), all equal, with a +∞, with -∞ entries, all -∞, or with a NaN.
     */
    static float[] rowsWithSpecials(Random random, int rows, int cols, int offset, int ld) {
        float[] a = new float[offset + (rows == 0 ? 0 : (rows - 1) * ld + cols) + 2];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
        }
        for (int r = 0; r < rows; r++) {
            int base = offset + r * ld;
            int kind = random.nextInt(10);
            float equal = (random.nextFloat() * 2 - 1) * 50;
            for (int j = 0; j < cols; j++) {
                a[base + j] = switch (kind) {
                    case 0 -> random.nextInt(4) == 0 ? (random.nextBoolean() ? 1e30f : -1e30f)
                            : random.nextFloat() * 20 - 10;
                    case 1 -> equal;
                    case 2 -> random.nextInt(3) == 0 ? Float.NEGATIVE_INFINITY : random.nextFloat() * 20 - 10;
                    case 3 -> Float.NEGATIVE_INFINITY;
                    default -> (random.nextFloat() * 2 - 1) * (kind < 7 ? 5 : 100);
                };
            }
            if (cols > 0 && kind == 4) {
                a[base + random.nextInt(cols)] = Float.POSITIVE_INFINITY;
            } else if (cols > 0 && kind == 5) {
                a[base + random.nextInt(cols)] = Float.NaN;
            }
        }
        return a;
    }

    /** Clamps finite values to ±limit (infinities and NaN stay), for float sums that must not overflow. */
    static float[] capFinite(float[] values, float limit) {
        for (int i = 0; i < values.length; i++) {
            if (Float.isFinite(values[i]) && Math.abs(values[i]) > limit) {
                values[i] = Math.copySign(limit, values[i]);
            }
        }
        return values;
    }
}
