/**
 * Why a network's training goes wrong, as numbers: {@link dev.lanes.nn.diagnostics.TrainingDiagnostics}, a
 * training listener that records each layer's activation statistics and gradient norms per step, so vanishing
 * and exploding gradients, dead ReLUs and saturated units become visible, and writes them as CSV.
 *
 * <p>docs/explain.md describes the figures and how to read them.
 */
package dev.lanes.nn.diagnostics;
