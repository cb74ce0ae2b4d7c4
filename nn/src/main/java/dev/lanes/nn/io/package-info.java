/** The lanes model file: versioned, checksummed, saved atomically (format in docs/model-format.md). */
package dev.lanes.nn.io;
