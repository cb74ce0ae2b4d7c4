package dev.lanes.nn.explain;

/** The attribution methods of {@link Explainer}, with the names the command line uses. */
public enum Method {

    /** ∂s/∂x, the vanilla gradient saliency map (Simonyan et al. 2013). */
    GRADIENT("gradient", "gradient"),

    /** x ⊙ ∂s/∂x (Shrikumar et al. 2016). */
    GRADIENT_TIMES_INPUT("gradxinput", "gradient × input"),

    /** The gradient averaged over noisy copies of the input (Smilkov et al. 2017). */
    SMOOTHGRAD("smoothgrad", "SmoothGrad"),

    /** The path integral of the gradient from a baseline to the input (Sundararajan et al. 2017). */
    INTEGRATED_GRADIENTS("integrated", "integrated gradients"),

    /** Finite differences of the score under ±ε changes of each pixel or patch (model-agnostic). */
    OCCLUSION("occlusion", "occlusion"),

    /**
     * Grad-CAM (Selvaraju et al. 2017): a convolution layer's feature maps weighted by the class score's mean
     * gradient over each map, summed, rectified and upsampled to the input.
     */
    GRAD_CAM("gradcam", "Grad-CAM");

    private final String id;
    private final String title;

    Method(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** {@return the name used on the command line, e.g. {@code gradxinput}} */
    public String id() {
        return id;
    }

    /** {@return a display name for pictures, e.g. "gradient × input"} */
    public String title() {
        return title;
    }

    /**
     * {@return the method named {@code id}}
     *
     * @param id the name, e.g. {@code gradient} or {@code gradcam} (case-insensitive)
     * @throws IllegalArgumentException for an unknown name, listing the valid ones
     */
    public static Method parse(String id) {
        for (Method m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + id
                + "': expected gradient, gradxinput, smoothgrad, integrated, occlusion or gradcam");
    }
}
