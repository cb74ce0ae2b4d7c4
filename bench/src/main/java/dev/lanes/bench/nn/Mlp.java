package dev.lanes.bench.nn;

import dev.lanes.kernels.Activation;
import dev.lanes.nn.Loss;
import dev.lanes.nn.Network;

/** The benchmark MLP: {@code features → 256 relu → 128 relu → classes softmax}, cross-entropy. */
final class Mlp {

    /** Examples per training step, as in {@code lanes train --batch 128}. */
    static final int BATCH = 128;

    private Mlp() {
    }

    /** The network with its default initialisation (He for the ReLU layers, Xavier for the softmax), seed 1. */
    static Network build(int features, int classes) {
        return Network.builder()
                .input(features)
                .dense(256, Activation.RELU)
                .dense(128, Activation.RELU)
                .dense(classes, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY)
                .seed(1)
                .build();
    }
}
