/**
 * lanes nn: a thin layer/network API over the lanes kernels: layers, losses, initializers, optimizers,
 * mini-batch training, IDX data, model files, attribution maps and training diagnostics. It draws nothing and
 * needs no {@code java.desktop}: pictures come in and go out as floats (the {@code lanes} command line, module
 * {@code dev.lanes.cli}, decodes picture files and draws heatmaps and charts).
 */
module dev.lanes.nn {
    requires transitive dev.lanes.kernels;

    exports dev.lanes.nn;
    exports dev.lanes.nn.data;
    exports dev.lanes.nn.diagnostics;
    exports dev.lanes.nn.explain;
    exports dev.lanes.nn.io;
    exports dev.lanes.nn.optim;
    exports dev.lanes.nn.train;

    // The heap budget behind the command line's out-of-memory message; not part of the library's API.
    exports dev.lanes.nn.internal to dev.lanes.cli;
}
