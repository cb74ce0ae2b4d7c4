/**
 * Training data: the IDX reader, immutable {@link dev.lanes.nn.data.Dataset}s with allocation-free batch
 * copies and seeded stratified splits, the bundled 10,000-digit MNIST subset and any MNIST-layout directory
 * ({@link dev.lanes.nn.data.DataSets}), and conversion of ordinary images to and from 28x28 MNIST-style inputs
 * ({@link dev.lanes.nn.data.ImageInput}, {@link dev.lanes.nn.data.ImageOutput}).
 */
package dev.lanes.nn.data;
