/**
 * The bundled MNIST subset of lanes, as IDX resources in the opened package {@code dev.lanes.digits} (see
 * {@link dev.lanes.digits.BundledDigits}). {@code dev.lanes.nn}'s {@code DataSets.digits()} finds them through
 * its class loader when this module is present; on the module path, resolve it with
 * {@code --add-modules dev.lanes.digits} (or require it) if nothing else does.
 */
module dev.lanes.digits {
    exports dev.lanes.digits;
    // The resources are read by dev.lanes.nn through the class loader, which needs the package open.
    opens dev.lanes.digits;
}
