package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import dev.lanes.kernels.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * The Vector API activations behind {@link dev.lanes.kernels.Activations}: one loop per kind, so each loop's
 * body is straight-line vector code. Cheap kinds run full vectors and then one masked last vector; kinds built
 * on exp run a single masked loop, so that their large vector function has one hot call site that C2 inlines
 * (a separate, cold tail call site would not be inlined, and its vector would be boxed). Arguments are
 * trusted.
 */
public final class SimdActivations {

    /** Elements per chunk of the two-pass kernels: the scratch buffer stays in L1. */
    static final int CHUNK = 1024;

    /** Per-thread scratch of the two-pass kernels (allocated once per thread). */
    static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[CHUNK]);

    private SimdActivations() {
    }

    /** See {@link dev.lanes.kernels.Activations#forward}. */
    public static void forward(Activation f, int n, float[] x, int xOffset, float[] y, int yOffset) {
        switch (f.kind()) {
            case IDENTITY -> {
                if (x != y || xOffset != yOffset) {
                    System.arraycopy(x, xOffset, y, yOffset, n);
                }
            }
            case RELU -> relu(n, x, xOffset, y, yOffset);
            case LEAKY_RELU -> leakyRelu(n, x, xOffset, y, yOffset, f.slope());
            case SIGMOID -> sigmoid(n, x, xOffset, y, yOffset);
            case TANH -> tanh(n, x, xOffset, y, yOffset);
            case SOFTPLUS -> softplus(n, x, xOffset, y, yOffset);
            case GELU -> gelu(n, x, xOffset, y, yOffset);
            case SILU -> silu(n, x, xOffset, y, yOffset);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is per row: use Softmax");
        }
    }

    /** See {@link dev.lanes.kernels.Activations#multiplyByDerivative}. */
    public static void multiplyByDerivative(Activation f, int n, float[] saved, int savedOffset,
                                            float[] delta, int deltaOffset) {
        switch (f.kind()) {
            case IDENTITY -> {
            }
            case RELU -> reluDerivative(n, saved, savedOffset, delta, deltaOffset);
            case LEAKY_RELU -> leakyReluDerivative(n, saved, savedOffset, delta, deltaOffset, f.slope());
            case SIGMOID -> sigmoidDerivative(n, saved, savedOffset, delta, deltaOffset);
            case TANH -> tanhDerivative(n, saved, savedOffset, delta, deltaOffset);
            case SOFTPLUS -> softplusDerivative(n, saved, savedOffset, delta, deltaOffset);
            case GELU -> geluDerivative(n, saved, savedOffset, delta, deltaOffset);
            case SILU -> siluDerivative(n, saved, savedOffset, delta, deltaOffset);
            case SOFTMAX -> throw new IllegalArgumentException("softmax is per row: use Softmax");
        }
    }

    private static void relu(int n, float[] in, int inOffset, float[] out, int outOffset) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i);
            ActivationVectors.relu(x).intoArray(out, outOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i, m);
            ActivationVectors.relu(x).intoArray(out, outOffset + i, m);
        }
    }

    private static void leakyRelu(int n, float[] in, int inOffset, float[] out, int outOffset, float slope) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i);
            ActivationVectors.leakyRelu(x, slope).intoArray(out, outOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i, m);
            ActivationVectors.leakyRelu(x, slope).intoArray(out, outOffset + i, m);
        }
    }

    private static void sigmoid(int n, float[] in, int inOffset, float[] out, int outOffset) {
        // One masked loop: the expensive vector function has a single, hot call site, so C2 inlines it for
        // the last vector too (a cold tail call would box the vector).
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i, m);
            VectorMath.sigmoid(x).intoArray(out, outOffset + i, m);
        }
    }

    private static void tanh(int n, float[] in, int inOffset, float[] out, int outOffset) {
        // One masked loop: the expensive vector function has a single, hot call site, so C2 inlines it for
        // the last vector too (a cold tail call would box the vector).
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i, m);
            VectorMath.tanh(x).intoArray(out, outOffset + i, m);
        }
    }

    /**
     * softplus in chunks of two passes, e = exp(-|x|) into a per-thread scratch buffer, then max(x, 0) +
     * log1p(e): exp and log1p together are more vector code than C2 inlines into one loop (its node-count
     * cutoff), and a vector call it does not inline would box.
     */
    private static void softplus(int n, float[] in, int inOffset, float[] out, int outOffset) {
        float[] e = SCRATCH.get();
        for (int base = 0; base < n; base += CHUNK) {
            int len = Math.min(CHUNK, n - base);
            expOfMinusAbs(len, in, inOffset + base, e);
            maxPlusLog1p(len, in, inOffset + base, e, out, outOffset + base);
        }
    }

    /** e[i] = exp(-|x[i]|) for i in [0, n). */
    static void expOfMinusAbs(int n, float[] in, int inOffset, float[] e) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i, m);
            VectorMath.exp(x.abs().neg()).intoArray(e, i, m);
        }
    }

    private static void maxPlusLog1p(int n, float[] in, int inOffset, float[] e, float[] out, int outOffset) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i, m);
            FloatVector ev = FloatVector.fromArray(F, e, i, m);
            ActivationVectors.relu(x).add(VectorMath.log1pUnit(ev)).intoArray(out, outOffset + i, m);
        }
    }

    private static void gelu(int n, float[] in, int inOffset, float[] out, int outOffset) {
        // One masked loop: the expensive vector function has a single, hot call site, so C2 inlines it for
        // the last vector too (a cold tail call would box the vector).
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i, m);
            ActivationVectors.gelu(x).intoArray(out, outOffset + i, m);
        }
    }

    private static void silu(int n, float[] in, int inOffset, float[] out, int outOffset) {
        // One masked loop: the expensive vector function has a single, hot call site, so C2 inlines it for
        // the last vector too (a cold tail call would box the vector).
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector x = FloatVector.fromArray(F, in, inOffset + i, m);
            ActivationVectors.timesSigmoid(x, x).intoArray(out, outOffset + i, m);
        }
    }

    private static void reluDerivative(int n, float[] saved, int savedOffset, float[] delta, int deltaOffset) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i);
            d.mul(ActivationVectors.reluDerivative(s, 0f)).intoArray(delta, deltaOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i, m);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i, m);
            d.mul(ActivationVectors.reluDerivative(s, 0f)).intoArray(delta, deltaOffset + i, m);
        }
    }

    private static void leakyReluDerivative(int n, float[] saved, int savedOffset, float[] delta, int deltaOffset, float slope) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i);
            d.mul(ActivationVectors.reluDerivative(s, slope)).intoArray(delta, deltaOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i, m);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i, m);
            d.mul(ActivationVectors.reluDerivative(s, slope)).intoArray(delta, deltaOffset + i, m);
        }
    }

    private static void sigmoidDerivative(int n, float[] saved, int savedOffset, float[] delta, int deltaOffset) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i);
            d.mul(ActivationVectors.sigmoidDerivative(s)).intoArray(delta, deltaOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i, m);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i, m);
            d.mul(ActivationVectors.sigmoidDerivative(s)).intoArray(delta, deltaOffset + i, m);
        }
    }

    private static void tanhDerivative(int n, float[] saved, int savedOffset, float[] delta, int deltaOffset) {
        int i = 0;
        for (int bound = F.loopBound(n); i < bound; i += L) {
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i);
            d.mul(ActivationVectors.tanhDerivative(s)).intoArray(delta, deltaOffset + i);
        }
        if (i < n) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i, m);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i, m);
            d.mul(ActivationVectors.tanhDerivative(s)).intoArray(delta, deltaOffset + i, m);
        }
    }

    private static void softplusDerivative(int n, float[] saved, int savedOffset, float[] delta, int deltaOffset) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i, m);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i, m);
            d.mul(ActivationVectors.softplusDerivative(s)).intoArray(delta, deltaOffset + i, m);
        }
    }

    private static void geluDerivative(int n, float[] saved, int savedOffset, float[] delta, int deltaOffset) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i, m);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i, m);
            d.mul(ActivationVectors.geluDerivative(s)).intoArray(delta, deltaOffset + i, m);
        }
    }

    private static void siluDerivative(int n, float[] saved, int savedOffset, float[] delta, int deltaOffset) {
        for (int i = 0; i < n; i += L) {
            VectorMask<Float> m = F.indexInRange(i, n);
            FloatVector s = FloatVector.fromArray(F, saved, savedOffset + i, m);
            FloatVector d = FloatVector.fromArray(F, delta, deltaOffset + i, m);
            d.mul(ActivationVectors.timesSigmoidDerivative(s, s)).intoArray(delta, deltaOffset + i, m);
        }
    }
}
