package dev.lanes.nn;

import dev.lanes.kernels.Conv2dGeometry;

/**
 * What max and average pooling share: a window geometry over an image input (window, stride defaulting to
 * the window, padding), with as many output channels as input channels.
 */
final class Pool2D {

    private Pool2D() {
    }

    /** The geometry of a {@code window x window} pool over {@code input}, naming the layer type on errors. */
    static Conv2dGeometry geometry(String type, Shape input, int window, int stride, int padding) {
        if (!input.isImage()) {
            throw new IllegalArgumentException(type + " needs an image input (channels x height x width), got "
                    + input);
        }
        if (window < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(type + ": size and stride must be >= 1 and pad >= 0, were " + window
                    + ", " + stride + " and " + padding);
        }
        if (2 * padding > window) {
            throw new IllegalArgumentException(type + ": pad must be at most half the window (" + window + "), was "
                    + padding);
        }
        return Conv2dGeometry.pooling(input.channels(), input.height(), input.width(), window, stride, padding);
    }

    /** The output shape of a pool of geometry {@code g}. */
    static Shape output(Conv2dGeometry g) {
        return Shape.image(g.inChannels(), g.outHeight(), g.outWidth());
    }
}
