/**
 * lanes nn: a thin layer/network API over the lanes kernels: dense layers, losses, initializers, optimizers,
 * mini-batch training, IDX data, model files and the {@code lanes} command line.
 */
module dev.lanes.nn {
    requires transitive dev.lanes.kernels;

    exports dev.lanes.nn;
    exports dev.lanes.nn.optim;
    exports dev.lanes.nn.train;
    exports dev.lanes.nn.io;
}
