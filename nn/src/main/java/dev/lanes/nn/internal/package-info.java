/** Plumbing shared by the nn packages: the heap budget of loaders. Not exported. */
package dev.lanes.nn.internal;
