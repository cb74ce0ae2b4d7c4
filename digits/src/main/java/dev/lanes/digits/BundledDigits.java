package dev.lanes.digits;

import java.util.List;

/**
 * Where the bundled MNIST subset lies: 8,000 training and 2,000 test digits of 28x28 (stratified, the first of each
 * class in MNIST's order), as the four gzipped IDX files of MNIST's layout in this package. The images and labels
 * are MNIST's (Yann LeCun, Corinna Cortes and Christopher J.C. Burges), CC BY-SA 3.0; they live in this optional
 * artifact so that the lanes-nn library jar carries no data and no share-alike license.
 */
public final class BundledDigits {

    /** The resource directory of the four files, as a class loader names it. */
    public static final String RESOURCE_DIRECTORY = "dev/lanes/digits/";

    /** The four files, in MNIST's names: training images and labels, test images and labels. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private BundledDigits() {
    }
}
