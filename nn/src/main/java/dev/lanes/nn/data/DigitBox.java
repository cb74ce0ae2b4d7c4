package dev.lanes.nn.data;

import java.util.Arrays;

/**
 * MNIST's preparation of a drawn character ({@link Preprocessing#MNIST_DIGIT}): light drawing on black, the
 * inked box scaled (aspect ratio kept) to fit 20x20, placed in the 28x28 field with its center of mass at
 * pixel (14, 14). The steps are described on {@link ImageInput}.
 */
final class DigitBox {

    /**
     * Least and greatest longer side, in pixels, of the nonzero pixels of an MNIST-prepared image: the 20x20
     * box and the faint rim MNIST's anti-aliasing left around it (all 10,000 bundled digits: 19 or 20).
     */
    static final int MIN_EXTENT = 18;

    /** See {@link #MIN_EXTENT}. */
    static final int EXTENT = 22;

    /** Least brightest level of an MNIST-prepared image (all bundled digits: 254/255 or more). */
    static final float MIN_PEAK = 0.9f;

    /** How far, in pixels, an MNIST-prepared image's center of mass may lie from (14, 14) in each direction. */
    static final double CENTER_TOLERANCE = 1.5;

    private DigitBox() {
    }

    /**
     * Whether a gray picture already is an MNIST-prepared input: 28x28 on black, the longer side of its nonzero
     * pixels {@value #MIN_EXTENT} to {@value #EXTENT}, its brightest level at least {@value #MIN_PEAK}, its
     * center of mass within {@value #CENTER_TOLERANCE} pixels of (14, 14) in each direction. Every bundled
     * digit is; no Fashion-MNIST image is (they fill the field in at least one direction).
     */
    static boolean isPrepared(float[] gray, int height, int width) {
        int side = ImageInput.SIDE;
        if (height != side || width != side) {
            return false;
        }
        int top = side;
        int bottom = -1;
        int left = side;
        int right = -1;
        double mass = 0;
        double rows = 0;
        double cols = 0;
        float peak = 0;
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                float v = gray[r * side + c];
                peak = Math.max(peak, v);
                if (v > 0) {
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                    mass += v;
                    rows += r * (double) v;
                    cols += c * (double) v;
                }
            }
        }
        int extent = Math.max(bottom - top + 1, right - left + 1);
        if (bottom < 0 || extent < MIN_EXTENT || extent > EXTENT || peak < MIN_PEAK) {
            return false;
        }
        double center = side / 2.0;
        return Math.abs(rows / mass - center) <= CENTER_TOLERANCE
                && Math.abs(cols / mass - center) <= CENTER_TOLERANCE;
    }

    /**
     * The 28x28 input of a gray picture (levels in [0, 1], already checked): the picture itself when it
     * {@link #isPrepared already is one}, so a data set's own images pass through exactly, else
     * {@link #prepare}.
     */
    static float[] input(float[] gray, int height, int width) {
        return isPrepared(gray, height, width) ? gray.clone() : prepare(gray, height, width);
    }

    /** The 28x28 input of a gray picture (levels in [0, 1], already checked), as {@link ImageInput} describes. */
    static float[] prepare(float[] gray, int height, int width) {
        float[] ink = inkLevels(gray, height, width);
        int top = height;
        int bottom = -1;
        int left = width;
        int right = -1;
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                if (ink[r * width + c] >= ImageInput.INK_THRESHOLD) {
                    top = Math.min(top, r);
                    bottom = Math.max(bottom, r);
                    left = Math.min(left, c);
                    right = Math.max(right, c);
                }
            }
        }
        float[] out = new float[ImageInput.SIDE * ImageInput.SIDE];
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
        int targetH = Math.max(1, (int) Math.round((double) boxH * ImageInput.BOX / longer));
        int targetW = Math.max(1, (int) Math.round((double) boxW * ImageInput.BOX / longer));
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
        float[] border = GrayImage.border(ink, height, width);
        boolean invert = GrayImage.isLight(border);
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

    /**
     * Copies the scaled drawing into the field with its center of mass at (14, 14) in pixel-index
     * coordinates, rounded to whole pixels and clamped so that none of it is cut off. (14, 14), half a pixel
     * below and right of the geometric center 13.5, is where MNIST put it: over the 8,000 bundled training
     * digits the center of mass averages (13.997, 14.005) with a spread of 0.29, whole-pixel rounding.
     */
    private static void place(float[] scaled, int h, int w, float[] out) {
        int side = ImageInput.SIDE;
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
        double center = side / 2.0;
        int top = mass > 0 ? (int) Math.round(center - rowMoment / mass) : (side - h) / 2;
        int left = mass > 0 ? (int) Math.round(center - colMoment / mass) : (side - w) / 2;
        top = Math.clamp(top, 0, side - h);
        left = Math.clamp(left, 0, side - w);
        for (int r = 0; r < h; r++) {
            System.arraycopy(scaled, r * w, out, (top + r) * side + left, w);
        }
    }
}
