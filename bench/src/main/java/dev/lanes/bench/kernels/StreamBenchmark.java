package dev.lanes.bench.kernels;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * STREAM-like copy (a = b: 8 bytes per element, reads b, writes a) and triad (a = b + s c: 12 bytes per
 * element), with the Vector API and as plain loops (which C2 vectorises), single-threaded: the bandwidth
 * that the bandwidth-bound kernels are measured against (target: at least 80% of it). Counts only the bytes
 * the program moves (a write-allocate miss also reads a, which STREAM does not count either). Score:
 * microseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class StreamBenchmark {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    @Param({"65536", "16777216"})
    public int size;

    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        a = new float[size];
        b = new float[size];
        c = new float[size];
        for (int i = 0; i < size; i++) {
            b[i] = i;
            c[i] = 2 * i;
        }
    }

    @Benchmark
    public float[] copyVector() {
        int i = 0;
        for (int bound = F.loopBound(size); i < bound; i += F.length()) {
            FloatVector.fromArray(F, b, i).intoArray(a, i);
        }
        for (; i < size; i++) {
            a[i] = b[i];
        }
        return a;
    }

    @Benchmark
    public float[] copyLoop() {
        for (int i = 0; i < size; i++) {
            a[i] = b[i];
        }
        return a;
    }

    @Benchmark
    public float[] triadVector() {
        int i = 0;
        for (int bound = F.loopBound(size); i < bound; i += F.length()) {
            FloatVector.fromArray(F, c, i).mul(3f).add(FloatVector.fromArray(F, b, i)).intoArray(a, i);
        }
        for (; i < size; i++) {
            a[i] = b[i] + 3f * c[i];
        }
        return a;
    }

    @Benchmark
    public float[] triadLoop() {
        for (int i = 0; i < size; i++) {
            a[i] = b[i] + 3f * c[i];
        }
        return a;
    }
}
