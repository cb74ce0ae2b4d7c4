/**
 * Pictures of networks and their training, drawn with Java 2D and XChart.
 *
 * <ul>
 *   <li>{@link dev.lanes.cli.draw.Heatmaps}: attributions ({@code dev.lanes.nn.explain}) as PNG-ready
 *       pictures, the input in gray under a diverging colormap, alone or in grids of many examples with their
 *       true and predicted labels.</li>
 *   <li>{@link dev.lanes.cli.draw.Charts}: training curves, gradient norms and activation statistics
 *       ({@code dev.lanes.nn.diagnostics}) as charts.</li>
 * </ul>
 *
 * <p>docs/explain.md shows the pictures and how to read them.
 */
package dev.lanes.cli.draw;
