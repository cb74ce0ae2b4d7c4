/**
 * JMH benchmarks of the elementwise, softmax, loss, optimizer and fused-GEMM kernels, each against
 * its scalar reference (and, where it matters, a plain {@link java.lang.Math} loop), plus a STREAM-like copy
 * and triad that measure the machine's memory bandwidth.
 *
 * <p>Every benchmark documents the bytes one call moves, so GB/s = bytes per call x calls per second. Sizes:
 * 65536 floats (256 KiB per array, L2-resident) and 16777216 floats (64 MiB per array, DRAM). Run from the
 * repository root:
 * <pre>
 * bench/run-kernels.sh                      # the whole suite, results in bench/results/kernels/
 * java -jar bench/target/benchmarks.jar 'dev.lanes.bench.kernels.ActivationBenchmark.forward' \
 *     -p activation=sigmoid,tanh -p size=65536 -jvmArgsPrepend -Dlanes.exp=library
 * </pre>
 * The second line measures sigmoid with the JDK's SVML exp instead of lanes' polynomial (the default);
 * {@code -jvmArgsPrepend -XX:MaxVectorSize=32} (or 16) gives 256- (128-) bit vectors. Use
 * {@code -jvmArgsPrepend}: {@code -jvmArgsAppend} on the command line replaces the annotations'
 * {@code --add-modules jdk.incubator.vector}.
 */
package dev.lanes.bench.kernels;
