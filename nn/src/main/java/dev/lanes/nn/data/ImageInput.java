package dev.lanes.nn.data;

import java.util.Objects;

/**
 * Turns an ordinary picture, given as gray levels, into a network input prepared the way the model's training
 * images were ({@link Preprocessing}). The methods without a {@code Preprocessing} argument prepare a 28x28
 * MNIST-style digit, as MNIST itself was prepared: light drawing on a black background, scaled (aspect ratio kept)
 * to fit a 20x20 box, then placed in the 28x28 field so that its center of mass is at the center (pixel (14, 14),
 * as in MNIST).
 *
 * <p>The digit steps: inversion when the border (a frame 1/28 of the shorter side wide) is light on average, since
 * MNIST draws light on dark; the border median becomes black and the brightest pixel white; cropping to the pixels
 * at or above {@value #INK_THRESHOLD} (so faint noise does not widen the box) plus the faint rim just outside
 * them; area-averaging resampling so the longer side is 20; placement by center of mass, moved just enough to keep
 * the whole drawing inside the field. A picture without ink (uniform) gives all zeros. A picture that already is
 * such an input (28x28 on black, the longer side of its nonzero pixels 18 to 22, brightest level at least 0.9,
 * center of mass within 1.5 pixels of (14, 14), as every bundled digit) is used as it is, so a data set's own
 * images, written as PNG and read back, give exactly the inputs they are.
 *
 * <p>{@link Preprocessing#RESIZE} instead keeps the whole picture: gray levels, inverted when the border is light,
 * scaled with its aspect ratio kept to fit the input and centered on black, levels unchanged; an image of the
 * input's own shape passes through unchanged.
 *
 * <p>This class takes pixels, not files, so that the library needs no {@code java.desktop}: a program gets gray
 * levels however it gets its pictures (the {@code lanes} command line decodes picture files with ImageIO, in
 * bounded memory, and flattens transparency onto a contrasting background before calling {@link #fromGray}).
 */
public final class ImageInput {

    /** Side of the MNIST field. */
    public static final int SIDE = 28;
    /** Side of the box the drawing is scaled to fit. */
    public static final int BOX = 20;
    /** Ink level (after background removal) that counts as part of the drawing when cropping. */
    public static final float INK_THRESHOLD = 0.1f;

    private ImageInput() {
    }

    /**
     * Converts a gray picture (0 black, 1 white; light-on-dark or dark-on-light) into a 28x28 MNIST-style
     * input (see the class description).
     *
     * @param gray   {@code height * width} levels in [0, 1], row-major
     * @param height picture rows, {@code >= 1}
     * @param width  picture columns, {@code >= 1}
     * @return {@code 784} floats in [0, 1], row-major 28x28, light drawing on black
     * @throws IllegalArgumentException if the shape does not match {@code gray} or a level is outside [0, 1]
     */
    public static float[] fromGray(float[] gray, int height, int width) {
        return fromGray(gray, height, width, Preprocessing.MNIST_DIGIT, SIDE, SIDE);
    }

    /**
     * Converts a gray picture (0 black, 1 white; light-on-dark or dark-on-light) into a network input prepared
     * as {@code preprocessing} says.
     *
     * @param gray          {@code height * width} levels in [0, 1], row-major
     * @param height        picture rows, {@code >= 1}
     * @param width         picture columns, {@code >= 1}
     * @param preprocessing how the model's training images were prepared
     * @param rows          the input's rows (28 for {@link Preprocessing#MNIST_DIGIT})
     * @param cols          the input's columns (28 for {@link Preprocessing#MNIST_DIGIT})
     * @return {@code rows * cols} floats in [0, 1], row-major, light on black
     * @throws IllegalArgumentException if a shape does not fit, or a level is outside [0, 1]
     */
    public static float[] fromGray(float[] gray, int height, int width, Preprocessing preprocessing, int rows,
                                   int cols) {
        checkShape(preprocessing, rows, cols);
        if (gray == null || height < 1 || width < 1 || (long) height * width != gray.length) {
            throw new IllegalArgumentException("gray must hold height x width = " + height + "x" + width
                    + " levels, has " + (gray == null ? "null" : gray.length));
        }
        for (int i = 0; i < gray.length; i++) {
            if (!(gray[i] >= 0f && gray[i] <= 1f)) {
                throw new IllegalArgumentException("gray[" + i + "] is " + gray[i] + ", must be in [0, 1]");
            }
        }
        return switch (preprocessing) {
            case MNIST_DIGIT -> DigitBox.input(gray, height, width);
            case RESIZE -> FitResize.prepare(gray, height, width, rows, cols);
        };
    }

    private static void checkShape(Preprocessing preprocessing, int rows, int cols) {
        Objects.requireNonNull(preprocessing, "preprocessing");
        if (rows < 1 || cols < 1 || (long) rows * cols > IdxReader.MAX_ARRAY) {
            throw new IllegalArgumentException("the input must have at least 1x1 pixels and fit an array, was "
                    + rows + "x" + cols);
        }
        if (preprocessing == Preprocessing.MNIST_DIGIT && (rows != SIDE || cols != SIDE)) {
            throw new IllegalArgumentException("mnist-digit preprocessing makes 28x28 inputs, not " + rows + "x"
                    + cols + "; use resize");
        }
    }
}
