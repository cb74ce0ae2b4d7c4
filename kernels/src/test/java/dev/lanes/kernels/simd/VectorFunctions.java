package dev.lanes.kernels.simd;

import static dev.lanes.kernels.simd.Species.F;
import static dev.lanes.kernels.simd.Species.L;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The vector functions under test, applied to float arrays, so that test classes hold no vector type in a
 * signature (JUnit reflects over every test class, also in the run without jdk.incubator.vector).
 */
final class VectorFunctions {

    /** The functions, polynomial and library variants. */
    enum Function {
        EXP_POLYNOMIAL, EXPM1_POLYNOMIAL, TANH_POLYNOMIAL, LOG1P_UNIT_POLYNOMIAL, EXP_LIBRARY, EXPM1_LIBRARY,
        TANH_LIBRARY
    }

    private VectorFunctions() {
    }

    /** f applied to x, whose length is a multiple of the vector length. */
    static float[] apply(Function f, float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            FloatVector r = switch (f) {
                case EXP_POLYNOMIAL -> VectorMath.expPolynomial(v);
                case EXPM1_POLYNOMIAL -> VectorMath.expm1Polynomial(v);
                case TANH_POLYNOMIAL -> VectorMath.tanhPolynomial(v);
                case LOG1P_UNIT_POLYNOMIAL -> VectorMath.log1pUnitPolynomial(v);
                case EXP_LIBRARY -> v.lanewise(VectorOperators.EXP);
                case EXPM1_LIBRARY -> v.lanewise(VectorOperators.EXPM1);
                case TANH_LIBRARY -> v.lanewise(VectorOperators.TANH);
            };
            r.intoArray(y, i);
        }
        return y;
    }

    static int lanes() {
        return L;
    }
}
