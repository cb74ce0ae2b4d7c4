package dev.lanes.bench.kernels;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Activations;
import dev.lanes.kernels.scalar.ScalarActivations;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Activations forward (y = f(x): reads x, writes y, 8 bytes per element) and derivative (delta *= f'(saved)
 * on a fresh copy of delta, so repeated calls do not drive it into the subnormals: the copy reads and writes 8
 * bytes per element, the derivative reads saved and delta and writes delta, 12; {@code copyOnly} measures the
 * copy alone), SIMD façade against the scalar reference, and
 * sigmoid/tanh against the plain float loop over {@link Math#exp} / {@link Math#tanh} a user would write.
 * Score: microseconds per call of {@code size} elements.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ActivationBenchmark {

    @Param({"65536", "16777216"})
    public int size;

    @Param({"relu", "sigmoid", "tanh", "gelu", "silu", "softplus"})
    public String activation;

    private Activation f;
    private float[] x;
    private float[] y;
    private float[] delta;
    private float[] deltaSource;

    @Setup(Level.Trial)
    public void setUp() {
        f = Activation.parse(activation);
        Random random = new Random(1);
        x = new float[size];
        y = new float[size];
        delta = new float[size];
        deltaSource = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = random.nextFloat() * 16 - 8;
            deltaSource[i] = random.nextFloat() * 2 - 1;
        }
    }

    @Benchmark
    public float[] forwardSimd() {
        Activations.forward(f, size, x, 0, y, 0);
        return y;
    }

    @Benchmark
    public float[] forwardScalar() {
        ScalarActivations.forward(f, size, x, 0, y, 0);
        return y;
    }

    /** The loop a user writes without lanes: float sigmoid via Math.exp, tanh via Math.tanh (others: relu). */
    @Benchmark
    public float[] forwardMathLoop() {
        float[] in = x;
        float[] out = y;
        switch (f.kind()) {
            case SIGMOID -> {
                for (int i = 0; i < in.length; i++) {
                    out[i] = (float) (1 / (1 + Math.exp(-in[i])));
                }
            }
            case TANH -> {
                for (int i = 0; i < in.length; i++) {
                    out[i] = (float) Math.tanh(in[i]);
                }
            }
            default -> {
                for (int i = 0; i < in.length; i++) {
                    out[i] = Math.max(in[i], 0f);
                }
            }
        }
        return out;
    }

    /** Derivative of the activation; the saved values are x (as z or as y), delta is updated in place. */
    @Benchmark
    public float[] derivativeSimd() {
        System.arraycopy(deltaSource, 0, delta, 0, size);
        Activations.multiplyByDerivative(f, size, x, 0, delta, 0);
        return delta;
    }

    @Benchmark
    public float[] derivativeScalar() {
        System.arraycopy(deltaSource, 0, delta, 0, size);
        ScalarActivations.multiplyByDerivative(f, size, x, 0, delta, 0);
        return delta;
    }

    /** The copy the derivative benchmarks include, to subtract. */
    @Benchmark
    public float[] copyOnly() {
        System.arraycopy(deltaSource, 0, delta, 0, size);
        return delta;
    }
}
