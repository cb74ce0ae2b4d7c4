/**
 * What a trained network looks at, and why its training goes wrong, as numbers and pictures.
 *
 * <ul>
 *   <li>{@link dev.lanes.nn.explain.Explainer}: attribution maps of a class score with respect to the input:
 *       vanilla gradient, gradient × input, SmoothGrad, integrated gradients (with the completeness gap) and
 *       occlusion (±ε perturbation of pixels or patches, the model-agnostic cross-check). Batched: the noisy
 *       copies, path steps and perturbations of many images go through the network together.</li>
 *   <li>{@link dev.lanes.nn.explain.TrainingDiagnostics}: a training listener that records per-layer activation
 *       statistics and gradient norms, so vanishing and exploding gradients become visible; CSV output.</li>
 *   <li>{@link dev.lanes.nn.explain.Heatmaps}: PNG pictures of attributions (the input in gray under a diverging
 *       colormap) and grids of many examples with their true and predicted labels.</li>
 *   <li>{@link dev.lanes.nn.explain.Charts}: training curves, gradient norms and activation statistics as PNG
 *       charts (XChart, an optional dependency that lanes.jar includes).</li>
 * </ul>
 *
 * <p>docs/explain.md describes the methods, their math and how to read the pictures.
 */
package dev.lanes.nn.explain;
