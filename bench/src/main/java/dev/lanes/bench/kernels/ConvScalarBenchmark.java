package dev.lanes.bench.kernels;

import dev.lanes.kernels.Activation;
import dev.lanes.kernels.Conv2dGeometry;
import dev.lanes.kernels.Convolutions;
import dev.lanes.kernels.Kernels;
import dev.lanes.kernels.scalar.ScalarConvolutions;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * Each convolution pass against its scalar reference ({@link ScalarConvolutions}, plain loops), 1 thread, at
 * batch 8 (the references take about half a second per pass of the 3x3 layer at that batch). Score:
 * microseconds per pass; GFLOP/s = 2 M N K / time ({@link ConvLayers#flops}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ConvScalarBenchmark {

    @Param({"conv1", "conv2", "conv3x3"})
    public String layer;

    @Param({"8"})
    public int batch;

    private Conv2dGeometry g;
    private float[] x;
    private float[] w;
    private float[] bias;
    private float[] y;
    private float[] dz;
    private float[] dx;
    private float[] dw;
    private float[] db;
    private float[] scratch;

    @Setup
    public void setUp() {
        Kernels.setThreads(1);
        g = ConvLayers.geometry(layer);
        Random random = new Random(4);
        x = ConvLayers.random(random, batch * g.inputSize());
        w = ConvLayers.random(random, g.weightSize());
        bias = ConvLayers.random(random, g.outChannels());
        y = new float[batch * g.outputSize()];
        dz = ConvLayers.random(random, batch * g.outputSize());
        dx = new float[batch * g.inputSize()];
        dw = new float[g.weightSize()];
        db = new float[g.outChannels()];
        scratch = new float[Math.max(1, Convolutions.scratchSize(g, batch))];
    }

    @Benchmark
    public float[] forwardSimd() {
        Convolutions.forward(g, batch, x, 0, w, 0, bias, 0, Activation.RELU, y, 0, scratch, 0);
        return y;
    }

    @Benchmark
    public float[] forwardScalar() {
        ScalarConvolutions.forward(g, batch, x, 0, w, 0, bias, 0, Activation.RELU, y, 0, scratch, 0);
        return y;
    }

    @Benchmark
    public float[] backwardInputSimd() {
        Convolutions.backwardInput(g, batch, dz, 0, w, 0, dx, 0, scratch, 0);
        return dx;
    }

    @Benchmark
    public float[] backwardInputScalar() {
        ScalarConvolutions.backwardInput(g, batch, dz, 0, w, 0, dx, 0, scratch, 0);
        return dx;
    }

    @Benchmark
    public float[] backwardWeightsSimd() {
        Convolutions.backwardWeights(g, batch, x, 0, dz, 0, dw, 0, db, 0, scratch, 0);
        return dw;
    }

    @Benchmark
    public float[] backwardWeightsScalar() {
        ScalarConvolutions.backwardWeights(g, batch, x, 0, dz, 0, dw, 0, db, 0, scratch, 0);
        return dw;
    }
}
