package dev.lanes.nn.data;

/**
 * The border of a gray picture (levels in [0, 1], row-major): it tells a dark drawing on light paper from a
 * light drawing on black, which the preparations invert or not.
 */
final class GrayImage {

    private GrayImage() {
    }

    /**
     * The levels of a frame one MNIST pixel wide around a {@code height x width} picture: 1/28 of the shorter
     * side, at least one pixel. Its mean says whether the background is light.
     */
    static float[] border(float[] gray, int height, int width) {
        int t = Math.max(1, Math.min(height, width) / ImageInput.SIDE);
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

    /** Whether a {@link #border} is light on average (mean above 1/2): a dark drawing on light paper. */
    static boolean isLight(float[] border) {
        double mean = 0;
        for (float v : border) {
            mean += v;
        }
        return mean / border.length > 0.5;
    }
}
