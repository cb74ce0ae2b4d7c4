/**
 * JMH benchmarks of the elementwise, softmax, loss, optimizer and fused-GEMM kernels of issue 3, each against
 * its scalar reference (and, where it matters, a plain {@link java.lang.Math} loop), plus a STREAM-like copy
 * and triad that measure the machine's memory bandwidth.
 *
 * <p>Every benchmark documents the bytes one call moves, so GB/s = bytes per call x calls per second. Sizes:
 * 65536 floats (256 KiB per array, L2-resident) and 16777216 floats (64 MiB per array, DRAM). Run from the
 * repository root. JDK 23 and later no longer run annotation processors found on the class path, so until
 * bench/pom.xml enables JMH's processor ({@code <proc>full</proc>}) the benchmarks are compiled by hand:
 * <pre>
 * export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
 * ./mvnw -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=provided
 * mkdir -p bench/target/jmh-classes
 * $JAVA_HOME/bin/javac -proc:full --add-modules jdk.incubator.vector -cp "$(cat bench/target/cp.txt)" \
 *     -d bench/target/jmh-classes $(find bench/src/main/java -name '*.java')
 * $JAVA_HOME/bin/java --add-modules jdk.incubator.vector -cp "bench/target/jmh-classes:$(cat bench/target/cp.txt)" \
 *     org.openjdk.jmh.Main 'dev.lanes.bench.kernels' -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 * Add {@code -jvmArgsAppend -Dlanes.exp=polynomial} to measure the polynomial exp where SVML would be chosen,
 * and {@code -jvmArgsAppend -XX:MaxVectorSize=32} (or 16) for 256- (128-) bit vectors.
 */
package dev.lanes.bench.kernels;
