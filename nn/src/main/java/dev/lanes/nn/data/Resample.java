package dev.lanes.nn.data;

/** Area-averaging resampling: each output pixel is the mean of the source area it covers. */
final class Resample {

    private Resample() {
    }

    /**
     * Resamples the {@code h x w} window at ({@code top}, {@code left}) of a row-major image with row length
     * {@code stride} to {@code th x tw}. Overlaps are counted in integer units of 1/th (or 1/tw) source pixel,
     * so a same-size resample copies exactly and a uniform area stays exactly uniform.
     */
    static float[] area(float[] src, int stride, int top, int left, int h, int w, int th, int tw) {
        double[] rowsDone = new double[th * w];
        for (int i = 0; i < th; i++) {
            long lo = (long) i * h;
            long hi = (long) (i + 1) * h;
            for (int k = (int) (lo / th); k <= (int) ((hi - 1) / th); k++) {
                long overlap = Math.min(hi, (long) (k + 1) * th) - Math.max(lo, (long) k * th);
                int from = (top + k) * stride + left;
                for (int c = 0; c < w; c++) {
                    rowsDone[i * w + c] += overlap * (double) src[from + c];
                }
            }
            for (int c = 0; c < w; c++) {
                rowsDone[i * w + c] /= h;
            }
        }
        float[] out = new float[th * tw];
        for (int j = 0; j < tw; j++) {
            long lo = (long) j * w;
            long hi = (long) (j + 1) * w;
            int k0 = (int) (lo / tw);
            int k1 = (int) ((hi - 1) / tw);
            for (int r = 0; r < th; r++) {
                double sum = 0;
                for (int k = k0; k <= k1; k++) {
                    long overlap = Math.min(hi, (long) (k + 1) * tw) - Math.max(lo, (long) k * tw);
                    sum += overlap * rowsDone[r * w + k];
                }
                out[r * tw + j] = (float) Math.min(1.0, sum / w);
            }
        }
        return out;
    }
}
