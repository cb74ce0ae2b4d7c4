/** lanes nn: a thin layer/network API over the lanes kernels. */
module dev.lanes.nn {
    requires transitive dev.lanes.kernels;
    requires transitive java.desktop;

    exports dev.lanes.nn;
    exports dev.lanes.nn.data;
}
