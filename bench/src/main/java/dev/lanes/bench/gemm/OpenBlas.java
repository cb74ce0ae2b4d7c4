package dev.lanes.bench.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Asks the native BLAS that netlib loaded what it is, through OpenBLAS's own query functions (FFM). dlopen of the
 * same name returns the library already loaded, so this sees the very instance the benchmark calls. The restricted
 * FFM calls are enabled by {@code --enable-native-access=ALL-UNNAMED} in every fork.
 */
@SuppressWarnings("restricted")
public final class OpenBlas {

    private OpenBlas() {
    }

    /**
     * What the loaded OpenBLAS says about itself.
     *
     * @param library  the name netlib dlopens
     * @param config   {@code openblas_get_config()}: version and build options
     * @param coreName {@code openblas_get_corename()}: the kernel set in use (e.g. SkylakeX for AVX-512)
     * @param threads  {@code openblas_get_num_threads()}
     */
    public record Info(String library, String config, String coreName, int threads) {

        @Override
        public String toString() {
            return config + ", core " + coreName + ", " + threads + " thread(s), from " + library;
        }
    }

    /** The name netlib's JNI layer dlopens: its system properties, else {@code libblas.so.3}. */
    static String libraryName() {
        String path = System.getProperty("dev.ludovic.netlib.blas.nativeLibPath");
        return path != null ? path : System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3");
    }

    /**
     * Queries the library.
     *
     * @throws IllegalStateException if it cannot be opened or is not OpenBLAS
     */
    public static Info probe() {
        String library = libraryName();
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot open the native BLAS " + library
                    + " (Debian: apt-get install libopenblas0-pthread)", e);
        }
        try {
            String config = string(lookup, library, "openblas_get_config");
            String coreName = string(lookup, library, "openblas_get_corename");
            int threads = (int) Linker.nativeLinker()
                    .downcallHandle(function(lookup, library, "openblas_get_num_threads"),
                            FunctionDescriptor.of(ValueLayout.JAVA_INT))
                    .invokeExact();
            return new Info(library, config, coreName, threads);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("querying OpenBLAS in " + library + " failed", e);
        }
    }

    private static String string(SymbolLookup lookup, String library, String name) throws Throwable {
        MethodHandle handle = Linker.nativeLinker().downcallHandle(function(lookup, library, name),
                FunctionDescriptor.of(ValueLayout.ADDRESS));
        MemorySegment text = (MemorySegment) handle.invokeExact();
        return text.reinterpret(Long.MAX_VALUE).getString(0).trim();
    }

    private static MemorySegment function(SymbolLookup lookup, String library, String name) {
        return lookup.find(name).orElseThrow(() -> new IllegalStateException(
                library + " is not OpenBLAS (it has no " + name + "); the comparison needs OpenBLAS: point"
                        + " libblas.so.3 at it (update-alternatives) or pass -Ddev.ludovic.netlib.blas.nativeLib=..."));
    }
}
