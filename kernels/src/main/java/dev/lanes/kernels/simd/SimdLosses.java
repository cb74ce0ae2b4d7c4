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
        float[] e = SimdActivations.SCRATCH.get();
        for (int r = 0; r < rows; r++) {
            int zi = logitsOffset + r * ldLogits;
            int ti = targetsOffset + r * ldTargets;
            int di = deltaOffset + r * ldDelta;
            // Two passes per chunk, e = exp(-|z|) first (see SimdActivations.softplus: one loop would be more
            // vector code than C2 inlines).
            for (int base = 0; base < cols; base += SimdActivations.CHUNK) {
                int len = Math.min(SimdActivations.CHUNK, cols - base);
                SimdActivations.expOfMinusAbs(len, logits, zi + base, e);
                loss += binaryCrossEntropyChunk(len, logits, zi + base, targets, ti + base, e, delta, di + base,
                        fRows);
            }
        }
        return (float) (loss / rows);
    }

    /** One chunk of a row: writes delta = (σ(z) - t) / rows and returns the row's loss terms' float sum. */
    private static float binaryCrossEntropyChunk(int n, float[] logits, int zi, float[] targets, int ti, float[] e,
                                                 float[] delta, int di, float rows) {
        FloatVector acc = FloatVector.zero(F);
        for (int j = 0; j < n; j += L) {
            VectorMask<Float> m = F.indexInRange(j, n);
            FloatVector z = FloatVector.fromArray(F, logits, zi + j, m);
            FloatVector t = FloatVector.fromArray(F, targets, ti + j, m);
            FloatVector ev = FloatVector.fromArray(F, e, j, m);
            acc = acc.add(ActivationVectors.relu(z).sub(z.mul(t)).add(VectorMath.log1pUnit(ev)), m);
            FloatVector sigmoid = ev.blend(1f, z.compare(VectorOperators.GE, 0f)).div(ev.add(1f));
            sigmoid.sub(t).div(rows).intoArray(delta, di + j, m);
        }
        float[] lanes = LaneSum.floats();
        acc.intoArray(lanes, 0);
        return LaneSum.of(lanes, 0);
    }

    /**
     * See {@link dev.lanes.kernels.Losses#meanSquaredError}: d = a - t in float (also delta's numerator), its
     * square summed in double lanes, half a float vector at a time (see {@link SimdVectors#sumOfSquares}).
     */
    public static float meanSquaredError(int rows, int cols, float[] outputs, int outputsOffset, int ldOutputs,
                                         float[] targets, int targetsOffset, int ldTargets,
                                         float[] delta, int deltaOffset, int ldDelta) {
        VectorSpecies<Float> half = SimdVectors.HALF;
        DoubleVector acc = DoubleVector.zero(SimdVectors.D);
        float fRows = rows;
        for (int r = 0; r < rows; r++) {
            int ai = outputsOffset + r * ldOutputs;
            int ti = targetsOffset + r * ldTargets;
            int di = deltaOffset + r * ldDelta;
            for (int j = 0; j < cols; j += SimdVectors.H) {
                VectorMask<Float> m = half.indexInRange(j, cols);
                FloatVector d = FloatVector.fromArray(half, outputs, ai + j, m)
                        .sub(FloatVector.fromArray(half, targets, ti + j, m));
                d.div(fRows).intoArray(delta, di + j, m);
                DoubleVector wide = (DoubleVector) d.convertShape(VectorOperators.F2D, SimdVectors.D, 0);
                acc = wide.fma(wide, acc);
            }
        }
        double[] lanes = LaneSum.doubles();
        acc.intoArray(lanes, 0);
        return (float) (0.5 * LaneSum.of(lanes, SimdVectors.D.length()) / rows);
    }
}
