package dev.lanes.bench.gemm;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * lanes' scalar reference SGEMM on the shapes of {@link GemmBench} up to n = 512: the baseline that shows what the
 * SIMD kernels gain. It is far too slow for the larger squares (seconds per product), so they are refused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {BenchJvm.VECTOR_MODULE, BenchJvm.NATIVE_ACCESS, BenchJvm.JMH_UNSAFE,
        BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class ScalarGemmBench {

    /** The largest product timed: 512³ multiply-adds. */
    private static final double MAX_FLOPS = GemmShape.N512.flops();

    /** A {@link GemmShape#id()}, at most 512 on a side. */
    @Param({"64", "128", "256", "512",
            "l1-fwd", "l1-bp4", "l1-bp2", "l2-fwd", "l2-bp4", "l2-bp2", "l3-fwd", "l3-bp4", "l3-bp2"})
    public String shape;

    private GemmRunner runner;

    /** Sets the threads, binds the implementation to fresh operands and checks its result (GemmCheck). */
    @Setup(Level.Trial)
    public void bind() {
        GemmShape gemmShape = GemmShape.of(shape);
        if (gemmShape.flops() > MAX_FLOPS) {
            throw new IllegalArgumentException("the scalar reference is timed up to 512³ only, not shape=" + shape);
        }
        runner = GemmCheck.verifiedRunner(GemmImpl.SCALAR, gemmShape, 1);
    }

    /** One product {@code C = op(A) op(B)}. */
    @Benchmark
    public void sgemm() {
        runner.multiply();
    }
}
