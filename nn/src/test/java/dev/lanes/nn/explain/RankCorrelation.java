package dev.lanes.nn.explain;

import java.util.Arrays;

/** Spearman's rank correlation of attribution maps, for the model-randomization sanity check. */
final class RankCorrelation {

    private RankCorrelation() {
    }

    /** Spearman's ρ of two maps of n values (Pearson correlation of their ranks, ties sharing their mean rank). */
    static double spearman(float[] a, int aOffset, float[] b, int bOffset, int n, boolean absolute) {
        double[] ra = ranks(a, aOffset, n, absolute);
        double[] rb = ranks(b, bOffset, n, absolute);
        double mean = (n + 1) / 2.0;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < n; i++) {
            double da = ra[i] - mean;
            double db = rb[i] - mean;
            cov += da * db;
            va += da * da;
            vb += db * db;
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }

    /** The mean of {@link #spearman} over {@code count} pairs of maps of {@code n} values. */
    static double meanSpearman(float[] a, float[] b, int count, int n, boolean absolute) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += spearman(a, i * n, b, i * n, n, absolute);
        }
        return sum / count;
    }

    private static double[] ranks(float[] v, int offset, int n, boolean absolute) {
        Integer[] order = new Integer[n];
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            key[i] = absolute ? Math.abs(v[offset + i]) : v[offset + i];
        }
        Arrays.sort(order, (p, q) -> Double.compare(key[p], key[q]));
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && key[order[j + 1]] == key[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = mean;
            }
            i = j + 1;
        }
        return rank;
    }
}
