/**
 * lanes nn: a thin layer/network API over the lanes kernels: dense layers, losses, initializers, optimizers,
 * mini-batch training, IDX data, model files, saliency maps and training diagnostics, and the {@code lanes}
 * command line.
 */
module dev.lanes.nn {
    requires transitive dev.lanes.kernels;
    // BufferedImage appears in the public image API of dev.lanes.nn.data.
    requires transitive java.desktop;
    // The command line's libraries: optional dependencies, present in lanes.jar.
    requires static info.picocli;
    requires static me.tongfei.progressbar;
    // Charts (dev.lanes.nn.explain.Charts): optional, present in lanes.jar.
    requires static org.knowm.xchart;

    exports dev.lanes.nn;
    exports dev.lanes.nn.data;
    exports dev.lanes.nn.explain;
    exports dev.lanes.nn.io;
    exports dev.lanes.nn.optim;
    exports dev.lanes.nn.train;

    opens dev.lanes.nn.cli to info.picocli;
}
