/** Layers, activations, losses and the sequential network. */
package dev.lanes.nn;
