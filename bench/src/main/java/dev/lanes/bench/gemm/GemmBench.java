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
 * Row-major SGEMM {@code C = op(A) op(B)}: lanes against EJML, ojAlgo and netlib's JavaBLAS, VectorBLAS and
 * NativeBLAS (OpenBLAS), on square sizes and the MLP training shapes. Time per product; GemmReport turns it into
 * GFLOPS with {@link GemmShape#flops()}.
 *
 * <p>Every implementation reads the same arrays and is checked against the scalar reference before timing
 * ({@link GemmCheck}). {@code threads} is recorded with the results and must match the environment:
 * {@code -Dlanes.threads=N} for lanes and {@code OPENBLAS_NUM_THREADS=N} for OpenBLAS (bench/run-gemm.sh sets
 * both); EJML and ojAlgo are set to it; the single-threaded ones refuse anything but 1.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {BenchJvm.VECTOR_MODULE, BenchJvm.NATIVE_ACCESS, BenchJvm.JMH_UNSAFE,
        BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class GemmBench {

    /** A {@link GemmShape#id()}. */
    @Param({"64", "128", "256", "512", "1024", "2048",
            "l1-fwd", "l1-bp4", "l1-bp2", "l2-fwd", "l2-bp4", "l2-bp2", "l3-fwd", "l3-bp4", "l3-bp2"})
    public String shape;

    /** A {@link GemmImpl#id()}; the scalar reference has its own, smaller suite: {@link ScalarGemmBench}. */
    @Param({"lanes", "ejml", "ojalgo", "javablas", "vectorblas", "openblas"})
    public String impl;

    /** Threads the implementation may use. */
    @Param("1")
    public int threads;

    private GemmRunner runner;

    /** Sets the threads, binds the implementation to fresh operands and checks its result (GemmCheck). */
    @Setup(Level.Trial)
    public void bind() {
        runner = GemmCheck.verifiedRunner(GemmImpl.of(impl), GemmShape.of(shape), threads);
    }

    /** One product {@code C = op(A) op(B)}. */
    @Benchmark
    public void sgemm() {
        runner.multiply();
    }
}
