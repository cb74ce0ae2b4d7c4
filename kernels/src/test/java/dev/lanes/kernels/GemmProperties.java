package dev.lanes.kernels;

import dev.lanes.kernels.simd.GemmBlocking;
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
 * SGEMM against its scalar reference over random shapes, layouts and scalars. Sizes concentrate around the
 * register-tile and vector edges (tails shorter than a vector, a row short of a tile) and reach past this
 * machine's cache blocks ({@link GemmBlocking}: KC, KB, MC, NC) in the slow cases, one block dimension at a time
 * so that each case stays cheap.
 */
@Tag("simd")
class GemmProperties {

    @Property(tries = 400)
    void matchesReferenceOnSmallAndMediumShapes(@ForAll("size") int m, @ForAll("size") int n,
                                                @ForAll("size") int k, @ForAll boolean transA,
                                                @ForAll boolean transB, @ForAll("scalar") float alpha,
                                                @ForAll("scalar") float beta, @ForAll @IntRange(max = 7) int offset,
                                                @ForAll @IntRange(max = 5) int ldPad, @ForAll Random random) {
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, alpha, beta, offset, ldPad);
        g.assertMatches(g.runLanes(), g.runReference());
    }

    @Property(tries = 6)
    void matchesReferenceAcrossKSlices(@ForAll @IntRange(min = 1, max = 40) int m,
                                       @ForAll @IntRange(min = 1, max = 70) int n,
                                       @ForAll @IntRange(min = 0, max = 40) int kPastBlock,
                                       @ForAll boolean transA, @ForAll boolean transB,
                                       @ForAll("scalar") float beta, @ForAll Random random) {
        // k across KC slices and past the KB block: C is revisited with beta = 1 after its first slice.
        int k = GemmBlocking.KB - 20 + kPastBlock;
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, 1f, beta, 3, 1);
        g.assertMatches(g.runLanes(), g.runReference());
    }

    @Property(tries = 6)
    void matchesReferenceAcrossRowAndColumnBlocks(@ForAll @IntRange(min = 0, max = 40) int pastMc,
                                                  @ForAll @IntRange(min = 0, max = 40) int pastNc,
                                                  @ForAll boolean wide, @ForAll @IntRange(min = 1, max = 40) int k,
                                                  @ForAll boolean transA, @ForAll boolean transB,
                                                  @ForAll("scalar") float beta, @ForAll Random random) {
        // Either m crosses MC (one more A block, an edge panel) or n crosses NC (one more B block), k small.
        int m = wide ? 1 + pastMc : GemmBlocking.MC - 20 + pastMc;
        int n = wide ? GemmBlocking.NC - 20 + pastNc : 1 + pastNc;
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, 1f, beta, 3, 1);
        g.assertMatches(g.runLanes(), g.runReference());
    }

    @Property(tries = 4)
    void matchesReferenceOnTallProblems(@ForAll @IntRange(min = 300, max = 1000) int m,
                                        @ForAll @IntRange(min = 1, max = 200) int n,
                                        @ForAll @IntRange(min = 1, max = 700) int k,
                                        @ForAll boolean transA, @ForAll boolean transB, @ForAll Random random) {
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, -1f, 0f, 0, 2);
        g.assertMatches(g.runLanes(), g.runReference());
    }

    @Property(tries = 60)
    void zeroBetaIgnoresNaNInC(@ForAll("size") int m, @ForAll("size") int n, @ForAll("size") int k,
                               @ForAll boolean transA, @ForAll boolean transB, @ForAll("scalar") float alpha,
                               @ForAll Random random) {
        GemmCase g = GemmCase.random(random, transA, transB, m, n, k, alpha, 0f, 1, 1);
        java.util.Arrays.fill(g.c(), Float.NaN);
        float[] actual = g.runLanes();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float v = actual[g.cOffset() + i * g.ldc() + j];
                if (Float.isNaN(v)) {
                    throw new AssertionError("NaN from C leaked through beta = 0 at (" + i + "," + j + ") in " + g);
                }
            }
        }
        g.assertMatches(actual, g.runReference());
    }

    @Provide
    Arbitrary<Integer> size() {
        // Mostly small and awkward: around 1, tails shorter than a vector, tiles of 12 x 32 and their edges.
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 40)),
                Tuple.of(2, Arbitraries.of(1, 2, 3, 4, 5, 7, 8, 11, 12, 13, 15, 16, 17, 23, 24, 25,
                        31, 32, 33, 47, 48, 63, 64, 65, 95, 96, 97, 127, 128, 129, 143, 144, 145, 255, 256, 257)),
                Tuple.of(1, Arbitraries.integers().between(41, 300)));
    }

    @Provide
    Arbitrary<Float> scalar() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(0f, 1f, -1f)),
                Tuple.of(2, Arbitraries.floats().between(-3f, 3f)));
    }
}
