package dev.lanes.nn.data;

import java.awt.image.BufferedImage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns an ordinary picture of one character into a 28x28 MNIST-style input, the way MNIST itself was
 * prepared: light drawing on a black background, scaled (aspect ratio kept) to fit a 20x20 box, then placed
 * in the 28x28 field so that its center of mass is at the center (pixel (14, 14), as in MNIST).
 *
 * <p>The steps: gray levels (transparency flattened onto a contrasting background); inversion when the
 * border (a frame 1/28 of the shorter side wide) is light on average, since MNIST draws light on dark; the
 * border median becomes black and the brightest pixel white; cropping to the pixels at or above
 * {@value #INK_THRESHOLD} (so faint noise does not widen the box) plus the faint rim just outside them;
 * area-averaging resampling so the longer side is 20; placement by center of mass, moved just enough to
 * keep the whole drawing inside the field. A picture without ink (uniform) gives all zeros. MNIST's own
 * digits pass through unchanged (all but 3 of the 1,804 bundled test digits whose brightest pixel is 255).
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
     * Reads an image file in any format ImageIO reads (PNG, JPEG, GIF, BMP, ...) and converts it as
     * {@link #fromImage(BufferedImage)} does.
     *
     * @param file the image file
     * @return {@code 784} floats in [0, 1], row-major 28x28, light drawing on black
     * @throws FileNotFoundException if the file does not exist
     * @throws IOException           if it is not an image ImageIO can read, or reading fails (the message
     *                               names the file)
     */
    public static float[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(file + ": " + (Files.exists(file) ? "not a regular file"
                    : "no such file"));
        }
        BufferedImage image;
        // A memory-cached stream: works on any file system and leaves no ImageIO cache files behind.
        try (InputStream in = Files.newInputStream(file)) {
            ImageInputStream stream = new MemoryCacheImageInputStream(in);
            image = ImageIO.read(stream); // closes the stream, unless it finds no reader
            if (image == null) {
                stream.close();
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": cannot decode the image: " + e.getMessage(), e);
        }
        if (image == null) {
            TreeSet<String> formats = new TreeSet<>();
            for (String format : ImageIO.getReaderFormatNames()) {
                formats.add(format.toLowerCase(Locale.ROOT));
            }
            throw new IOException(file + ": not an image format ImageIO can read (it reads "
                    + String.join(", ", formats) + ")");
        }
        return fromImage(image);
    }

    /**
     * Converts a picture into a 28x28 MNIST-style input (see the class description).
     *
     * @param image any image, at least 1x1
     * @return {@code 784} floats in [0, 1], row-major 28x28, light drawing on black
     */
    public static float[] fromImage(BufferedImage image) {
        return fromGray(GrayImage.levels(image), image.getHeight(), image.getWidth());
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
        if (gray == null || height < 1 || width < 1 || (long) height * width != gray.length) {
            throw new IllegalArgumentException("gray must hold height x width = " + height + "x" + width
                    + " levels, has " + (gray == null ? "null" : gray.length));
        }
        for (int i = 0; i < gray.length; i++) {
            if (!(gray[i] >= 0f && gray[i] <= 1f)) {
                throw new IllegalArgumentException("gray[" + i + "] is " + gray[i] + ", must be in [0, 1]");
            }
        }
        float[] ink = inkLevels(gray, height, width);
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                if (ink[r * width + c] >= INK_THRESHOLD) {
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        float[] out = new float[SIDE * SIDE];
        if (bottom < 0) {
            return out;
        }
        // Take in the faint anti-aliased rim just outside the box, as MNIST's 20x20 box includes it.
        int spanTop = Math.max(0, top - 1);
        int spanBottom = Math.min(height - 1, bottom + 1);
        int spanLeft = Math.max(0, left - 1);
        int spanRight = Math.min(width - 1, right + 1);
        boolean growTop = top > 0 && anyInk(ink, width, top - 1, top - 1, spanLeft, spanRight);
        boolean growBottom = bottom < height - 1 && anyInk(ink, width, bottom + 1, bottom + 1, spanLeft, spanRight);
        boolean growLeft = left > 0 && anyInk(ink, width, spanTop, spanBottom, left - 1, left - 1);
        boolean growRight = right < width - 1 && anyInk(ink, width, spanTop, spanBottom, right + 1, right + 1);
        top -= growTop ? 1 : 0;
        bottom += growBottom ? 1 : 0;
        left -= growLeft ? 1 : 0;
        right += growRight ? 1 : 0;
        int boxH = bottom - top + 1;
        int boxW = right - left + 1;
        int longer = Math.max(boxH, boxW);
        int targetH = Math.max(1, (int) Math.round((double) boxH * BOX / longer));
        int targetW = Math.max(1, (int) Math.round((double) boxW * BOX / longer));
        float[] scaled = Resample.area(ink, width, top, left, boxH, boxW, targetH, targetW);
        place(scaled, targetH, targetW, out);
        return out;
    }

    private static boolean anyInk(float[] ink, int width, int r0, int r1, int c0, int c1) {
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                if (ink[r * width + c] > 0f) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Light-on-dark levels, inverted when the border mean is light, with the border median as black (a
     * stroke touching the edge does not move it) and the brightest pixel as white.
     */
    private static float[] inkLevels(float[] gray, int height, int width) {
        float[] ink = gray.clone();
        float[] border = border(ink, height, width);
        double mean = 0;
        for (float v : border) {
            mean += v;
        }
        boolean invert = mean / border.length > 0.5;
        if (invert) {
            for (int i = 0; i < ink.length; i++) {
                ink[i] = 1f - ink[i];
            }
        }
        Arrays.sort(border);
        float median = border[border.length / 2];
        float black = invert ? 1f - median : median;
        float max = 0f;
        for (float v : ink) {
            max = Math.max(max, v);
        }
        if (max <= black) {
            Arrays.fill(ink, 0f);
            return ink;
        }
        float range = max - black;
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.clamp((ink[i] - black) / range, 0f, 1f);
        }
        return ink;
    }

    /** The levels of a frame one MNIST pixel wide: 1/28 of the shorter side, at least one pixel. */
    private static float[] border(float[] gray, int height, int width) {
        int t = Math.max(1, Math.min(height, width) / SIDE);
        int inner = Math.max(0, height - 2 * t) * Math.max(0, width - 2 * t);
        float[] frame = new float[height * width - inner];
        int n = 0;
        for (int r = 0; r < height; r++) {
            boolean edgeRow = r < t || r >= height - t;
            for (int c = 0; c < width; c++) {
                if (edgeRow || c < t || c >= width - t) {
                    frame[n++] = gray[r * width + c];
                }
            }
        }
        return frame;
    }

    /**
     * Copies the scaled drawing into the field with its center of mass at (14, 14) in pixel-index
     * coordinates, rounded to whole pixels and clamped so that none of it is cut off. (14, 14), half a pixel
     * below and right of the geometric center 13.5, is where MNIST put it: over the 8,000 bundled training
     * digits the center of mass averages (13.997, 14.005) with a spread of 0.29, whole-pixel rounding.
     */
    private static void place(float[] scaled, int h, int w, float[] out) {
        double mass = 0;
        double rowMoment = 0;
        double colMoment = 0;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double v = scaled[r * w + c];
                mass += v;
                rowMoment += r * v;
                colMoment += c * v;
            }
        }
        double center = SIDE / 2.0;
        int top = mass > 0 ? (int) Math.round(center - rowMoment / mass) : (SIDE - h) / 2;
        int left = mass > 0 ? (int) Math.round(center - colMoment / mass) : (SIDE - w) / 2;
        top = Math.clamp(top, 0, SIDE - h);
        left = Math.clamp(left, 0, SIDE - w);
        for (int r = 0; r < h; r++) {
            System.arraycopy(scaled, r * w, out, (top + r) * SIDE + left, w);
        }
    }
}
