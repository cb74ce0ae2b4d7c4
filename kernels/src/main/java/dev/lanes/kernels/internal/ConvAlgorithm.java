package dev.lanes.kernels.internal;

/**
 * Which way the SIMD convolution computes its passes, for measurements and tests: {@code "auto"} (the default:
 * chosen per shape, see docs/convolution.md), {@code "implicit"} (the implicit-GEMM kernels wherever they apply)
 * or {@code "im2col"} (column matrix + SGEMM everywhere). Starts from {@code -Dlanes.conv}; tests switch it around
 * a call. The scratch a call needs depends on it, so a caller that switches must size its scratch again.
 */
public final class ConvAlgorithm {

    private static volatile String current = parse(System.getProperty("lanes.conv", "auto"));

    private ConvAlgorithm() {
    }

    /** The algorithm in force: "auto", "implicit" or "im2col". */
    public static String get() {
        return current;
    }

    /**
     * Sets the algorithm.
     *
     * @throws IllegalArgumentException for another name
     */
    public static void set(String name) {
        current = parse(name);
    }

    private static String parse(String name) {
        return switch (name) {
            case "auto", "implicit", "im2col" -> name;
            default -> throw new IllegalArgumentException("lanes.conv must be auto, implicit or im2col, was " + name);
        };
    }
}
