package dev.lanes.bench.nn;

/** JVM options every fork of the network benchmarks gets (JMH {@code @Fork(jvmArgsAppend = ...)}). */
final class ForkOptions {

    /** The Vector API, for the lanes kernels. */
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    /** JMH 1.37 still uses sun.misc.Unsafe: allowed quietly, so a fork's log shows only what matters. */
    static final String JMH_UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    /** Fashion-MNIST as 468 batch buffers is 188 MB; a fixed heap keeps resizing out of the timing. */
    static final String HEAP_MIN = "-Xms2g";
    static final String HEAP_MAX = "-Xmx2g";

    private ForkOptions() {
    }
}
