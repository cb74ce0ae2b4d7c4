package dev.lanes.cli.draw;

import java.awt.FontMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the pictures and texts of a {@link Heatmaps} panel or grid go, measured with the font metrics that draw
 * the texts, so that no text runs into another or past the picture's edge at any scale: a column is as wide as
 * its picture or its widest text, whichever is wider, and lines are as tall as the font.
 */
final class HeatmapLayout {

    /** Margin around and between the pictures, in pixels. */
    static final int PAD = 8;

    /** The least horizontal space between two texts on one line, in pixels. */
    static final int GAP = 6;

    /** Height of the color bar, in pixels. */
    static final int BAR = 8;

    private HeatmapLayout() {
    }

    /**
     * One line of text.
     *
     * @param text     the text
     * @param x        its left edge
     * @param baseline its baseline
     * @param width    its advance width
     * @param ascent   the font's ascent
     * @param descent  the font's descent
     */
    record Text(String text, int x, int baseline, int width, int ascent, int descent) {

        static Text at(FontMetrics fm, String text, int x, int baseline) {
            return new Text(text, x, baseline, fm.stringWidth(text), fm.getAscent(), fm.getDescent());
        }

        int right() {
            return x + width;
        }

        int top() {
            return baseline - ascent;
        }

        int bottom() {
            return baseline + descent;
        }
    }

    /**
     * A panel: caption lines, then three columns (input, overlay, map) with their labels beneath, the map's
     * column holding the color bar and its three scale labels.
     *
     * @param width    picture width
     * @param height   picture height
     * @param column   width of each column
     * @param top      top of the three pictures
     * @param columnX  left edge of each column
     * @param barY     top of the color bar
     * @param caption  the caption's lines
     * @param labels   "input", "overlay", then the bar's low, zero and high labels
     */
    record Panel(int width, int height, int column, int top, int[] columnX, int barY, List<Text> caption,
                 List<Text> labels) {
    }

    /**
     * A grid: title lines, then cells of a picture over its caption lines.
     *
     * @param width    picture width
     * @param height   picture height
     * @param cell     width of each cell
     * @param title    the title's lines
     * @param cellX    left edge of each cell
     * @param cellY    top of each cell's picture
     * @param captions each cell's caption lines
     */
    record Grid(int width, int height, int cell, List<Text> title, int[] cellX, int[] cellY,
                List<List<Text>> captions) {
    }

    /**
     * Lays out a panel of three {@code w x h} pictures.
     *
     * @param big     metrics of the caption font
     * @param small   metrics of the label font
     * @param w       width of each picture
     * @param h       height of each picture
     * @param caption the caption, wrapped at spaces to the panel's width
     * @param low     the bar's low label, e.g. "-0.33"
     * @param high    the bar's high label
     */
    static Panel panel(FontMetrics big, FontMetrics small, int w, int h, String caption, String low, String high) {
        int column = Math.max(w, Math.max(small.stringWidth("input"), small.stringWidth("overlay")));
        // "0" is centered under the bar, so each half of the column holds half of it, a gap and the wider end label.
        int end = Math.max(small.stringWidth(low), small.stringWidth(high));
        column = Math.max(column, 2 * (end + GAP) + small.stringWidth("0") + 1);
        int[] columnX = {PAD, 2 * PAD + column, 3 * PAD + 2 * column};
        int width = 3 * column + 4 * PAD;
        List<Text> captionLines = lines(big, caption, width - 2 * PAD, PAD, PAD);
        int top = captionLines.getLast().bottom() + 4;
        int barY = top + h + 4;
        int baseline = barY + BAR + 2 + small.getAscent();
        int x3 = columnX[2];
        List<Text> labels = List.of(
                Text.at(small, "input", columnX[0], baseline),
                Text.at(small, "overlay", columnX[1], baseline),
                Text.at(small, low, x3, baseline),
                Text.at(small, "0", x3 + (column - small.stringWidth("0")) / 2, baseline),
                Text.at(small, high, x3 + column - small.stringWidth(high), baseline));
        int height = baseline + small.getDescent() + PAD;
        return new Panel(width, height, column, top, columnX, barY, captionLines, labels);
    }

    /**
     * Lays out {@code captions.size()} cells of a {@code w x h} picture in {@code k} columns.
     *
     * @param big      metrics of the title font
     * @param small    metrics of the caption font
     * @param k        cells per row, {@code >= 1}
     * @param w        picture width
     * @param h        picture height
     * @param title    the title, wrapped at spaces to the grid's width
     * @param captions each cell's caption lines (e.g. "true 7", "pred 7")
     */
    static Grid grid(FontMetrics big, FontMetrics small, int k, int w, int h, String title,
                     List<List<String>> captions) {
        int cell = w;
        int lines = 0;
        for (List<String> caption : captions) {
            lines = Math.max(lines, caption.size());
            for (String line : caption) {
                cell = Math.max(cell, small.stringWidth(line));
            }
        }
        int width = k * (cell + PAD) + PAD;
        List<Text> titleLines = lines(big, title, width - 2 * PAD, PAD, PAD);
        int header = titleLines.getLast().bottom() + PAD;
        int lineHeight = small.getHeight();
        int cellHeight = h + 2 + lines * lineHeight + PAD;
        int n = captions.size();
        int[] cellX = new int[n];
        int[] cellY = new int[n];
        List<List<Text>> placed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cellX[i] = PAD + (i % k) * (cell + PAD);
            cellY[i] = header + (i / k) * cellHeight;
            List<Text> texts = new ArrayList<>();
            int baseline = cellY[i] + h + 2 + small.getAscent();
            for (String line : captions.get(i)) {
                texts.add(Text.at(small, line, cellX[i], baseline));
                baseline += lineHeight;
            }
            placed.add(texts);
        }
        int rows = (n + k - 1) / k;
        return new Grid(width, header + rows * cellHeight, cell, titleLines, cellX, cellY, placed);
    }

    /**
     * {@code text} broken at spaces into lines no wider than {@code width} (at least one line); a word wider
     * than that alone is cut and ends in "…". The first line's top is at {@code top}.
     */
    static List<Text> lines(FontMetrics fm, String text, int width, int x, int top) {
        List<String> words = new ArrayList<>();
        for (String word : (text == null ? "" : text).split(" ")) {
            words.add(fit(fm, word, width));
        }
        List<Text> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int baseline = top + fm.getAscent();
        for (String word : words) {
            if (!line.isEmpty() && fm.stringWidth(line + " " + word) > width) {
                lines.add(Text.at(fm, line.toString(), x, baseline));
                baseline += fm.getHeight();
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(Text.at(fm, line.toString(), x, baseline));
        return lines;
    }

    /** {@code word}, or as much of it as fits {@code width} with "…" after it. */
    static String fit(FontMetrics fm, String word, int width) {
        if (fm.stringWidth(word) <= width) {
            return word;
        }
        int end = word.length();
        while (end > 0 && fm.stringWidth(word.substring(0, end) + "…") > width) {
            end--;
        }
        return word.substring(0, end) + "…";
    }
}
