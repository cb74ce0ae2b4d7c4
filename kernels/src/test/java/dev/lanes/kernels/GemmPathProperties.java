package dev.lanes.kernels;

import dev.lanes.kernels.simd.GemmPaths;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Each tiled SGEMM path against the scalar reference on its own, whatever size rule picks between them: the
 * unpacked (sup) path reads A and B in place (strided A rows, a transposed A read down its columns, short-row
 * tiles at the bottom edge, masked columns at the right), the packed path pads its panels; both run in two parts
 * as two threads would. Random shapes around the tile edges (12 x 32 with AVX-512, 6 x 16 or 6 x 8 narrower),
 * offsets, padded leading dimensions and transposes.
 */
@Tag("simd")
class GemmPathProperties {

    @Property(tries = 150)
    void unpackedPathMatchesReference(@ForAll("size") int m, @ForAll("size") int n, @ForAll("depth") int k,
                                      @ForAll boolean transA, @ForAll boolean transB,
                                      @ForAll("scalar") float alpha, @ForAll("scalar") float beta,
                                      @ForAll @IntRange(max = 7) int offset, @ForAll @IntRange(max = 5) int ldPad,
                                      @ForAll boolean splitColumns, @ForAll Random random) {
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, alpha, beta, offset, ldPad);
        g.assertMatches(g.run((tA, tB, mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
                GemmPaths.unpacked(tA, tB, mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc, splitColumns)),
                g.runReference());
    }

    @Property(tries = 100)
    void packedPathMatchesReference(@ForAll("size") int m, @ForAll("size") int n, @ForAll("depth") int k,
                                    @ForAll boolean transA, @ForAll boolean transB,
                                    @ForAll("scalar") float alpha, @ForAll("scalar") float beta,
                                    @ForAll @IntRange(max = 7) int offset, @ForAll @IntRange(max = 5) int ldPad,
                                    @ForAll boolean splitColumns, @ForAll Random random) {
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, alpha, beta, offset, ldPad);
        g.assertMatches(g.run((tA, tB, mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc) ->
                GemmPaths.packed(tA, tB, mm, nn, kk, al, a, ao, lda, b, bo, ldb, be, c, co, ldc, splitColumns)),
                g.runReference());
    }

    @Provide
    Arbitrary<Integer> size() {
        // Around 1, the vector and tile edges (4-row short tiles, 12-row tiles, 32-column panels) and past them.
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 40)),
                Tuple.of(2, Arbitraries.of(1, 3, 4, 5, 7, 8, 11, 12, 13, 16, 17, 23, 24, 25, 28, 31, 32, 33, 63, 64,
                        65, 96, 97)),
                Tuple.of(1, Arbitraries.integers().between(41, 130)));
    }

    @Provide
    Arbitrary<Integer> depth() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 40)),
                Tuple.of(1, Arbitraries.integers().between(41, 300)));
    }

    @Provide
    Arbitrary<Float> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0f, 1f, -1f)),
                Tuple.of(2, Arbitraries.floats().between(-3f, 3f)));
    }
}
