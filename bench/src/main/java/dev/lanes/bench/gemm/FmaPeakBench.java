package dev.lanes.bench.gemm;

import dev.lanes.kernels.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The float FMA peak of this machine at lanes' vector width, measured rather than taken from a data sheet: twelve
 * independent FMA chains held in registers, no memory traffic. Twelve covers latency times throughput on current
 * cores (4 cycles x 2 FMA ports = 8 in flight) and still fits 16 vector registers. The secondary result
 * {@code flops} is FLOP/s; run with {@code -t N} for N cores (JMH sums the threads). GemmReport divides GEMM
 * GFLOPS by it for "% of peak".
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {BenchJvm.VECTOR_MODULE, BenchJvm.NATIVE_ACCESS, BenchJvm.JMH_UNSAFE,
        BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class FmaPeakBench {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int CHAINS = 12;

    /** Loop trips per call; a field, so the compiler cannot fold the loop. */
    public int iterations = 4096;
    /** acc = acc * scale + shift converges to shift / (1 - scale) = 1: no overflow, no subnormals. */
    public float scale = 0.999f;
    public float shift = 0.001f;

    /** FLOPs done, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Flops {

        /** FLOPs done in this iteration. */
        public long flops;

        /** JMH reports the counter per iteration, so each one starts from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            flops = 0;
        }
    }

    /** The peak only means something at the width lanes runs. */
    @Setup(Level.Trial)
    public void checkWidth() {
        if (!Kernels.simdEnabled() || Kernels.vectorBits() != F.vectorBitSize()) {
            throw new IllegalStateException("the peak would be measured at " + F.vectorBitSize()
                    + " bits but lanes runs " + Kernels.describe());
        }
    }

    /** {@code iterations} rounds of twelve independent vector FMAs; returns their sum so none is dead code. */
    @Benchmark
    public float fma(Flops counter) {
        FloatVector x = FloatVector.broadcast(F, scale);
        FloatVector y = FloatVector.broadcast(F, shift);
        FloatVector a0 = FloatVector.broadcast(F, 0.0f);
        FloatVector a1 = FloatVector.broadcast(F, 0.1f);
        FloatVector a2 = FloatVector.broadcast(F, 0.2f);
        FloatVector a3 = FloatVector.broadcast(F, 0.3f);
        FloatVector a4 = FloatVector.broadcast(F, 0.4f);
        FloatVector a5 = FloatVector.broadcast(F, 0.5f);
        FloatVector a6 = FloatVector.broadcast(F, 0.6f);
        FloatVector a7 = FloatVector.broadcast(F, 0.7f);
        FloatVector a8 = FloatVector.broadcast(F, 0.8f);
        FloatVector a9 = FloatVector.broadcast(F, 0.9f);
        FloatVector a10 = FloatVector.broadcast(F, 1.0f);
        FloatVector a11 = FloatVector.broadcast(F, 1.1f);
        int trips = iterations;
        for (int i = 0; i < trips; i++) {
            a0 = a0.fma(x, y);
            a1 = a1.fma(x, y);
            a2 = a2.fma(x, y);
            a3 = a3.fma(x, y);
            a4 = a4.fma(x, y);
            a5 = a5.fma(x, y);
            a6 = a6.fma(x, y);
            a7 = a7.fma(x, y);
            a8 = a8.fma(x, y);
            a9 = a9.fma(x, y);
            a10 = a10.fma(x, y);
            a11 = a11.fma(x, y);
        }
        counter.flops += 2L * F.length() * CHAINS * trips;
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
