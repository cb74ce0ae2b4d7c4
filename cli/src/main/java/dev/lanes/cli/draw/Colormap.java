package dev.lanes.cli.draw;

/**
 * A diverging colormap for signed attributions: blue for negative, white for zero, red for positive, each
 * side darkening with magnitude, so that sign and size read at a glance and zero matches a white page.
 */
final class Colormap {

    /** Anchors at t = −1, −½, 0, ½, 1 (sRGB, 0–255), interpolated linearly. */
    private static final int[][] ANCHORS = {
        {25, 60, 150}, {110, 165, 225}, {255, 255, 255}, {240, 140, 100}, {165, 15, 30}};

    private Colormap() {
    }

    /** The color of {@code t}, clamped to [−1, 1], as {@code 0xRRGGBB}; NaN maps to white. */
    static int rgb(double t) {
        if (Double.isNaN(t)) {
            return 0xFFFFFF;
        }
        double p = (Math.clamp(t, -1.0, 1.0) + 1) * 2;
        int i = Math.min(3, (int) p);
        double f = p - i;
        int rgb = 0;
        for (int channel = 0; channel < 3; channel++) {
            double v = ANCHORS[i][channel] + f * (ANCHORS[i + 1][channel] - ANCHORS[i][channel]);
            rgb = rgb << 8 | (int) Math.round(v);
        }
        return rgb;
    }
}
