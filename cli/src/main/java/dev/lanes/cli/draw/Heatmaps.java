package dev.lanes.cli.draw;

import dev.lanes.nn.explain.Attribution;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Pictures of attribution maps over image inputs. A map is drawn with a diverging colormap (blue negative,
 * white zero, red positive) scaled symmetrically to {@link #scaleOf its 99th percentile |value|}, so one
 * extreme pixel does not wash out the rest. In the overlay the input shows as dark gray strokes on white
 * (the input's own range mapped to white … mid gray) multiplied by the map's colors: where the network does
 * not look, the digit stays gray; where it does, it turns red (raises the score) or blue (lowers it).
 * Input pixels are magnified {@code scale} times, nearest neighbour.
 */
public final class Heatmaps {

    /** Margin around and between the pictures, in pixels. */
    public static final int PAD = HeatmapLayout.PAD;

    private static final Color TEXT = new Color(30, 30, 30);
    private static final Color WRONG = new Color(190, 20, 30);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Heatmaps() {
    }

    /**
     * {@return the symmetric color scale of a map: the 99th percentile of |value| over its {@code n} values (their
     * maximum if that is 0; 1 if all are 0), so values at ±scale get the darkest colors}
     *
     * @param map the attribution values
     * @param offset index of the map's first value
     * @param n number of elements, {@code >= 0}
     */
    public static float scaleOf(float[] map, int offset, int n) {
        checkRange("map", map, offset, n);
        float[] magnitudes = new float[n];
        float max = 0;
        for (int i = 0; i < n; i++) {
            magnitudes[i] = Math.abs(map[offset + i]);
            max = Math.max(max, magnitudes[i]);
        }
        Arrays.sort(magnitudes);
        float p99 = magnitudes[(int) Math.floor(0.99 * (n - 1))];
        return p99 > 0 ? p99 : max > 0 ? max : 1f;
    }

    /**
     * The input in gray with the map overlaid: {@code cols * scale} x {@code rows * scale} pixels (RGB).
     *
     * @param input       the input image, {@code rows x cols} row-major at {@code inputOffset}
     * @param inputOffset index of its top-left pixel
     * @param map         the attribution map, same shape, at {@code mapOffset}
     * @param mapOffset   index of its top-left value
     * @param rows        image rows, {@code >= 1}
     * @param cols        image columns, {@code >= 1}
     * @param scale       screen pixels per input pixel, 1 to 64
     * @return the picture
     * @throws IllegalArgumentException if a shape or range is bad
     */
    public static BufferedImage overlay(float[] input, int inputOffset, float[] map, int mapOffset, int rows,
                                        int cols, int scale) {
        checkShape(rows, cols, scale);
        BufferedImage image = new BufferedImage(cols * scale, rows * scale, BufferedImage.TYPE_INT_RGB);
        drawOverlay(image, 0, 0, input, inputOffset, map, mapOffset, rows, cols, scale);
        return image;
    }

    /**
     * One example as three pictures side by side, the input as it is (0 black, 1 white), the
     * {@link #overlay} and the map alone, under the caption and over a color bar labelled with the scale. Each
     * picture's column is {@code cols * scale} wide, or wider when its labels need it (at small scales), and
     * the caption wraps at spaces to the width: {@code 3 c + 4 PAD} pixels wide for columns of width
     * {@code c}, the text measured with the fonts that draw it.
     *
     * @param a       the attributions
     * @param example which example of {@code a}
     * @param inputs  the inputs {@code a} was computed from, row-major, {@code a.features()} per example
     * @param rows    image rows ({@code rows * cols == a.features()})
     * @param cols    image columns
     * @param scale   screen pixels per input pixel, 1 to 64
     * @param caption the text above the pictures, e.g. "true 7 · predicted 7 (p 0.998)"
     * @return the picture
     * @throws IllegalArgumentException if a shape, the example or {@code inputs}' length is bad
     */
    public static BufferedImage panel(Attribution a, int example, float[] inputs, int rows, int cols, int scale,
                                      String caption) {
        checkAttribution(a, inputs, rows, cols, scale);
        a.explainedClass(example);
        int w = cols * scale;
        int h = rows * scale;
        int offset = example * a.features();
        float s = scaleOf(a.values(), offset, a.features());
        HeatmapLayout.Panel layout = panelLayout(w, h, caption, s);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        int[] x = layout.columnX();
        int top = layout.top();
        drawInput(image, x[0], top, inputs, offset, rows, cols, scale);
        drawOverlay(image, x[1], top, inputs, offset, a.values(), offset, rows, cols, scale);
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                image.setRGB(x[2] + c, top + r, Colormap.rgb(a.values()[offset + (r / scale) * cols + c / scale] / s));
            }
        }
        int column = layout.column();
        for (int c = 0; c < column; c++) {
            int rgb = Colormap.rgb(column == 1 ? 0 : 2.0 * c / (column - 1) - 1);
            for (int r = 0; r < HeatmapLayout.BAR; r++) {
                image.setRGB(x[2] + c, layout.barY() + r, rgb);
            }
        }
        draw(g, CAPTION_FONT, TEXT, layout.caption());
        draw(g, SMALL_FONT, TEXT, layout.labels());
        g.dispose();
        return image;
    }

    /** The layout {@link #panel} draws, for pictures of {@code w x h} and the color scale {@code s}. */
    static HeatmapLayout.Panel panelLayout(int w, int h, String caption, float s) {
        return HeatmapLayout.panel(metrics(CAPTION_FONT), metrics(SMALL_FONT), w, h, caption,
                String.format(Locale.ROOT, "%.2g", -s), String.format(Locale.ROOT, "%.2g", s));
    }

    /**
     * Many examples as a grid of {@link #overlay}s, each scaled to its own map, under a title, each with its
     * true label (when {@code labels} is given) and predicted class beneath it; a wrong prediction is written
     * in red. A cell is {@code cols * scale} wide, or as wide as its widest caption; {@code n} examples fill
     * {@code k = min(columns, n)} cells per row: {@code k (c + PAD) + PAD} pixels wide for cells of width
     * {@code c}, the text measured with the fonts that draw it.
     *
     * @param a          the attributions
     * @param inputs     the inputs they were computed from, row-major
     * @param rows       image rows ({@code rows * cols == a.features()})
     * @param cols       image columns
     * @param labels     the true class of each example, or null
     * @param classNames display names of the classes, indexed by class
     * @param columns    pictures per grid row, {@code >= 1}
     * @param scale      screen pixels per input pixel, 1 to 64
     * @param title      the text above the grid
     * @return the picture
     * @throws IllegalArgumentException if a shape, an array's length or a class is bad
     */
    public static BufferedImage grid(Attribution a, float[] inputs, int rows, int cols, int[] labels,
                                     List<String> classNames, int columns, int scale, String title) {
        checkAttribution(a, inputs, rows, cols, scale);
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be >= 1, was " + columns);
        }
        if (labels != null && labels.length < a.count()) {
            throw new IllegalArgumentException("labels holds " + labels.length + " classes, fewer than the "
                    + a.count() + " examples");
        }
        int n = a.count();
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = a.predictedClass(i);
        }
        HeatmapLayout.Grid layout = gridLayout(n, Math.min(columns, n), cols * scale, rows * scale, title, labels,
                predicted, classNames);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        draw(g, CAPTION_FONT, TEXT, layout.title());
        for (int i = 0; i < n; i++) {
            drawOverlay(image, layout.cellX()[i], layout.cellY()[i], inputs, i * a.features(), a.values(),
                    i * a.features(), rows, cols, scale);
            List<HeatmapLayout.Text> caption = layout.captions().get(i);
            boolean wrong = labels != null && labels[i] != predicted[i];
            // The last line is the prediction: red when it is wrong.
            draw(g, SMALL_FONT, TEXT, caption.subList(0, caption.size() - 1));
            draw(g, SMALL_FONT, wrong ? WRONG : TEXT, caption.subList(caption.size() - 1, caption.size()));
        }
        g.dispose();
        return image;
    }

    /** The layout {@link #grid} draws: {@code n} cells of {@code w x h} in rows of {@code k}. */
    static HeatmapLayout.Grid gridLayout(int n, int k, int w, int h, String title, int[] labels, int[] predicted,
                                         List<String> classNames) {
        List<List<String>> captions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<String> caption = new ArrayList<>();
            if (labels != null) {
                caption.add("true " + name(classNames, labels[i]));
            }
            caption.add("pred " + name(classNames, predicted[i]));
            captions.add(caption);
        }
        return HeatmapLayout.grid(metrics(CAPTION_FONT), metrics(SMALL_FONT), k, w, h, title, captions);
    }

    private static FontMetrics metrics(Font font) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        scratch.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontMetrics fm = scratch.getFontMetrics(font);
        scratch.dispose();
        return fm;
    }

    private static void draw(Graphics2D g, Font font, Color color, List<HeatmapLayout.Text> texts) {
        g.setFont(font);
        g.setColor(color);
        for (HeatmapLayout.Text t : texts) {
            g.drawString(t.text(), t.x(), t.baseline());
        }
    }

    private static String name(List<String> classNames, int c) {
        return classNames != null && c >= 0 && c < classNames.size() ? classNames.get(c) : Integer.toString(c);
    }

    private static Graphics2D start(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        return g;
    }

    /** The input as it is: its values clamped to [0, 1], 0 black and 1 white. */
    private static void drawInput(BufferedImage image, int x, int y, float[] input, int offset, int rows, int cols,
                                  int scale) {
        for (int r = 0; r < rows * scale; r++) {
            for (int c = 0; c < cols * scale; c++) {
                float v = input[offset + (r / scale) * cols + c / scale];
                int level = Float.isNaN(v) ? 0 : Math.round(Math.clamp(v, 0f, 1f) * 255);
                image.setRGB(x + c, y + r, level * 0x010101);
            }
        }
    }

    private static void drawOverlay(BufferedImage image, int x, int y, float[] input, int inputOffset, float[] map,
                                    int mapOffset, int rows, int cols, int scale) {
        checkRange("input", input, inputOffset, rows * cols);
        checkRange("map", map, mapOffset, rows * cols);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < rows * cols; i++) {
            min = Math.min(min, input[inputOffset + i]);
            max = Math.max(max, input[inputOffset + i]);
        }
        float range = max > min ? max - min : 1f;
        float s = scaleOf(map, mapOffset, rows * cols);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                // Paper white for the input's minimum, mid gray (0.5) for its maximum: dark enough to see the input,
                // light enough to keep the colors.
                double paper = 1 - 0.5 * (input[inputOffset + i] - min) / range;
                int color = Colormap.rgb(map[mapOffset + i] / s);
                int rgb = 0;
                for (int shift = 16; shift >= 0; shift -= 8) {
                    rgb = rgb << 8 | (int) Math.round(paper * (color >> shift & 0xFF));
                }
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        image.setRGB(x + c * scale + dx, y + r * scale + dy, rgb);
                    }
                }
            }
        }
    }

    private static void checkAttribution(Attribution a, float[] inputs, int rows, int cols, int scale) {
        if (a == null) {
            throw new IllegalArgumentException("attribution must not be null");
        }
        checkShape(rows, cols, scale);
        if ((long) rows * cols != a.features()) {
            throw new IllegalArgumentException("rows x cols = " + rows + " x " + cols + " must equal the "
                    + a.features() + " features of the attribution");
        }
        checkRange("inputs", inputs, 0, a.count() * a.features());
    }

    private static void checkShape(int rows, int cols, int scale) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("rows and cols must be >= 1, were " + rows + " and " + cols);
        }
        if (scale < 1 || scale > 64) {
            throw new IllegalArgumentException("scale must be in 1 to 64, was " + scale);
        }
        if ((long) rows * cols * scale * scale > 1 << 26) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " image at scale " + scale
                    + " is too large to draw");
        }
    }

    private static void checkRange(String name, float[] values, int offset, int n) {
        if (values == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (offset < 0 || (long) offset + n > values.length) {
            throw new IllegalArgumentException(name + " holds " + values.length + " floats, too few for " + n
                    + " values at offset " + offset);
        }
    }
}
