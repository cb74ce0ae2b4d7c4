/** lanes nn: a thin layer/network API over the lanes kernels. */
module dev.lanes.nn {
    requires transitive dev.lanes.kernels;

    exports dev.lanes.nn;
}
