/**
 * Picture files in and out: {@link dev.lanes.cli.image.ImageFiles} decodes any picture ImageIO reads, in bounded
 * memory, into the gray levels that {@code dev.lanes.nn.data.ImageInput} prepares as network inputs;
 * {@link dev.lanes.cli.image.ImageOutput} writes float images and drawn pictures as PNG.
 */
package dev.lanes.cli.image;
