package dev.lanes.kernels.internal;

import java.lang.System.Logger.Level;

/**
 * Decides once, at class initialisation, whether the kernels run on the Vector API or on the scalar
 * references. The façades read {@link #ENABLED} (a constant to the JIT) and only then touch a class of
 * {@code dev.lanes.kernels.simd}, so nothing from {@code jdk.incubator.vector} is loaded when the module is
 * absent.
 */
public final class Simd {

    /** The module that must be in the boot layer for the SIMD path. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** True when the SIMD kernels are used. */
    public static final boolean ENABLED;

    /** The vector width in bits the SIMD kernels use, or 0 on the scalar path. */
    public static final int VECTOR_BITS;

    /** Why the SIMD path is off, or null when it is on. */
    public static final String DISABLED_REASON;

    static {
        String reason = null;
        int bits = 0;
        if (!Boolean.parseBoolean(System.getProperty("lanes.simd", "true"))) {
            reason = "disabled by -Dlanes.simd=false";
        } else if (!vectorModuleReadable()) {
            reason = "the " + VECTOR_MODULE + " module is not in this JVM; start it with --add-modules "
                    + VECTOR_MODULE + " to enable the SIMD kernels";
        } else {
            bits = dev.lanes.kernels.simd.Species.preferredBits();
            if (bits < 128) {
                reason = "this CPU's preferred vectors are " + bits + " bits, below the 128 the kernels need";
                bits = 0;
            }
        }
        ENABLED = reason == null;
        VECTOR_BITS = bits;
        DISABLED_REASON = reason;
        System.Logger log = System.getLogger("dev.lanes.kernels");
        if (ENABLED) {
            log.log(Level.DEBUG, "lanes: SIMD kernels on, {0}-bit vectors", bits);
        } else {
            log.log(Level.WARNING, "lanes: using the scalar kernels: {0}", reason);
        }
    }

    private Simd() {
    }

    private static boolean vectorModuleReadable() {
        Module self = Simd.class.getModule();
        ModuleLayer layer = self.getLayer() != null ? self.getLayer() : ModuleLayer.boot();
        return layer.findModule(VECTOR_MODULE)
                .or(() -> ModuleLayer.boot().findModule(VECTOR_MODULE))
                .map(self::canRead)
                .orElse(false);
    }
}
