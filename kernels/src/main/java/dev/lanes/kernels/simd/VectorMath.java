package dev.lanes.kernels.simd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * exp, expm1, log1p and tanh over {@link FloatVector}: our own FMA polynomials by default, or the JDK's vector
 * math library ({@code lanewise(VectorOperators.EXP)}) on request.
 *
 * <p>The choice is made once, at class initialisation. By default all four use the polynomials, on every CPU,
 * because they give the same bits whether the code runs interpreted, in C1 or in C2: their only operations
 * are IEEE adds, multiplies, FMAs and bit manipulation, which the Vector API's Java fallback and its intrinsics
 * compute identically. The library does not: SVML's exp (x86-64) and the Java fallback that runs before C2
 * compiles a loop (which calls {@link Math#exp} per lane) differ in the last bit for some inputs, so a training
 * run that starts interpreted would not be bit-reproducible. SVML's exp is faster (sigmoid over 64 Ki floats
 * measured 21 µs against 39 µs for the polynomial here, docs/benchmarks.md); {@code -Dlanes.exp=library} selects
 * it for exp where it is present (x86-64 with {@code libjsvml}), trading reproducibility for that speed.
 * Elsewhere (AArch64 without SLEEF, or {@code -Djdk.incubator.vector.VectorMathLibrary=java}) the library's
 * pure-Java fallback is slower than scalar code and is never used. expm1, log1p and tanh always use the
 * polynomials: measured on AVX-512 they are as fast as SVML (expm1) or faster (tanh 1.3-4x, log1p 20x+), unless
 * {@code -Dlanes.exp=library-all} forces them too (for measurements and accuracy sweeps). The polynomials'
 * accuracy, measured over all floats, is in docs/numerics.md.
 *
 * <p>Every method here is small and static so that C2 inlines it into the caller's loop: a vector passed to a
 * call that is not inlined would be boxed. exp, expm1 and tanh repeat their range reduction and polynomial on
 * purpose: sharing them through helper methods (tried on 2026-11-23) added inlining levels that pushed softmax's
 * compilation over C2's node-count cutoff, and the helpers' vectors were boxed (192-384 B per batch-1 prediction).
 */
public final class VectorMath {

    /** Whether exp uses the JDK's vector math library; false: {@link #expPolynomial}. */
    public static final boolean LIBRARY_EXP;

    /** Whether expm1, log1p and tanh use the library too (only when forced with -Dlanes.exp=library). */
    public static final boolean LIBRARY_ALL;

    /** Which exp is used and why, for logs and benchmark reports. */
    public static final String CHOICE;

    static {
        String forced = System.getProperty("lanes.exp", "").trim().toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        String mathLibrary = System.getProperty("jdk.incubator.vector.VectorMathLibrary", "svml");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        boolean svml = x86 && mathLibrary.equals("svml") && svmlPresent();
        if (forced.equals("library-all")) {
            LIBRARY_EXP = true;
            LIBRARY_ALL = true;
            CHOICE = "library exp, expm1, log1p, tanh (forced by -Dlanes.exp=library-all)";
        } else if (forced.equals("library") && svml) {
            LIBRARY_EXP = true;
            LIBRARY_ALL = false;
            CHOICE = "library exp (SVML, -Dlanes.exp=library; not bit-reproducible), polynomial expm1/log1p/tanh";
        } else {
            LIBRARY_EXP = false;
            LIBRARY_ALL = false;
            CHOICE = forced.equals("library")
                    ? "polynomial (-Dlanes.exp=library ignored: no SVML here, os.arch=" + arch + ", vector math library "
                            + mathLibrary + ")"
                    : "polynomial exp, expm1, log1p, tanh (bit-reproducible)";
        }
    }

    /** Below this, e^x rounds to 0 in float (e^-104 < 2^-150); clamping keeps 2^n constructible. */
    private static final float EXP_MIN = -104f;
    /** Above this, e^x overflows to +Inf (e^89 > Float.MAX_VALUE). */
    private static final float EXP_MAX = 89f;
    /** 1.5 * 2^23: adding it rounds to an integer, which then sits in the low mantissa bits. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = 0x4B40_0000;
    private static final float LOG2E = 0x1.715476p0f;
    /** ln 2 = LN2_HI + LN2_LO (Cody-Waite), so r = x - n ln 2 loses nothing to the size of n. */
    private static final float LN2_HI = 0x1.62e43p-1f;
    private static final float LN2_LO = -0x1.05c61p-29f;
    /**
     * expm1(r) = r + r² P(r) on [-0.354, 0.354], P of degree 5, minimax for the relative error of expm1 (fitted
     * by kernels/tools/fit_polynomials.py); error of the rounded coefficients below 0.05 u.
     */
    private static final float E0 = 0x1p-1f;
    private static final float E1 = 0x1.555554p-3f;
    private static final float E2 = 0x1.5554a4p-5f;
    private static final float E3 = 0x1.111194p-7f;
    private static final float E4 = 0x1.6d7fdep-10f;
    private static final float E5 = 0x1.a0339ep-13f;
    /**
     * log1p(e) = e Q(e - 1/2) on [0, 1], Q of degree 9, minimax for the relative error; error of the rounded
     * coefficients 0.65 u.
     */
    private static final float L0 = 0x1.9f323ep-1f;
    private static final float L1 = -0x1.2773a6p-2f;
    private static final float L2 = 0x1.0f955p-3f;
    private static final float L3 = -0x1.153fb2p-4f;
    private static final float L4 = 0x1.2c1e28p-5f;
    private static final float L5 = -0x1.510612p-6f;
    private static final float L6 = 0x1.7b53ccp-7f;
    private static final float L7 = -0x1.ba5cd2p-8f;
    private static final float L8 = 0x1.58489p-8f;
    private static final float L9 = -0x1.a9330ap-9f;
    /** tanh(x) rounds to ±1 in float for |x| above this (1 - tanh 9.1 < 2^-25). */
    private static final float TANH_SATURATION = 9.1f;

    /*
     * The constants that enter FMAs as vectors. Static final vectors are constants to C2; using them instead of
     * a broadcast per use keeps the inlined IR small enough that exp and log1p fit into one caller's
     * compilation (C2 stops inlining at a node-count cutoff, and a vector call it does not inline is boxed).
     */
    private static final FloatVector V_MINUS_LN2_HI = FloatVector.broadcast(Species.F, -LN2_HI);
    private static final FloatVector V_MINUS_LN2_LO = FloatVector.broadcast(Species.F, -LN2_LO);
    private static final FloatVector V_E0 = FloatVector.broadcast(Species.F, E0);
    private static final FloatVector V_E1 = FloatVector.broadcast(Species.F, E1);
    private static final FloatVector V_E2 = FloatVector.broadcast(Species.F, E2);
    private static final FloatVector V_E3 = FloatVector.broadcast(Species.F, E3);
    private static final FloatVector V_L0 = FloatVector.broadcast(Species.F, L0);
    private static final FloatVector V_L1 = FloatVector.broadcast(Species.F, L1);
    private static final FloatVector V_L2 = FloatVector.broadcast(Species.F, L2);
    private static final FloatVector V_L3 = FloatVector.broadcast(Species.F, L3);
    private static final FloatVector V_L4 = FloatVector.broadcast(Species.F, L4);
    private static final FloatVector V_L5 = FloatVector.broadcast(Species.F, L5);
    private static final FloatVector V_L6 = FloatVector.broadcast(Species.F, L6);
    private static final FloatVector V_L7 = FloatVector.broadcast(Species.F, L7);

    private VectorMath() {
    }

    /** Whether this JDK ships the SVML library the Vector API loads on x86-64 (Linux, Windows or macOS name). */
    private static boolean svmlPresent() {
        Path home = Path.of(System.getProperty("java.home", ""));
        return Files.exists(home.resolve("lib/libjsvml.so")) || Files.exists(home.resolve("bin/jsvml.dll"))
                || Files.exists(home.resolve("lib/libjsvml.dylib"));
    }

    /** e^x per lane; NaN, ±Inf, overflow (+Inf) and underflow (subnormal, then 0) as {@link Math#exp}. */
    public static FloatVector exp(FloatVector x) {
        return LIBRARY_EXP ? x.lanewise(VectorOperators.EXP) : expPolynomial(x);
    }

    /** e^x - 1 per lane, accurate relative to the result also for x near 0. */
    public static FloatVector expm1(FloatVector x) {
        return LIBRARY_ALL ? x.lanewise(VectorOperators.EXPM1) : expm1Polynomial(x);
    }

    /** log(1 + e) per lane, for e in [0, 1] (NaN stays NaN). */
    public static FloatVector log1pUnit(FloatVector e) {
        return LIBRARY_ALL ? e.lanewise(VectorOperators.LOG1P) : log1pUnitPolynomial(e);
    }

    /** tanh x per lane; odd, so tanh(-0) = -0. */
    public static FloatVector tanh(FloatVector x) {
        return LIBRARY_ALL ? x.lanewise(VectorOperators.TANH) : tanhPolynomial(x);
    }

    /**
     * e^x as 2^n (1 + expm1(r)), n = round(x / ln 2), |r| &lt;= ln 2 / 2. 2^n is built from exponent bits in two
     * halves, 2^(n/2) 2^(n - n/2), so that results down to the subnormals are rounded once, correctly, by the
     * last multiplication.
     */
    public static FloatVector expPolynomial(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = xc.fma(LOG2E, SHIFTER);
        FloatVector n = t.sub(SHIFTER);
        FloatVector r = n.fma(V_MINUS_LN2_HI, xc);
        r = n.fma(V_MINUS_LN2_LO, r);
        FloatVector r2 = r.mul(r);
        FloatVector p = r.fma(E5, E4).fma(r, V_E3).fma(r, V_E2).fma(r, V_E1).fma(r, V_E0);
        FloatVector q = r2.fma(p, r);
        IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return q.add(1f).mul(s1).mul(s2);
    }

    /**
     * e^x - 1 as 2^n expm1(r) + (2^n - 1), one FMA, which keeps expm1(r)'s relative accuracy near 0; for x &gt; 88
     * (2^n = 2^128 would overflow) as e^x.
     */
    public static FloatVector expm1Polynomial(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = xc.fma(LOG2E, SHIFTER);
        FloatVector n = t.sub(SHIFTER);
        FloatVector r = n.fma(V_MINUS_LN2_HI, xc);
        r = n.fma(V_MINUS_LN2_LO, r);
        FloatVector r2 = r.mul(r);
        FloatVector p = r.fma(E5, E4).fma(r, V_E3).fma(r, V_E2).fma(r, V_E1).fma(r, V_E0);
        FloatVector q = r2.fma(p, r);
        IntVector ni = t.reinterpretAsInts().sub(SHIFTER_BITS);
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1);
        FloatVector s1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = ni.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s = s1.mul(s2);
        FloatVector small = s.fma(q, s.sub(1f));
        FloatVector large = q.add(1f).mul(s1).mul(s2);
        // The FMA turns expm1(-0) = -0 into +0; the blend keeps the sign of zero, as Math.expm1 does.
        return small.blend(large, xc.compare(VectorOperators.GT, 88f)).blend(x, x.compare(VectorOperators.EQ, 0f));
    }

    /** log(1 + e) = e Q(e - 1/2) for e in [0, 1]: relative accuracy down to the subnormals, no division. */
    public static FloatVector log1pUnitPolynomial(FloatVector e) {
        FloatVector v = e.sub(0.5f);
        FloatVector q = v.fma(L9, L8).fma(v, V_L7).fma(v, V_L6).fma(v, V_L5).fma(v, V_L4).fma(v, V_L3)
                .fma(v, V_L2).fma(v, V_L1).fma(v, V_L0);
        return e.mul(q);
    }

    /**
     * tanh |x| = m / (m + 2) with m = expm1(2|x|), saturated at |x| = 9.1 (where it rounds to 1), with x's
     * sign put back. Since 2|x| &lt;= 18.2, 2^n is a normal number built in one step.
     */
    public static FloatVector tanhPolynomial(FloatVector x) {
        FloatVector u = x.abs().min(TANH_SATURATION).mul(2f);
        FloatVector t = u.fma(LOG2E, SHIFTER);
        FloatVector n = t.sub(SHIFTER);
        FloatVector r = n.fma(V_MINUS_LN2_HI, u);
        r = n.fma(V_MINUS_LN2_LO, r);
        FloatVector r2 = r.mul(r);
        FloatVector p = r.fma(E5, E4).fma(r, V_E3).fma(r, V_E2).fma(r, V_E1).fma(r, V_E0);
        FloatVector q = r2.fma(p, r);
        FloatVector s = t.reinterpretAsInts().sub(SHIFTER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        FloatVector m = s.fma(q, s.sub(1f));
        FloatVector y = m.div(m.add(2f));
        return y.reinterpretAsInts().or(x.reinterpretAsInts().and(0x8000_0000)).reinterpretAsFloats();
    }

    /**
     * σ(x) = 1 / (1 + e^-x) for x &gt;= 0 and e^x / (1 + e^x) below, both from e = e^-|x|, so neither side loses
     * relative accuracy (the negative side reaches the subnormals).
     */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        VectorMask<Float> nonNegative = x.compare(VectorOperators.GE, 0f);
        return e.blend(1f, nonNegative).div(e.add(1f));
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|). */
    public static FloatVector softplus(FloatVector x) {
        return x.blend(0f, x.compare(VectorOperators.LE, 0f)).add(log1pUnit(exp(x.abs().neg())));
    }
}
