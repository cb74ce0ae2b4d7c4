package dev.lanes.cli.image;

import dev.lanes.nn.data.ImageInput;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes float images (0 black, 1 white, e.g. MNIST inputs or saliency maps scaled to [0, 1]) as 8-bit
 * grayscale pictures. Each value is clamped to [0, 1] and stored as {@code round(v * 255)}, so an MNIST
 * pixel {@code b / 255f} is written back as exactly {@code b}.
 */
public final class ImageOutput {

    private ImageOutput() {
    }

    /**
     * A grayscale image of {@code rows x cols} floats stored row-major at {@code offset}.
     *
     * @param pixels the values, 0 black and 1 white; values outside [0, 1] are clamped
     * @param offset index of the top-left pixel
     * @param rows   image rows, {@code >= 1}
     * @param cols   image columns, {@code >= 1}
     * @return an 8-bit grayscale image ({@link BufferedImage#TYPE_BYTE_GRAY})
     * @throws IllegalArgumentException if the array is too short or a value is NaN
     */
    public static BufferedImage toImage(float[] pixels, int offset, int rows, int cols) {
        if (pixels == null) {
            throw new IllegalArgumentException("pixels must not be null");
        }
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be >= 1, were " + rows + " and " + cols);
        }
        long needed = (long) offset + (long) rows * cols;
        if (offset < 0 || needed > pixels.length) {
            throw new IllegalArgumentException("pixels is too short for a " + rows + "x" + cols + " image at offset="
                    + offset + ": needs " + needed + " floats, has " + pixels.length);
        }
        BufferedImage image = new BufferedImage(cols, rows, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = offset + r * cols + c;
                float v = pixels[i];
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("pixels[" + i + "] (row " + r + ", column " + c + ") is NaN");
                }
                // Samples, not setRGB: the gray raster stores exactly these values, with no color conversion.
                raster.setSample(c, r, 0, Math.round(Math.clamp(v, 0f, 1f) * 255f));
            }
        }
        return image;
    }

    /**
     * Writes a {@code rows x cols} float image stored row-major at {@code offset} as an 8-bit grayscale PNG.
     *
     * @param pixels the values, 0 black and 1 white; values outside [0, 1] are clamped
     * @param offset index of the top-left pixel
     * @param rows   image rows, {@code >= 1}
     * @param cols   image columns, {@code >= 1}
     * @param file   the PNG file to write (replaced if it exists)
     * @throws IllegalArgumentException if the array is too short or a value is NaN
     * @throws FileNotFoundException    if the file's directory does not exist
     * @throws IOException              if writing fails (the message names the file)
     */
    public static void writePng(float[] pixels, int offset, int rows, int cols, Path file) throws IOException {
        writePng(toImage(pixels, offset, rows, cols), file);
    }

    /**
     * Writes a picture as PNG, replacing the file.
     *
     * @param image the picture
     * @param file  the PNG file to write (replaced if it exists)
     * @throws FileNotFoundException if the file's directory does not exist
     * @throws IOException           if writing fails (the message names the file)
     */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new FileNotFoundException(file + ": cannot write the PNG: no such directory " + parent);
        }
        boolean written;
        try {
            written = ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": cannot write the PNG: " + e.getMessage(), e);
        }
        if (!written) {
            throw new IOException(file + ": cannot write the PNG: this JDK has no ImageIO PNG writer");
        }
    }

    /**
     * Writes a 28x28 MNIST-style input (784 floats) as an 8-bit grayscale PNG.
     *
     * @param mnistImage 784 floats, row-major, 0 black and 1 white
     * @param file       the PNG file to write (replaced if it exists)
     * @throws IllegalArgumentException if {@code mnistImage} does not hold 784 values or one is NaN
     * @throws IOException              if writing fails (the message names the file)
     */
    public static void writePng(float[] mnistImage, Path file) throws IOException {
        int side = ImageInput.SIDE;
        if (mnistImage == null || mnistImage.length != side * side) {
            throw new IllegalArgumentException("an MNIST image holds " + side * side + " floats (28x28), was "
                    + (mnistImage == null ? "null" : mnistImage.length));
        }
        writePng(mnistImage, 0, side, side, file);
    }
}
