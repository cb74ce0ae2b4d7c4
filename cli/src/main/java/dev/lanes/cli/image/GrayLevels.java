package dev.lanes.cli.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;

/**
 * Any {@link BufferedImage} as gray levels in [0, 1], row-major, with transparency flattened onto a
 * background that contrasts with the drawing: what {@link dev.lanes.nn.data.ImageInput#fromGray} takes.
 */
final class GrayLevels {

    /** The most pixels a picture may have to be converted: the longest Java array. */
    static final int MAX_PIXELS = Integer.MAX_VALUE - 8;

    private GrayLevels() {
    }

    /** Gray levels of {@code image}: {@code height * width} floats in [0, 1], 0 black, 1 white. */
    static float[] levels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if ((long) w * h > MAX_PIXELS) {
            throw new IllegalArgumentException("an image of " + w + "x" + h + " pixels is too large to convert"
                    + " (at most " + MAX_PIXELS + " pixels)");
        }
        ColorModel cm = image.getColorModel();
        float[] gray = new float[w * h];
        float[] alpha = cm.hasAlpha() ? new float[w * h] : null;
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY
                && !cm.isAlphaPremultiplied()) {
            // Gray PNGs decode into a linear-gray color space, and getRGB would "correct" their already
            // gamma-encoded samples; MNIST and drawings mean the stored values, so read the samples.
            Raster raster = image.getRaster();
            float grayMax = (1L << cm.getComponentSize(0)) - 1;
            float alphaMax = cm.hasAlpha() ? (1L << cm.getComponentSize(1)) - 1 : 1;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    gray[r * w + c] = raster.getSample(c, r, 0) / grayMax;
                    if (alpha != null) {
                        alpha[r * w + c] = raster.getSample(c, r, 1) / alphaMax;
                    }
                }
            }
        } else {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    int argb = image.getRGB(c, r);
                    float red = (argb >>> 16 & 0xFF) / 255f;
                    float green = (argb >>> 8 & 0xFF) / 255f;
                    float blue = (argb & 0xFF) / 255f;
                    // ITU-R BT.601 luma, on the gamma-encoded values as MNIST-style tools do.
                    gray[r * w + c] = Math.min(1f, 0.299f * red + 0.587f * green + 0.114f * blue);
                    if (alpha != null) {
                        alpha[r * w + c] = (argb >>> 24) / 255f;
                    }
                }
            }
        }
        if (alpha != null) {
            flatten(gray, alpha);
        }
        return gray;
    }

    /**
     * Composites translucent pixels onto black when the visible drawing is light, else onto white, so that a
     * drawing on a transparent canvas keeps its contrast whatever its color.
     */
    private static void flatten(float[] gray, float[] alpha) {
        double weight = 0;
        double weighted = 0;
        boolean translucent = false;
        for (int i = 0; i < gray.length; i++) {
            weight += alpha[i];
            weighted += alpha[i] * gray[i];
            translucent |= alpha[i] < 1f;
        }
        if (!translucent) {
            return;
        }
        float background = weight > 0 && weighted / weight > 0.5 ? 0f : 1f;
        for (int i = 0; i < gray.length; i++) {
            gray[i] = alpha[i] * gray[i] + (1f - alpha[i]) * background;
        }
    }
}
