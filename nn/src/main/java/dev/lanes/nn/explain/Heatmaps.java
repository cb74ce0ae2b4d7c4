package dev.lanes.nn.explain;

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
    public static final int PAD = 8;

    private static final int LINE = 16;
    private static final int CELL_CAPTION = 28;
    private static final Color TEXT = new Color(30, 30, 30);
    private static final Color WRONG = new Color(190, 20, 30);
    private static final Font CAPTION_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font SMALL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Heatmaps() {
    }

    /**
     * The symmetric color scale of a map: the 99th percentile of |value| over its {@code n} values (their
     * maximum if that is 0; 1 if all are 0), so values at ±scale get the darkest colors.
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
     * {@link #overlay} and the map alone, under the caption and over a color bar labelled with the scale:
     * {@code 3 cols scale + 4 PAD} pixels wide and {@code rows scale + 44 + 16 L} high, where L is the number
     * of lines the caption wraps to (1 if it fits the width).
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
        List<String> lines = wrap(caption, 3 * w + 2 * PAD);
        BufferedImage image = new BufferedImage(3 * w + 4 * PAD, h + 44 + LINE * lines.size(),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        drawLines(g, lines);
        int top = PAD + LINE * lines.size() + 2;
        drawInput(image, PAD, top, inputs, offset, rows, cols, scale);
        drawOverlay(image, 2 * PAD + w, top, inputs, offset, a.values(), offset, rows, cols, scale);
        float s = scaleOf(a.values(), offset, a.features());
        int x3 = 3 * PAD + 2 * w;
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                image.setRGB(x3 + c, top + r, Colormap.rgb(a.values()[offset + (r / scale) * cols + c / scale] / s));
            }
        }
        int bar = top + h + 4;
        for (int c = 0; c < w; c++) {
            int rgb = Colormap.rgb(2.0 * c / (w - 1) - 1);
            for (int r = 0; r < 8; r++) {
                image.setRGB(x3 + c, bar + r, rgb);
            }
        }
        g.setFont(SMALL_FONT);
        FontMetrics fm = g.getFontMetrics();
        int labels = bar + 8 + 13;
        g.drawString("input", PAD, labels);
        g.drawString("overlay", 2 * PAD + w, labels);
        String low = String.format(Locale.ROOT, "%.2g", -s);
        String high = String.format(Locale.ROOT, "%.2g", s);
        g.drawString(low, x3, labels);
        g.drawString("0", x3 + (w - fm.stringWidth("0")) / 2, labels);
        g.drawString(high, x3 + w - fm.stringWidth(high), labels);
        g.dispose();
        return image;
    }

    /**
     * Many examples as a grid of {@link #overlay}s, each scaled to its own map, under a title line, each with
     * its true label (when {@code labels} is given) and predicted class beneath it; a wrong prediction is
     * written in red. The picture is {@code k (cols scale + PAD) + PAD} pixels wide and
     * {@code 14 + 16 L + ⌈n / k⌉ (rows scale + 28 + PAD)} high, for {@code n} examples in
     * {@code k = min(columns, n)} columns and a title that wraps to L lines (1 if it fits the width).
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
        int k = Math.min(columns, n);
        int gridRows = (n + k - 1) / k;
        int w = cols * scale;
        int h = rows * scale;
        int cellHeight = h + CELL_CAPTION + PAD;
        List<String> lines = wrap(title, k * (w + PAD) - PAD);
        int header = 14 + LINE * lines.size();
        BufferedImage image = new BufferedImage(k * (w + PAD) + PAD, header + gridRows * cellHeight,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        drawLines(g, lines);
        g.setFont(SMALL_FONT);
        for (int i = 0; i < n; i++) {
            int x = PAD + (i % k) * (w + PAD);
            int y = header + (i / k) * cellHeight;
            drawOverlay(image, x, y, inputs, i * a.features(), a.values(), i * a.features(), rows, cols, scale);
            int predicted = a.predictedClass(i);
            boolean wrong = labels != null && labels[i] != predicted;
            int line = y + h + 12;
            if (labels != null) {
                g.setColor(TEXT);
                g.drawString("true " + name(classNames, labels[i]), x, line);
                line += 13;
            }
            g.setColor(wrong ? WRONG : TEXT);
            g.drawString("pred " + name(classNames, predicted), x, line);
        }
        g.dispose();
        return image;
    }

    /** {@code text} broken at spaces into lines of the caption font no wider than {@code width} (at least one). */
    private static List<String> wrap(String text, int width) {
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics fm = scratch.getFontMetrics(CAPTION_FONT);
        scratch.dispose();
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : (text == null ? "" : text).split(" ")) {
            if (!line.isEmpty() && fm.stringWidth(line + " " + word) > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static void drawLines(Graphics2D g, List<String> lines) {
        g.setFont(CAPTION_FONT);
        g.setColor(TEXT);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), PAD, PAD + 13 + LINE * i);
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
