/** The {@code lanes} command line: train, eval, predict, explain. */
package dev.lanes.cli;
