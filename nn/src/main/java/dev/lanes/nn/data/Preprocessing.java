package dev.lanes.nn.data;

import java.util.Objects;

/**
 * How an ordinary picture becomes a network input: the preparation the model's training images had, so that
 * a picture of one of them predicts as the image itself does. A model records it (the {@code lanes} command
 * line saves it in the model file's metadata as {@code preprocess=<id>}), chosen from the training data by
 * {@link #of(Dataset)}.
 */
public enum Preprocessing {

    /**
     * MNIST's preparation of handwritten digits: the inked box scaled to fit 20x20 and placed by its center
     * of mass in a 28x28 field, levels stretched so the background is black and the brightest stroke white
     * (see {@link ImageInput}). For 28x28 inputs only.
     */
    MNIST_DIGIT("mnist-digit"),

    /**
     * The whole picture in gray, inverted when its border is light, scaled with its aspect ratio kept to fit
     * the input's rows and columns and centered on black, levels unchanged: Fashion-MNIST's preparation of
     * product photographs, and any data set whose objects are not drawn into a centred box.
     */
    RESIZE("resize");

    /** Share of a data set's images that must look MNIST-prepared for {@link #of} to choose {@link #MNIST_DIGIT}. */
    static final double DIGIT_SHARE = 0.99;

    private final String id;

    Preprocessing(String id) {
        this.id = id;
    }

    /**
     * The name saved in model files and taken by {@link #parse}.
     *
     * @return {@code "mnist-digit"} or {@code "resize"}
     */
    public String id() {
        return id;
    }

    /**
     * The preprocessing named {@code id} (case-insensitive).
     *
     * @param id {@code "mnist-digit"} or {@code "resize"}
     * @return the preprocessing
     * @throws IllegalArgumentException for any other name, listing the valid ones
     */
    public static Preprocessing parse(String id) {
        Objects.requireNonNull(id, "id");
        for (Preprocessing p : values()) {
            if (p.id.equalsIgnoreCase(id.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preprocessing \"" + id + "\"; valid: mnist-digit, resize");
    }

    /**
     * The preparation a data set's images had, read from the images: {@link #MNIST_DIGIT} when they are 28x28
     * and at least 99 % of them look MNIST-prepared (on black, the longer side of their nonzero pixels 18 to
     * 22, the brightest level at least 0.9, the center of mass within 1.5 pixels of (14, 14); every bundled
     * digit does), else {@link #RESIZE} (no Fashion-MNIST image does: they fill the field in at least one
     * direction).
     *
     * @param images the training images
     * @return the preprocessing a picture needs to look like them
     */
    public static Preprocessing of(Dataset images) {
        Objects.requireNonNull(images, "images");
        int side = ImageInput.SIDE;
        if (images.rows() != side || images.cols() != side || images.size() == 0) {
            return RESIZE;
        }
        float[] x = new float[side * side];
        int[] label = new int[1];
        long prepared = 0;
        for (int i = 0; i < images.size(); i++) {
            images.copyBatch(i, 1, x, 0, label, 0);
            if (DigitBox.isPrepared(x, side, side)) {
                prepared++;
            }
        }
        return prepared >= DIGIT_SHARE * images.size() ? MNIST_DIGIT : RESIZE;
    }

    @Override
    public String toString() {
        return id;
    }
}
