package dev.lanes.nn.explain;

import java.util.Locale;

/** Which quantity of the output layer an attribution explains, for one class c. */
public enum Score {

    /**
     * The logit zᴸ_c, the output layer's pre-activation: the unnormalised class score. Its gradient does not
     * saturate when the network is confident, so it is the usual choice for saliency maps.
     */
    LOGIT,

    /**
     * The output aᴸ_c = f(zᴸ)_c: the class probability for a softmax or sigmoid output. For a softmax its
     * gradient is aᴸ_c (∂zᴸ_c − Σ_k aᴸ_k ∂zᴸ_k): what raises class c relative to the others, near zero when
     * the network is sure.
     */
    PROBABILITY;

    /** {@return the name used on the command line: {@code logit} or {@code probability}} */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the score named {@code id} (case-insensitive)}
     *
     * @param id {@code logit} or {@code probability} (case-insensitive)
     * @throws IllegalArgumentException for another name, listing the valid ones
     */
    public static Score parse(String id) {
        for (Score s : values()) {
            if (s.id().equalsIgnoreCase(id == null ? "" : id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown score '" + id + "': expected logit or probability");
    }
}
