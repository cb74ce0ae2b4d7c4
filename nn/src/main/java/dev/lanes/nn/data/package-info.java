/**
 * Training data: the IDX reader, immutable {@link dev.lanes.nn.data.Dataset}s with allocation-free batch
 * copies and seeded stratified splits, the bundled 10,000-digit MNIST subset and any MNIST-layout directory
 * ({@link dev.lanes.nn.data.DataSets}), and the preparation of ordinary pictures, given as gray levels, as
 * network inputs ({@link dev.lanes.nn.data.ImageInput}, {@link dev.lanes.nn.data.Preprocessing}).
 */
package dev.lanes.nn.data;
