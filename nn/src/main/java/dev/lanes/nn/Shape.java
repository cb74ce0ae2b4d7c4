package dev.lanes.nn;

import java.util.Locale;

/**
 * The shape of one example (the batch is never part of a shape: it is every GEMM's M, the rows of every
 * buffer). Three kinds, each stored row-major in {@link #size()} consecutive floats:
 * <ul>
 *   <li>{@linkplain #flat flat}: {@code features} values, e.g. a dense layer's output;</li>
 *   <li>{@linkplain #image image}: {@code channels x height x width}, stored <em>channels last</em>
 *       (height, then width, then channel: element {@code (c, y, x)} at {@code (y * width + x) * channels + c});
 *       a batch is NHWC. A 1-channel image is plain row-major pixels, as in IDX files;</li>
 *   <li>{@linkplain #sequence sequence}: {@code steps x features}, step-major (element {@code (t, f)} at
 *       {@code t * features + f}), e.g. an image read row by row as a sequence of 28 steps of 28 features.</li>
 * </ul>
 * Channels last makes a convolution the dense layer's GEMM over image patches, and lets pooling and batch
 * normalization vectorise across channels.
 */
public final class Shape {

    /** The kinds of shape. */
    public enum Kind {
        /** A vector of features. */
        FLAT,
        /** Channels x height x width, stored channels last. */
        IMAGE,
        /** Time steps x features, step-major. */
        SEQUENCE
    }

    /** The largest number of floats one example may hold (an int index must reach every batch row's start). */
    public static final int MAX_SIZE = 1 << 28;

    private final Kind kind;
    private final int channels;
    private final int height;
    private final int width;
    private final int size;

    private Shape(Kind kind, int channels, int height, int width) {
        this.kind = kind;
        this.channels = channels;
        this.height = height;
        this.width = width;
        long n = (long) channels * height * width;
        if (channels < 1 || height < 1 || width < 1 || n > MAX_SIZE) {
            throw new IllegalArgumentException("shape " + describe(kind, channels, height, width)
                    + ": every dimension must be >= 1 and the example at most " + MAX_SIZE + " floats");
        }
        this.size = (int) n;
    }

    /**
     * {@code features} values.
     *
     * @param features values per example, {@code >= 1}
     * @return the shape
     */
    public static Shape flat(int features) {
        return new Shape(Kind.FLAT, 1, 1, features);
    }

    /**
     * An image of {@code channels x height x width}, stored channels last.
     *
     * @param channels channels, {@code >= 1}
     * @param height rows, {@code >= 1}
     * @param width columns, {@code >= 1}
     * @return the shape
     */
    public static Shape image(int channels, int height, int width) {
        return new Shape(Kind.IMAGE, channels, height, width);
    }

    /**
     * {@code steps} time steps of {@code features} values each.
     *
     * @param steps time steps, {@code >= 1}
     * @param features values per time step, {@code >= 1}
     * @return the shape
     */
    public static Shape sequence(int steps, int features) {
        return new Shape(Kind.SEQUENCE, 1, steps, features);
    }

    /** {@return the kind} */
    public Kind kind() {
        return kind;
    }

    /** {@return floats per example} */
    public int size() {
        return size;
    }

    /** {@return channels of an image (1 for the other kinds)} */
    public int channels() {
        return channels;
    }

    /** {@return height of an image (1 for the other kinds)} */
    public int height() {
        return kind == Kind.IMAGE ? height : 1;
    }

    /** {@return width of an image (1 for the other kinds)} */
    public int width() {
        return kind == Kind.IMAGE ? width : 1;
    }

    /** {@return time steps of a sequence (1 for the other kinds)} */
    public int steps() {
        return kind == Kind.SEQUENCE ? height : 1;
    }

    /**
     * {@return the innermost dimension: the features of a flat shape or of one time step, the channels of an
     * image} Losses read it as the number of classes per prediction.
     */
    public int features() {
        return switch (kind) {
            case FLAT, SEQUENCE -> width;
            case IMAGE -> channels;
        };
    }

    /** {@return whether this is a flat shape} */
    public boolean isFlat() {
        return kind == Kind.FLAT;
    }

    /** {@return whether this is an image} */
    public boolean isImage() {
        return kind == Kind.IMAGE;
    }

    /** {@return whether this is a sequence} */
    public boolean isSequence() {
        return kind == Kind.SEQUENCE;
    }

    /** {@return the same number of floats as a flat shape} */
    public Shape flattened() {
        return isFlat() ? this : flat(size);
    }

    /**
     * Parses {@link #toString()}'s forms: {@code 784}, {@code 1x28x28} (an image, channels first as written)
     * and {@code 28x28seq} (28 steps of 28 features).
     *
     * @param text the text, e.g. {@code 784}, {@code 1x28x28} or {@code 28x28seq}
     * @return the shape
     * @throws IllegalArgumentException if {@code text} is not one of them, naming it
     */
    public static Shape parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("seq")) {
                String[] parts = t.substring(0, t.length() - 3).split("x");
                if (parts.length == 2) {
                    return sequence(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
                }
            } else {
                String[] parts = t.split("x");
                if (parts.length == 1) {
                    return flat(Integer.parseInt(parts[0]));
                }
                if (parts.length == 3) {
                    return image(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("not a shape: '" + text + "' (expected FEATURES, CxHxW or STEPSxFEATURESseq,"
                + " e.g. 784, 1x28x28 or 28x28seq)");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.kind == kind && s.channels == channels && s.height == height
                && s.width == width;
    }

    @Override
    public int hashCode() {
        return ((kind.ordinal() * 31 + channels) * 31 + height) * 31 + width;
    }

    /** {@code 784}, {@code 1x28x28} (channels x height x width) or {@code 28x28seq} (steps x features). */
    @Override
    public String toString() {
        return describe(kind, channels, height, width);
    }

    private static String describe(Kind kind, int channels, int height, int width) {
        return switch (kind) {
            case FLAT -> Integer.toString(width);
            case IMAGE -> channels + "x" + height + "x" + width;
            case SEQUENCE -> height + "x" + width + "seq";
        };
    }
}
