package dev.lanes.bench.gemm;

/** JVM options every benchmark fork of the suite gets (JMH {@code @Fork(jvmArgsAppend = ...)}). */
final class BenchJvm {

    /** The Vector API, for lanes and netlib's VectorBLAS. */
    static final String VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    /** FFM queries of OpenBLAS (OpenBlas.probe) without a restricted-method warning. */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** JMH 1.37 still uses sun.misc.Unsafe: allowed quietly, so a fork's log shows only what matters. */
    static final String JMH_UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    /** A 2048² product holds 3 x 16 MiB plus the peers' buffers; a fixed heap keeps resizing out of the timing. */
    static final String HEAP_MIN = "-Xms2g";
    static final String HEAP_MAX = "-Xmx2g";

    private BenchJvm() {
    }
}
