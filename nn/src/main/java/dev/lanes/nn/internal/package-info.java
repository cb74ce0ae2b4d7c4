/** Plumbing shared by the nn packages: the heap budget of loaders. Exported to the command line only. */
package dev.lanes.nn.internal;
