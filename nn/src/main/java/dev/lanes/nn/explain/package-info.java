/**
 * What a trained network looks at: attribution maps of a class score with respect to the input.
 *
 * <p>{@link dev.lanes.nn.explain.Explainer} computes them by vanilla gradient, gradient × input, SmoothGrad,
 * integrated gradients (with the completeness gap), occlusion (±ε perturbation of pixels or patches, the
 * model-agnostic cross-check) and Grad-CAM (class-score gradients averaged over a convolution's feature maps).
 * Batched: the noisy copies, path steps and perturbations of many images go through the network together. An
 * {@link dev.lanes.nn.explain.Attribution} holds the maps as plain floats; drawing them is left to the caller (the
 * {@code lanes} command line draws them as heatmaps).
 *
 * <p>docs/explain.md describes the methods, their math and how to read the pictures.
 */
package dev.lanes.nn.explain;
