package dev.lanes.cli.draw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lanes.nn.data.DataSets;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The arithmetic of picture layouts, checked on the measured text boxes (not on pixels): no text runs into
 * another or past its column or the picture's edge, at every scale the command line offers.
 */
class HeatmapLayoutTest {

    private static final List<String> FASHION = DataSets.FASHION_CLASS_NAMES;

    private static void assertApart(List<HeatmapLayout.Text> line, String where) {
        List<HeatmapLayout.Text> sorted = new ArrayList<>(line);
        sorted.sort(Comparator.comparingInt(HeatmapLayout.Text::x));
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(sorted.get(i).x() >= sorted.get(i - 1).right() + HeatmapLayout.GAP,
                    where + ": \"" + sorted.get(i - 1).text() + "\" runs into \"" + sorted.get(i).text() + "\"");
        }
    }

    private static void assertInside(HeatmapLayout.Text t, int left, int right, String where) {
        assertTrue(t.x() >= left && t.right() <= right,
                where + ": \"" + t.text() + "\" spans " + t.x() + " to " + t.right() + ", outside " + left + " to " + right);
    }

    private static void assertStacked(List<HeatmapLayout.Text> lines, String where) {
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).top() >= lines.get(i - 1).bottom(), where + ": line " + i + " overlaps the last");
        }
    }

    @Test
    void panelLabelsNeverRunTogether() {
        for (int scale = 1; scale <= 64; scale *= 2) {
            int w = 28 * scale;
            for (float s : new float[] {0.33f, 1.23e-5f, 123456f, 0.5f}) {
                String where = "scale " + scale + ", color scale " + s;
                HeatmapLayout.Panel p = Heatmaps.panelLayout(w, w, "#12 · true Ankle boot · predicted Sandal (p 0.987)"
                        + " · gradient of logit Sandal", s);
                assertEquals(3 * p.column() + 4 * HeatmapLayout.PAD, p.width(), where);
                assertTrue(p.column() >= w, where);
                assertApart(p.labels(), where);
                List<HeatmapLayout.Text> labels = p.labels();
                assertInside(labels.get(0), p.columnX()[0], p.columnX()[0] + p.column(), where);
                assertInside(labels.get(1), p.columnX()[1], p.columnX()[1] + p.column(), where);
                for (HeatmapLayout.Text bar : labels.subList(2, 5)) {
                    assertInside(bar, p.columnX()[2], p.columnX()[2] + p.column(), where);
                    assertTrue(bar.top() >= p.barY() + HeatmapLayout.BAR, where);
                    assertTrue(bar.bottom() <= p.height(), where);
                }
                for (HeatmapLayout.Text line : p.caption()) {
                    assertInside(line, HeatmapLayout.PAD, p.width() - HeatmapLayout.PAD, where);
                }
                assertStacked(p.caption(), where);
                assertTrue(p.caption().getLast().bottom() <= p.top(), where);
                assertTrue(p.top() + w <= p.barY(), where);
            }
        }
        // The reported case: at --scale 2 the bar's labels "-0.33", "0", "0.33" need more than the 56-pixel map.
        HeatmapLayout.Panel p = Heatmaps.panelLayout(56, 56, "caption", 0.33f);
        assertEquals(List.of("input", "overlay", "-0.33", "0", "0.33"),
                p.labels().stream().map(HeatmapLayout.Text::text).toList());
    }

    @Test
    void gridCaptionsFitTheirCellsAndDoNotCollide() {
        for (int scale = 1; scale <= 32; scale *= 2) {
            int w = 28 * scale;
            int n = 10;
            int[] labels = new int[n];
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = (9 - i) % 10;
                predicted[i] = (i * 3 + 5) % 10;
            }
            for (int k : new int[] {1, 4, 8}) {
                String where = "scale " + scale + ", " + k + " columns";
                HeatmapLayout.Grid g = Heatmaps.gridLayout(n, k, w, w, "gradient of the logit of the predicted class ·"
                        + " fashion-mnist test images 0 to 9 of 10000 · red raises the score, blue lowers it", labels,
                        predicted, FASHION);
                assertTrue(g.cell() >= w, where);
                assertEquals(k * (g.cell() + HeatmapLayout.PAD) + HeatmapLayout.PAD, g.width(), where);
                for (HeatmapLayout.Text line : g.title()) {
                    assertInside(line, HeatmapLayout.PAD, g.width() - HeatmapLayout.PAD, where);
                }
                assertStacked(g.title(), where);
                for (int i = 0; i < n; i++) {
                    List<HeatmapLayout.Text> caption = g.captions().get(i);
                    assertEquals(List.of("true " + FASHION.get(labels[i]), "pred " + FASHION.get(predicted[i])),
                            caption.stream().map(HeatmapLayout.Text::text).toList());
                    for (HeatmapLayout.Text line : caption) {
                        // Inside its own cell, so at least PAD from the next cell's text.
                        assertInside(line, g.cellX()[i], g.cellX()[i] + g.cell(), where + ", cell " + i);
                        assertTrue(line.top() >= g.cellY()[i] + w, where + ", cell " + i + " text over its picture");
                    }
                    assertStacked(caption, where + ", cell " + i);
                    assertTrue(caption.getLast().bottom() <= g.height(), where);
                    if (i + k < n) {
                        assertTrue(caption.getLast().bottom() <= g.cellY()[i + k], where + ", cell " + i
                                + " caption runs into the next row");
                    }
                    if (i % k != k - 1 && i + 1 < n) {
                        assertEquals(g.cellX()[i] + g.cell() + HeatmapLayout.PAD, g.cellX()[i + 1], where);
                    }
                }
                assertTrue(g.title().getLast().bottom() <= g.cellY()[0], where);
            }
        }
    }

    @Test
    void aWordWiderThanTheLineIsCutWithAnEllipsis() {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        FontMetrics fm = g.getFontMetrics(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.dispose();
        String word = "a-very-long-file-name-without-any-spaces-in-it.png";
        String cut = HeatmapLayout.fit(fm, word, 100);
        assertTrue(cut.endsWith("…") && fm.stringWidth(cut) <= 100, cut);
        assertTrue(word.startsWith(cut.substring(0, cut.length() - 1)), cut);
        assertEquals("short", HeatmapLayout.fit(fm, "short", 100));
        List<HeatmapLayout.Text> lines = HeatmapLayout.lines(fm, "one two " + word, 100, 8, 8);
        for (HeatmapLayout.Text line : lines) {
            assertTrue(line.width() <= 100, line.text());
        }
        assertEquals("one two", lines.getFirst().text());
    }

    @Test
    void chartTitlesShrinkToFitThenAreCut() {
        ChartDrawing.Title plain = ChartDrawing.fitTitle("training curves · 3 layers, cross_entropy, momentum lr 0.05");
        assertEquals(ChartDrawing.TITLE_SIZE, plain.font().getSize());
        assertEquals("training curves · 3 layers, cross_entropy, momentum lr 0.05", plain.text());

        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        String longer = "gradient norm per layer · 12 layers, cross_entropy, adamw lr 0.001 · ".repeat(2);
        ChartDrawing.Title smaller = ChartDrawing.fitTitle(longer);
        assertTrue(smaller.font().getSize() < ChartDrawing.TITLE_SIZE, "size " + smaller.font().getSize());
        assertTrue(smaller.font().getSize() >= ChartDrawing.MIN_TITLE_SIZE, "size " + smaller.font().getSize());
        assertEquals(longer, smaller.text());
        assertTrue(g.getFontMetrics(smaller.font()).stringWidth(longer) <= ChartDrawing.TITLE_WIDTH);
        assertTrue(g.getFontMetrics(smaller.font().deriveFont(smaller.font().getSize2D() + 1)).stringWidth(longer)
                > ChartDrawing.TITLE_WIDTH, "the largest size that fits");

        String huge = "activations per layer · ".repeat(20);
        ChartDrawing.Title cut = ChartDrawing.fitTitle(huge);
        assertEquals(ChartDrawing.MIN_TITLE_SIZE, cut.font().getSize());
        assertTrue(cut.text().endsWith("…") && huge.startsWith(cut.text().substring(0, cut.text().length() - 1)));
        assertTrue(g.getFontMetrics(cut.font()).stringWidth(cut.text()) <= ChartDrawing.TITLE_WIDTH);
        g.dispose();
    }
}
