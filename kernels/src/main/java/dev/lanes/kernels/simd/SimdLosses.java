package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API losses behind {@link dev.lanes.kernels.Losses}. Per-row sums are vector sums; the total over
 * rows is a double. Arguments are trusted.
 */
public final class SimdLosses {

    /** Doubles in a vector as wide as {@link Species#F}: squares are summed in double. */
    private static final VectorSpecies<Double> D = VectorSpecies.of(double.class, F.vectorShape());

    private SimdLosses() {
    }

    /** See {@link dev.lanes.kernels.Losses#softmaxCrossEntropy}. */
    public static float softmaxCrossEntropy(int rows, int cols, float[] logits, int logitsOffset, int ldLogits,
                                            int[] labels, int labelsOffset, float[] delta, int deltaOffset,
                                            int ldDelta) {
        double loss = 0;
        float invRows = (float) (1.0 / rows);
        for (int r = 0; r < rows; r++) {
            int zi = logitsOffset + r * ldLogits;
            int di = deltaOffset + r * ldDelta;
            int label = labels[labelsOffset + r];
            float max = SimdSoftmax.rowMax(cols, logits, zi);
            float labelLogit = logits[zi + label] - max;
            // delta may alias logits: e^(z - max) overwrites z here, after the label's logit was read.
            float sum = SimdSoftmax.expMinusMaxAndSum(cols, logits, zi, max, delta, di);
            loss += Math.log(sum) - labelLogit;
            SimdSoftmax.scale(cols, (float) (1.0 / ((double) sum * rows)), delta, di);
            delta[di + label] -= invRows;
        }
        return (float) (loss / rows);
    }

    /** See {@link dev.lanes.kernels.Losses#sigmoidBinaryCrossEntropy}. */
    public static float sigmoidBinaryCrossEntropy(int rows, int cols, float[] logits, int logitsOffset,
                                                  int ldLogits, float[] targets, int targetsOffset, int ldTargets,
                                                  float[] delta, int deltaOffset, int ldDelta) {
        double loss = 0;
        float fRows = rows;
        for (int r = 0; r < rows; r++) {
            int zi = logitsOffset + r * ldLogits;
            int ti = targetsOffset + r * ldTargets;
            int di = deltaOffset + r * ldDelta;
            FloatVector acc = FloatVector.zero(F);
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector z = FloatVector.fromArray(F, logits, zi + j);
                FloatVector t = FloatVector.fromArray(F, targets, ti + j);
                FloatVector e = VectorMath.exp(z.abs().neg());
                acc = acc.add(z.max(0f).sub(z.mul(t)).add(VectorMath.log1pUnit(e)));
                FloatVector sigmoid = e.blend(1f, z.compare(VectorOperators.GE, 0f)).div(e.add(1f));
                sigmoid.sub(t).div(fRows).intoArray(delta, di + j);
            }
            if (j < cols) {
                VectorMask<Float> m = F.indexInRange(j, cols);
                FloatVector z = FloatVector.fromArray(F, logits, zi + j, m);
                FloatVector t = FloatVector.fromArray(F, targets, ti + j, m);
                FloatVector e = VectorMath.exp(z.abs().neg());
                acc = acc.add(z.max(0f).sub(z.mul(t)).add(VectorMath.log1pUnit(e)), m);
                FloatVector sigmoid = e.blend(1f, z.compare(VectorOperators.GE, 0f)).div(e.add(1f));
                sigmoid.sub(t).div(fRows).intoArray(delta, di + j, m);
            }
            loss += acc.reduceLanes(VectorOperators.ADD);
        }
        return (float) (loss / rows);
    }

    /** See {@link dev.lanes.kernels.Losses#meanSquaredError}. */
    public static float meanSquaredError(int rows, int cols, float[] outputs, int outputsOffset, int ldOutputs,
                                         float[] targets, int targetsOffset, int ldTargets,
                                         float[] delta, int deltaOffset, int ldDelta) {
        DoubleVector acc = DoubleVector.zero(D);
        float fRows = rows;
        for (int r = 0; r < rows; r++) {
            int ai = outputsOffset + r * ldOutputs;
            int ti = targetsOffset + r * ldTargets;
            int di = deltaOffset + r * ldDelta;
            int j = 0;
            for (int bound = F.loopBound(cols); j < bound; j += L) {
                FloatVector d = FloatVector.fromArray(F, outputs, ai + j).sub(FloatVector.fromArray(F, targets, ti + j));
                d.div(fRows).intoArray(delta, di + j);
                DoubleVector lo = (DoubleVector) d.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector hi = (DoubleVector) d.convertShape(VectorOperators.F2D, D, 1);
                acc = lo.fma(lo, acc);
                acc = hi.fma(hi, acc);
            }
            if (j < cols) {
                VectorMask<Float> m = F.indexInRange(j, cols);
                FloatVector d = FloatVector.fromArray(F, outputs, ai + j, m)
                        .sub(FloatVector.fromArray(F, targets, ti + j, m));
                d.div(fRows).intoArray(delta, di + j, m);
                DoubleVector lo = (DoubleVector) d.convertShape(VectorOperators.F2D, D, 0);
                DoubleVector hi = (DoubleVector) d.convertShape(VectorOperators.F2D, D, 1);
                acc = lo.fma(lo, acc);
                acc = hi.fma(hi, acc);
            }
        }
        return (float) (0.5 * acc.reduceLanes(VectorOperators.ADD) / rows);
    }
}
