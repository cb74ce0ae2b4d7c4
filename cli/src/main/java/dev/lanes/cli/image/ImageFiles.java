package dev.lanes.cli.image;

import dev.lanes.nn.data.ImageInput;
import dev.lanes.nn.data.Preprocessing;
import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Picture files and {@link BufferedImage}s as network inputs: decoded (any format ImageIO reads, in bounded
 * memory), turned into gray levels (transparency flattened onto a background that contrasts with the drawing;
 * gray PNGs read by their stored samples), then prepared by {@link ImageInput#fromGray} the way the model's
 * training images were.
 *
 * <p>Files are decoded in bounded memory: a picture declaring more than 2³⁰ pixels is refused before it is
 * decoded, and one wider or taller than 2048 pixels is decoded subsampled to at most 2048 (every n-th pixel of
 * every n-th row), so a 10000x10000 photograph needs about 64 MB of heap instead of about 1 GB.
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Reads an image file in any format ImageIO reads (PNG, JPEG, GIF, BMP, WBMP, TIFF) and converts it into a
     * 28x28 MNIST-style digit as {@link ImageInput#fromGray(float[], int, int)} does.
     *
     * @param file the image file
     * @return {@code 784} floats in [0, 1], row-major 28x28, light drawing on black
     * @throws FileNotFoundException if the file does not exist or is not a regular file
     * @throws IOException           if it is not an image ImageIO can read, declares more than 2³⁰ pixels, or
     *                               reading fails (the message names the file)
     */
    public static float[] read(Path file) throws IOException {
        return read(file, Preprocessing.MNIST_DIGIT, ImageInput.SIDE, ImageInput.SIDE);
    }

    /**
     * Reads an image file in any format ImageIO reads and prepares it as {@code preprocessing} says.
     *
     * @param file          the image file
     * @param preprocessing how the model's training images were prepared
     * @param rows          the input's rows (28 for {@link Preprocessing#MNIST_DIGIT})
     * @param cols          the input's columns (28 for {@link Preprocessing#MNIST_DIGIT})
     * @return {@code rows * cols} floats in [0, 1], row-major, light on black
     * @throws FileNotFoundException    if the file does not exist or is not a regular file
     * @throws IOException              if it is not an image ImageIO can read, declares more than 2³⁰ pixels,
     *                                  or reading fails (the message names the file)
     * @throws IllegalArgumentException if the shape is not positive, or not 28x28 for a digit
     */
    public static float[] read(Path file, Preprocessing preprocessing, int rows, int cols) throws IOException {
        Objects.requireNonNull(preprocessing, "preprocessing");
        return fromImage(ImageDecoder.read(file), preprocessing, rows, cols);
    }

    /**
     * Converts a picture into a 28x28 MNIST-style digit (see {@link ImageInput}).
     *
     * @param image any image, at least 1x1
     * @return {@code 784} floats in [0, 1], row-major 28x28, light drawing on black
     * @throws IllegalArgumentException if the image has more pixels than an array holds
     */
    public static float[] fromImage(BufferedImage image) {
        return fromImage(image, Preprocessing.MNIST_DIGIT, ImageInput.SIDE, ImageInput.SIDE);
    }

    /**
     * Converts a picture into a network input prepared as {@code preprocessing} says.
     *
     * @param image         any image, at least 1x1
     * @param preprocessing how the model's training images were prepared
     * @param rows          the input's rows (28 for {@link Preprocessing#MNIST_DIGIT})
     * @param cols          the input's columns (28 for {@link Preprocessing#MNIST_DIGIT})
     * @return {@code rows * cols} floats in [0, 1], row-major, light on black
     * @throws IllegalArgumentException if the shape is not positive, or not 28x28 for a digit, or the image has
     *                                  more pixels than an array holds
     */
    public static float[] fromImage(BufferedImage image, Preprocessing preprocessing, int rows, int cols) {
        Objects.requireNonNull(image, "image");
        return ImageInput.fromGray(GrayLevels.levels(image), image.getHeight(), image.getWidth(), preprocessing,
                rows, cols);
    }
}
