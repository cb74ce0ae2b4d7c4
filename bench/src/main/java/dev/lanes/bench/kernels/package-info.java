/**
 * JMH benchmarks of the elementwise, softmax, loss, optimizer and fused-GEMM kernels of issue 3, each against
 * its scalar reference (and, where it matters, a plain {@link java.lang.Math} loop), plus a STREAM-like copy
 * and triad that measure the machine's memory bandwidth.
 *
 * <p>Every benchmark documents the bytes one call moves, so GB/s = bytes per call x calls per second. Sizes:
 * 65536 floats (256 KiB per array, L2-resident) and 16777216 floats (64 MiB per array, DRAM). Run, from the
 * repository root (see docs/numerics.md for the full command):
 * <pre>
 * ./mvnw -q -pl bench -am package -DskipTests
 * java --add-modules jdk.incubator.vector -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
 *      org.openjdk.jmh.Main 'dev.lanes.bench.kernels.*' -f 1 -wi 3 -i 5
 * </pre>
 */
package dev.lanes.bench.kernels;
