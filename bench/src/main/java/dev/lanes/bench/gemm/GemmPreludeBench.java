package dev.lanes.bench.gemm;

import dev.lanes.kernels.Kernels;
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
 * The hot products of an MLP ({@link HotGemms}: batch-1 dense forward GEMVs, the nine batch-128 training
 * products, called as the layers call them) timed in a fresh JVM ({@code prelude=none}) and in a JVM that first
 * ran {@value #PRELUDE_CALLS} products of random shapes ({@code prelude=random}, {@link RandomGemmMix}), as a
 * long-running service would have. Each JMH fork is a new JVM, so the two figures side by side show any JIT
 * cliff: a kernel method that the prelude's compilation order leaves in C1 (or not compiled at all) shows as a
 * slower {@code random} row, for the rest of that JVM's life.
 *
 * <p>bench/run-gemm-prelude.sh runs it and prints the two columns and their ratio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.VECTOR_MODULE, BenchJvm.NATIVE_ACCESS, BenchJvm.JMH_UNSAFE,
        BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmPreludeBench {

    /** Random products run before timing when {@code prelude=random}. */
    static final int PRELUDE_CALLS = 6000;

    /** A {@link HotGemms.Product} id. */
    @Param({"b1-l1", "b1-l2", "b1-l3", "l1-fwd", "l1-bp4", "l1-bp2", "l2-fwd", "l2-bp4", "l2-bp2",
            "l3-fwd", "l3-bp4", "l3-bp2"})
    public String product;

    /** {@code none}: a fresh JVM; {@code random}: after {@value #PRELUDE_CALLS} random products. */
    @Param({"none", "random"})
    public String prelude;

    /** Threads lanes may use. */
    @Param("1")
    public int threads;

    private HotGemms hot;
    private HotGemms.Product p;

    /** Sets the threads and runs the prelude, if any, before warm-up starts. */
    @Setup(Level.Trial)
    public void prepare() {
        LanesGemm.useThreads(threads);
        p = HotGemms.Product.of(product);
        hot = new HotGemms();
        switch (prelude) {
            case "none" -> {
            }
            case "random" -> new RandomGemmMix(20261130L).run(PRELUDE_CALLS);
            default -> throw new IllegalArgumentException("prelude is none or random, not " + prelude);
        }
        if (!Kernels.simdEnabled()) {
            throw new IllegalStateException("lanes is on its scalar path: " + Kernels.describe());
        }
    }

    /** One product, as the layer calls it. */
    @Benchmark
    public void product() {
        hot.run(p);
    }
}
