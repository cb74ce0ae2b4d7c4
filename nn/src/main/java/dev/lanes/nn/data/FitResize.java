package dev.lanes.nn.data;

/**
 * The whole picture as the input of a model trained on photographs of objects ({@link Preprocessing#RESIZE},
 * as Fashion-MNIST was made): gray levels, inverted when the border is light (the data shows light objects
 * on black), scaled with its aspect ratio kept so that it just fits {@code rows x cols}, centered on black.
 * The levels are not stretched, so a picture of the data set's own shape passes through unchanged.
 */
final class FitResize {

    private FitResize() {
    }

    /** The {@code rows x cols} input of a gray picture (levels in [0, 1], already checked). */
    static float[] prepare(float[] gray, int height, int width, int rows, int cols) {
        float[] levels = gray;
        if (GrayImage.isLight(GrayImage.border(gray, height, width))) {
            levels = new float[gray.length];
            for (int i = 0; i < gray.length; i++) {
                levels[i] = 1f - gray[i];
            }
        }
        double s = Math.min((double) rows / height, (double) cols / width);
        int th = Math.clamp(Math.round(height * s), 1, rows);
        int tw = Math.clamp(Math.round(width * s), 1, cols);
        float[] scaled = Resample.area(levels, width, 0, 0, height, width, th, tw);
        float[] out = new float[rows * cols];
        int top = (rows - th) / 2;
        int left = (cols - tw) / 2;
        for (int r = 0; r < th; r++) {
            System.arraycopy(scaled, r * tw, out, (top + r) * cols + left, tw);
        }
        return out;
    }
}
