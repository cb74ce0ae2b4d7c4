/** Mini-batch training, evaluation metrics and the hooks that observe training. */
package dev.lanes.nn.train;
