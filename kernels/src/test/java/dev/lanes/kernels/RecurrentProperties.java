package dev.lanes.kernels;

import static dev.lanes.kernels.KernelBounds.E_SIGMOID;
import static dev.lanes.kernels.KernelBounds.E_TANH;
import static dev.lanes.kernels.KernelBounds.assertClose;
import static dev.lanes.kernels.KernelBounds.assertSame;
import static dev.lanes.kernels.KernelBounds.ulp;

import dev.lanes.kernels.scalar.ScalarRecurrent;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;

/**
 * The recurrent-cell kernels against their scalar references, over random batch and hidden sizes (odd, at and
 * around vector widths), offsets and leading dimensions larger than a row, in place where the API allows it,
 * with special values among the pre-activations. Every array's elements outside its window are NaN, so a
 * kernel that reads them gives NaN, and must stay as they were.
 *
 * <p>Tolerances (docs/numerics.md): sigmoid and tanh differ from the reference's by at most {@code E + 0.5}
 * ulp (E the swept bound of the vector function, 0.5 the reference's rounding); from there {@link Propagated}
 * carries the difference through the kernel's float operations in its order, adding each side's rounding
 * where the two inputs of an operation may differ. Where both sides run the same float operations on the same
 * inputs (RNN and GRU backward, the copied h_n, ReLU) the results must be bit-identical.
 */
@Tag("simd")
class RecurrentProperties {

    private static final double SIGMOID_ULPS = E_SIGMOID + 0.5;
    private static final double TANH_ULPS = E_TANH + 0.5;

    @Property(tries = 200)
    void rnnForwardMatchesReference(@ForAll("rnnActivations") Activation f, @ForAll("batches") int batch,
                                    @ForAll("hiddens") int hidden, @ForAll boolean inPlace, @ForAll Random random) {
        StridedMatrix pre = StridedMatrix.of(random, batch, hidden, Inputs.values(random, batch * hidden));
        StridedMatrix expected = StridedMatrix.output(random, batch, hidden);
        ScalarRecurrent.rnnForward(f, batch, hidden, pre.data(), pre.offset(), pre.ld(),
                expected.data(), expected.offset(), expected.ld());
        StridedMatrix h = inPlace ? pre.copy() : StridedMatrix.output(random, batch, hidden);
        StridedMatrix in = inPlace ? h : pre;
        float[] before = h.data().clone();
        Recurrent.rnnForward(f, batch, hidden, in.data(), in.offset(), in.ld(), h.data(), h.offset(), h.ld());
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                float e = expected.get(b, j);
                String what = "h(" + b + "," + j + ") = " + f + "(" + pre.get(b, j) + ")";
                if (f.kind() == Activation.Kind.RELU) {
                    assertSame(what, h.get(b, j), e);
                } else {
                    assertClose(what, h.get(b, j), e, TANH_ULPS * ulp(e));
                }
            }
        }
        h.assertOnlyWindowChanged("h", before);
    }

    @Property(tries = 200)
    void rnnBackwardMatchesReference(@ForAll("rnnActivations") Activation f, @ForAll("batches") int batch,
                                     @ForAll("hiddens") int hidden, @ForAll boolean inPlace, @ForAll Random random) {
        float[] outputs = Inputs.values(random, batch * hidden);
        ScalarRecurrent.rnnForward(f, batch, hidden, outputs, 0, Math.max(1, hidden), outputs, 0, Math.max(1, hidden));
        StridedMatrix h = StridedMatrix.of(random, batch, hidden, outputs);
        StridedMatrix dh = StridedMatrix.of(random, batch, hidden, Inputs.values(random, batch * hidden));
        StridedMatrix expected = StridedMatrix.output(random, batch, hidden);
        ScalarRecurrent.rnnBackward(f, batch, hidden, h.data(), h.offset(), h.ld(), dh.data(), dh.offset(), dh.ld(),
                expected.data(), expected.offset(), expected.ld());
        StridedMatrix dPre = inPlace ? dh.copy() : StridedMatrix.output(random, batch, hidden);
        StridedMatrix in = inPlace ? dPre : dh;
        float[] before = dPre.data().clone();
        Recurrent.rnnBackward(f, batch, hidden, h.data(), h.offset(), h.ld(), in.data(), in.offset(), in.ld(),
                dPre.data(), dPre.offset(), dPre.ld());
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                assertSame("dPre(" + b + "," + j + ")", dPre.get(b, j), expected.get(b, j));
            }
        }
        dPre.assertOnlyWindowChanged("dPre", before);
    }

    @Property(tries = 200)
    void lstmForwardMatchesReference(@ForAll("batches") int batch, @ForAll("hiddens") int hidden,
                                     @ForAll boolean gatesInPlace, @ForAll boolean cellInPlace,
                                     @ForAll Random random) {
        StridedMatrix pre = StridedMatrix.of(random, batch, 4 * hidden, Inputs.values(random, batch * 4 * hidden));
        StridedMatrix cPrev = StridedMatrix.of(random, batch, hidden, states(random, batch * hidden));
        StridedMatrix gatesRef = StridedMatrix.output(random, batch, 4 * hidden);
        StridedMatrix cRef = StridedMatrix.output(random, batch, hidden);
        StridedMatrix hRef = StridedMatrix.output(random, batch, hidden);
        ScalarRecurrent.lstmForward(batch, hidden, pre.data(), pre.offset(), pre.ld(), cPrev.data(), cPrev.offset(),
                cPrev.ld(), gatesRef.data(), gatesRef.offset(), gatesRef.ld(), cRef.data(), cRef.offset(), cRef.ld(),
                hRef.data(), hRef.offset(), hRef.ld());

        StridedMatrix gates = gatesInPlace ? pre.copy() : StridedMatrix.output(random, batch, 4 * hidden);
        StridedMatrix c = cellInPlace ? cPrev.copy() : StridedMatrix.output(random, batch, hidden);
        StridedMatrix h = StridedMatrix.output(random, batch, hidden);
        StridedMatrix preIn = gatesInPlace ? gates : pre;
        StridedMatrix cPrevIn = cellInPlace ? c : cPrev;
        float[] gatesBefore = gates.data().clone();
        float[] cBefore = c.data().clone();
        float[] hBefore = h.data().clone();
        Recurrent.lstmForward(batch, hidden, preIn.data(), preIn.offset(), preIn.ld(), cPrevIn.data(),
                cPrevIn.offset(), cPrevIn.ld(), gates.data(), gates.offset(), gates.ld(), c.data(), c.offset(), c.ld(),
                h.data(), h.offset(), h.ld());

        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                String at = "(" + b + "," + j + ") of " + batch + "x" + hidden;
                Propagated i = gate(gatesRef.get(b, j), SIGMOID_ULPS);
                Propagated fg = gate(gatesRef.get(b, hidden + j), SIGMOID_ULPS);
                Propagated g = gate(gatesRef.get(b, 2 * hidden + j), TANH_ULPS);
                Propagated o = gate(gatesRef.get(b, 3 * hidden + j), SIGMOID_ULPS);
                Propagated cell = fg.fma(Propagated.between(cPrev.get(b, j), 0), i.times(g));
                Propagated tanhCell = cell.apply(Math.tanh(cell.value()), 1, TANH_ULPS);
                Propagated out = o.times(tanhCell);
                for (int k = 0; k < 4; k++) {
                    Propagated gk = k == 0 ? i : k == 1 ? fg : k == 2 ? g : o;
                    assertClose("gate " + "ifgo".charAt(k) + at + " from " + pre.get(b, k * hidden + j),
                            gates.get(b, k * hidden + j), gatesRef.get(b, k * hidden + j), gk.error());
                }
                assertClose("c" + at, c.get(b, j), cRef.get(b, j), cell.error());
                assertClose("h" + at, h.get(b, j), hRef.get(b, j), out.error());
            }
        }
        gates.assertOnlyWindowChanged("gates", gatesBefore);
        c.assertOnlyWindowChanged("c", cBefore);
        h.assertOnlyWindowChanged("h", hBefore);
    }

    @Property(tries = 200)
    void lstmBackwardMatchesReference(@ForAll("batches") int batch, @ForAll("hiddens") int hidden,
                                      @ForAll boolean gatesInPlace, @ForAll boolean cellInPlace,
                                      @ForAll Random random) {
        int four = 4 * hidden;
        int ld4 = Math.max(1, four);
        int ld1 = Math.max(1, hidden);
        float[] gateValues = Inputs.uniform(random, batch * four, -8, 8);
        float[] cPrevValues = states(random, batch * hidden);
        float[] cValues = new float[batch * hidden];
        float[] unused = new float[batch * hidden];
        ScalarRecurrent.lstmForward(batch, hidden, gateValues, 0, ld4, cPrevValues, 0, ld1, gateValues, 0, ld4,
                cValues, 0, ld1, unused, 0, ld1);
        StridedMatrix gates = StridedMatrix.of(random, batch, four, gateValues);
        StridedMatrix cPrev = StridedMatrix.of(random, batch, hidden, cPrevValues);
        StridedMatrix c = StridedMatrix.of(random, batch, hidden, cValues);
        StridedMatrix dh = StridedMatrix.of(random, batch, hidden, states(random, batch * hidden));
        StridedMatrix dc = StridedMatrix.of(random, batch, hidden, states(random, batch * hidden));
        StridedMatrix dPreRef = StridedMatrix.output(random, batch, four);
        StridedMatrix dcPrevRef = StridedMatrix.output(random, batch, hidden);
        ScalarRecurrent.lstmBackward(batch, hidden, gates.data(), gates.offset(), gates.ld(), cPrev.data(),
                cPrev.offset(), cPrev.ld(), c.data(), c.offset(), c.ld(), dh.data(), dh.offset(), dh.ld(), dc.data(),
                dc.offset(), dc.ld(), dPreRef.data(), dPreRef.offset(), dPreRef.ld(), dcPrevRef.data(),
                dcPrevRef.offset(), dcPrevRef.ld());

        StridedMatrix dPre = gatesInPlace ? gates.copy() : StridedMatrix.output(random, batch, four);
        StridedMatrix dcPrev = cellInPlace ? dc.copy() : StridedMatrix.output(random, batch, hidden);
        StridedMatrix gatesIn = gatesInPlace ? dPre : gates;
        StridedMatrix dcIn = cellInPlace ? dcPrev : dc;
        float[] dPreBefore = dPre.data().clone();
        float[] dcPrevBefore = dcPrev.data().clone();
        Recurrent.lstmBackward(batch, hidden, gatesIn.data(), gatesIn.offset(), gatesIn.ld(), cPrev.data(),
                cPrev.offset(), cPrev.ld(), c.data(), c.offset(), c.ld(), dh.data(), dh.offset(), dh.ld(),
                dcIn.data(), dcIn.offset(), dcIn.ld(), dPre.data(), dPre.offset(), dPre.ld(), dcPrev.data(),
                dcPrev.offset(), dcPrev.ld());

        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                String at = "(" + b + "," + j + ") of " + batch + "x" + hidden;
                Propagated i = same(gates.get(b, j));
                Propagated fg = same(gates.get(b, hidden + j));
                Propagated g = same(gates.get(b, 2 * hidden + j));
                Propagated o = same(gates.get(b, 3 * hidden + j));
                Propagated d = same(dh.get(b, j));
                double cell = c.get(b, j);
                // The one difference between the two: tanh(c), recomputed by each.
                Propagated tanhCell = same((float) cell).apply(Math.tanh(cell), 1, TANH_ULPS);
                Propagated dCell = d.times(o).fma(tanhCell.times(tanhCell).oneMinus(), same(dc.get(b, j)));
                Propagated[] expected = {
                        dCell.times(g).times(i.times(i.oneMinus())),
                        dCell.times(same(cPrev.get(b, j))).times(fg.times(fg.oneMinus())),
                        dCell.times(i).times(g.times(g).oneMinus()),
                        d.times(tanhCell).times(o.times(o.oneMinus()))};
                for (int k = 0; k < 4; k++) {
                    assertClose("dPre " + "ifgo".charAt(k) + at, dPre.get(b, k * hidden + j),
                            dPreRef.get(b, k * hidden + j), expected[k].error());
                }
                assertClose("dcPrev" + at, dcPrev.get(b, j), dcPrevRef.get(b, j), dCell.times(fg).error());
            }
        }
        dPre.assertOnlyWindowChanged("dPre", dPreBefore);
        dcPrev.assertOnlyWindowChanged("dcPrev", dcPrevBefore);
    }

    @Property(tries = 200)
    void gruForwardMatchesReference(@ForAll("batches") int batch, @ForAll("hiddens") int hidden,
                                    @ForAll boolean inPlace, @ForAll Random random) {
        int three = 3 * hidden;
        float[] inputValues = Inputs.values(random, batch * three);
        float[] hiddenValues = Inputs.values(random, batch * three);
        float[] hn = states(random, batch * hidden);
        for (int b = 0; b < batch; b++) {
            // h_n multiplies r: kept finite, so that r = 0 in one and a subnormal in the other cannot decide
            // between 0 · ∞ = NaN and ∞.
            System.arraycopy(hn, b * hidden, hiddenValues, b * three + 2 * hidden, hidden);
        }
        StridedMatrix inputPre = StridedMatrix.of(random, batch, three, inputValues);
        StridedMatrix hiddenPre = StridedMatrix.of(random, batch, three, hiddenValues);
        StridedMatrix hPrev = StridedMatrix.of(random, batch, hidden, states(random, batch * hidden));
        StridedMatrix gatesRef = StridedMatrix.output(random, batch, 4 * hidden);
        StridedMatrix hRef = StridedMatrix.output(random, batch, hidden);
        ScalarRecurrent.gruForward(batch, hidden, inputPre.data(), inputPre.offset(), inputPre.ld(), hiddenPre.data(),
                hiddenPre.offset(), hiddenPre.ld(), hPrev.data(), hPrev.offset(), hPrev.ld(), gatesRef.data(),
                gatesRef.offset(), gatesRef.ld(), hRef.data(), hRef.offset(), hRef.ld());

        StridedMatrix gates = StridedMatrix.output(random, batch, 4 * hidden);
        StridedMatrix h = inPlace ? hPrev.copy() : StridedMatrix.output(random, batch, hidden);
        StridedMatrix hPrevIn = inPlace ? h : hPrev;
        float[] gatesBefore = gates.data().clone();
        float[] hBefore = h.data().clone();
        Recurrent.gruForward(batch, hidden, inputPre.data(), inputPre.offset(), inputPre.ld(), hiddenPre.data(),
                hiddenPre.offset(), hiddenPre.ld(), hPrevIn.data(), hPrevIn.offset(), hPrevIn.ld(), gates.data(),
                gates.offset(), gates.ld(), h.data(), h.offset(), h.ld());

        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < hidden; j++) {
                String at = "(" + b + "," + j + ") of " + batch + "x" + hidden;
                Propagated r = gate(gatesRef.get(b, j), SIGMOID_ULPS);
                Propagated z = gate(gatesRef.get(b, hidden + j), SIGMOID_ULPS);
                Propagated argument = r.fma(same(hiddenPre.get(b, 2 * hidden + j)), same(inputPre.get(b, 2 * hidden + j)));
                if (Double.isInfinite(argument.value())) {
                    // x_n is ±∞ (r h_n is bounded): the same infinite argument in both kernels.
                    argument = same((float) argument.value());
                }
                Propagated n = argument.apply(Math.tanh(argument.value()), 1, TANH_ULPS);
                Propagated out = z.fma(same(hPrev.get(b, j)).minus(n), n);
                assertClose("r" + at, gates.get(b, j), gatesRef.get(b, j), r.error());
                assertClose("z" + at, gates.get(b, hidden + j), gatesRef.get(b, hidden + j), z.error());
                assertClose("n" + at, gates.get(b, 2 * hidden + j), gatesRef.get(b, 2 * hidden + j), n.error());
                assertSame("h_n" + at, gates.get(b, 3 * hidden + j), gatesRef.get(b, 3 * hidden + j));
                assertClose("h" + at, h.get(b, j), hRef.get(b, j), out.error());
            }
        }
        gates.assertOnlyWindowChanged("gates", gatesBefore);
        h.assertOnlyWindowChanged("h", hBefore);
    }

    @Property(tries = 200)
    void gruBackwardMatchesReference(@ForAll("batches") int batch, @ForAll("hiddens") int hidden,
                                     @ForAll boolean gatesInPlace, @ForAll boolean dhInPlace,
                                     @ForAll Random random) {
        int three = 3 * hidden;
        int four = 4 * hidden;
        float[] gateValues = new float[batch * four];
        float[] inputPre = Inputs.uniform(random, batch * three, -8, 8);
        float[] hiddenPre = states(random, batch * three);
        float[] hPrevValues = states(random, batch * hidden);
        ScalarRecurrent.gruForward(batch, hidden, inputPre, 0, Math.max(1, three), hiddenPre, 0, Math.max(1, three),
                hPrevValues, 0, Math.max(1, hidden), gateValues, 0, Math.max(1, four), new float[batch * hidden], 0,
                Math.max(1, hidden));
        StridedMatrix gates = StridedMatrix.of(random, batch, four, gateValues);
        StridedMatrix hPrev = StridedMatrix.of(random, batch, hidden, hPrevValues);
        StridedMatrix dh = StridedMatrix.of(random, batch, hidden, states(random, batch * hidden));
        StridedMatrix dInputRef = StridedMatrix.output(random, batch, three);
        StridedMatrix dHiddenRef = StridedMatrix.output(random, batch, three);
        StridedMatrix dhPrevRef = StridedMatrix.output(random, batch, hidden);
        ScalarRecurrent.gruBackward(batch, hidden, gates.data(), gates.offset(), gates.ld(), hPrev.data(),
                hPrev.offset(), hPrev.ld(), dh.data(), dh.offset(), dh.ld(), dInputRef.data(), dInputRef.offset(),
                dInputRef.ld(), dHiddenRef.data(), dHiddenRef.offset(), dHiddenRef.ld(), dhPrevRef.data(),
                dhPrevRef.offset(), dhPrevRef.ld());

        StridedMatrix gatesIn = gatesInPlace ? gates.copy() : gates;
        StridedMatrix dInput = gatesInPlace ? gatesIn.narrowed(three) : StridedMatrix.output(random, batch, three);
        StridedMatrix dHidden = StridedMatrix.output(random, batch, three);
        StridedMatrix dhPrev = dhInPlace ? dh.copy() : StridedMatrix.output(random, batch, hidden);
        StridedMatrix dhIn = dhInPlace ? dhPrev : dh;
        float[] dInputBefore = dInput.data().clone();
        float[] dHiddenBefore = dHidden.data().clone();
        float[] dhPrevBefore = dhPrev.data().clone();
        Recurrent.gruBackward(batch, hidden, gatesIn.data(), gatesIn.offset(), gatesIn.ld(), hPrev.data(),
                hPrev.offset(), hPrev.ld(), dhIn.data(), dhIn.offset(), dhIn.ld(), dInput.data(), dInput.offset(),
                dInput.ld(), dHidden.data(), dHidden.offset(), dHidden.ld(), dhPrev.data(), dhPrev.offset(),
                dhPrev.ld());

        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < three; j++) {
                assertSame("dInputPre(" + b + "," + j + ")", dInput.get(b, j), dInputRef.get(b, j));
                assertSame("dHiddenPre(" + b + "," + j + ")", dHidden.get(b, j), dHiddenRef.get(b, j));
            }
            for (int j = 0; j < hidden; j++) {
                assertSame("dhPrev(" + b + "," + j + ")", dhPrev.get(b, j), dhPrevRef.get(b, j));
            }
        }
        dInput.assertOnlyWindowChanged("dInputPre", dInputBefore);
        dHidden.assertOnlyWindowChanged("dHiddenPre", dHiddenBefore);
        dhPrev.assertOnlyWindowChanged("dhPrev", dhPrevBefore);
    }

    /** A saved gate the SIMD kernel computes within {@code ulps} of its float value in the reference. */
    private static Propagated gate(float reference, double ulps) {
        return Propagated.between(reference, Float.isFinite(reference) ? ulps * ulp(reference) : 0);
    }

    /** A value both kernels read from the same input. */
    private static Propagated same(float value) {
        return Propagated.between(value, 0);
    }

    /** Cell states, hidden states and gradients: uniform, at a random scale of 1, 10 or 100. */
    private static float[] states(Random random, int n) {
        float scale = new float[] {1f, 10f, 100f}[random.nextInt(3)];
        return Inputs.uniform(random, n, -scale, scale);
    }

    @Provide
    Arbitrary<Activation> rnnActivations() {
        return Arbitraries.of(Activation.TANH, Activation.RELU);
    }

    @Provide
    Arbitrary<Integer> batches() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(9, Arbitraries.integers().between(1, 5)));
    }

    /** Odd and small sizes, and sizes at and around multiples of 4, 8 and 16 lanes. */
    @Provide
    Arbitrary<Integer> hiddens() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 40)),
                Tuple.of(3, Arbitraries.of(15, 16, 17, 31, 32, 33, 47, 48, 49, 63, 64, 65)),
                Tuple.of(1, Arbitraries.of(100, 127, 128, 129)));
    }
}
