package dev.lanes.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kernel family has a scalar reference and a Vector API implementation with the same signatures, chosen by
 * the façade on one static final flag (see docs/architecture.md, "Kernel dispatch"). The compiler does not
 * enforce that pairing (the families are static methods, not an interface); this test does: each public static
 * method of {@code scalar.ScalarX} exists in {@code simd.SimdX} with the same name, parameter types and return
 * type, so a property test can always compare the two on the same call. Two kinds of exceptions, both listed
 * here: the scalar formulas that both implementations call so that they agree exactly (a running mean, a
 * pooling divisor, a dropout decision), and the GEMM, whose Vector API side takes one {@code Epilogue} object
 * (nothing, bias + activation, or the derivative product, fused into the tile write-back) where the reference
 * has three plain entry points.
 */
class KernelPairingTest {

    /** Scalar formulas the Vector API kernels call themselves for per-channel or per-element values. */
    private static final Set<String> SHARED_FORMULAS = Set.of(
            "float invStd[double, float]",
            "float runningMean[float, double, float]",
            "float runningVar[float, double, int, float]",
            "boolean kept[float, long, long, long]",
            "float divisor[dev.lanes.kernels.Conv2dGeometry, int, int, boolean]");

    /** The one Vector API GEMM entry point: the reference's operands plus the fused epilogue. */
    private static final String EPILOGUE_GEMM = "void sgemm[boolean, boolean, int, int, int, float, float[], int, "
            + "int, float[], int, int, float, float[], int, int, dev.lanes.kernels.simd.Epilogue]";

    @ParameterizedTest
    @ValueSource(strings = {"Activations", "BatchNormalization", "Convolutions", "Dropouts", "Gemm", "Losses",
            "Optimizers", "Pooling", "Recurrent", "Softmax", "Vectors"})
    void everyScalarKernelHasAVectorTwinWithTheSameSignature(String family) throws ClassNotFoundException {
        Set<String> scalar = publicStaticSignatures(Class.forName("dev.lanes.kernels.scalar.Scalar" + family));
        Set<String> simd = publicStaticSignatures(Class.forName("dev.lanes.kernels.simd.Simd" + family));
        assertTrue(!scalar.isEmpty(), () -> "Scalar" + family + " has no public kernels");
        Set<String> missing = new TreeSet<>(scalar);
        missing.removeAll(simd);
        missing.removeAll(SHARED_FORMULAS);
        if (family.equals("Gemm")) {
            missing.removeIf(signature -> simd.contains(EPILOGUE_GEMM));
        }
        assertEquals(Set.of(), missing, () -> "Scalar" + family + " kernels without a Simd" + family + " twin");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Activations", "BatchNormalization", "Convolutions", "Dropouts", "Gemm", "Losses",
            "Optimizers", "Pooling", "Recurrent", "Softmax", "Vectors"})
    void everyFamilyHasItsFacade(String family) throws ClassNotFoundException {
        Class<?> facade = Class.forName("dev.lanes.kernels." + family);
        assertTrue(Modifier.isPublic(facade.getModifiers()) && Modifier.isFinal(facade.getModifiers()),
                () -> family + " must be a public final façade");
    }

    private static Set<String> publicStaticSignatures(Class<?> type) {
        Set<String> signatures = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isStatic(mod)) {
                List<String> params = Arrays.stream(m.getParameterTypes()).map(Class::getTypeName).toList();
                signatures.add(m.getReturnType().getTypeName() + " " + m.getName() + params);
            }
        }
        return signatures;
    }
}
