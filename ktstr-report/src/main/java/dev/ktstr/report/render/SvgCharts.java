package dev.ktstr.report.render;

import dev.ktstr.report.text.RustFormat;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.regex.Pattern;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.ViewBox;

/**
 * The reports' charts, drawn through JFreeSVG's {@link SVGGraphics2D} into inline {@code <svg>}
 * elements (JFreeSVG escapes the text it writes). Text is left-anchored, so no font metrics
 * are needed. The namespace declarations are dropped: inline SVG in HTML needs none, and the
 * report then names no URL at all.
 */
final class SvgCharts {
    static final Color A = new Color(0x4e79a7);
    static final Color B = new Color(0xf28e2b);
    static final Color REGRESSION = new Color(0xd62728);
    static final Color IMPROVEMENT = new Color(0x2ca02c);
    private static final Color GRID = new Color(0xdddddd);
    private static final Color INK = new Color(0x222222);
    private static final Color MUTED = new Color(0x666666);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Font BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 11);
    private static final Pattern XMLNS = Pattern.compile(" xmlns(:[A-Za-z]+)?=(\"[^\"]*\"|'[^']*')");
    private static final int WIDTH = 720;
    private static final int LEFT = 16;
    private static final int RIGHT = 110;

    private SvgCharts() {
    }

    /** One test of an A/B chart: every passing trial of each side, the compared values, the verdict. */
    record Band(String label, double[] trialsA, double a, double[] trialsB, double b, String verdict) {
    }

    /**
     * A against B per test: one band per test, side A's trials (circles) and compared value
     * (bar) above side B's, on one value axis; a regression or an improvement is marked at the
     * band's right and by the band's tint.
     */
    static String ab(String id, String labelA, String labelB, String unit, List<Band> bands) {
        int bandHeight = 58;
        int top = 26;
        int height = top + bands.size() * bandHeight + 30;
        double lo = 0;
        double hi = 0;
        for (Band band : bands) {
            for (double v : concat(band)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Axis axis = Axis.of(lo, hi, LEFT, WIDTH - RIGHT);
        SVGGraphics2D g = graphics(height);
        // legend
        g.setFont(LABEL);
        legendDot(g, LEFT, 14, A, "A: " + labelA);
        legendDot(g, LEFT + 240, 14, B, "B: " + labelB);
        gridAndAxis(g, axis, top, top + bands.size() * bandHeight, unit);
        for (int i = 0; i < bands.size(); i++) {
            Band band = bands.get(i);
            int y0 = top + i * bandHeight;
            if (!band.verdict().isEmpty()) {
                Color c = "regression".equals(band.verdict()) ? REGRESSION : IMPROVEMENT;
                g.setPaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), 28));
                g.fill(new Rectangle2D.Double(0, y0, WIDTH, bandHeight));
                g.setPaint(c);
                g.setFont(BOLD);
                g.drawString("regression".equals(band.verdict()) ? "\u25b2 REGRESSION" : "\u25bc improvement",
                        WIDTH - RIGHT + 8, y0 + 36);
            }
            g.setPaint(INK);
            g.setFont(SMALL);
            g.drawString(band.label(), LEFT, y0 + 12);
            side(g, axis, y0 + 26, band.trialsA(), band.a(), A);
            side(g, axis, y0 + 44, band.trialsB(), band.b(), B);
            g.setPaint(MUTED);
            g.setFont(SMALL);
            g.drawString(RustFormat.fixed(band.a(), 2) + " \u2192 " + RustFormat.fixed(band.b(), 2),
                    WIDTH - RIGHT + 8, y0 + 50);
        }
        return element(g, id, height);
    }

    /** One test of a trend chart: a value per cohort (NaN where the test has none). */
    record Trend(String label, List<String> cohorts, double[] values, List<double[]> trials, int crossing,
            String crossingVerdict) {
    }

    /** A line of the metric across cohorts (oldest left), every trial as a dot, the crossing marked. */
    static String trend(String id, String unit, Trend t) {
        int top = 20;
        int plotHeight = 160;
        int height = top + plotHeight + 56;
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < t.values().length; i++) {
            if (!Double.isNaN(t.values()[i])) {
                lo = Math.min(lo, t.values()[i]);
                hi = Math.max(hi, t.values()[i]);
            }
            for (double v : t.trials().get(i)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        Axis y = Axis.of(lo, hi, top + plotHeight, top); // value axis runs upward
        SVGGraphics2D g = graphics(height);
        int n = t.cohorts().size();
        double x0 = 70;
        double x1 = WIDTH - 40;
        double step = n > 1 ? (x1 - x0) / (n - 1) : 0;
        g.setFont(SMALL);
        for (double tick : y.ticks()) {
            double py = y.at(tick);
            g.setPaint(GRID);
            g.draw(new Line2D.Double(x0 - 6, py, x1 + 6, py));
            g.setPaint(MUTED);
            g.drawString(tickText(tick) + unit, 4, (float) py + 3);
        }
        Path2D.Double line = new Path2D.Double();
        boolean started = false;
        for (int i = 0; i < n; i++) {
            double px = x0 + i * step;
            g.setPaint(MUTED);
            g.drawString(t.cohorts().get(i), (float) px - 20, top + plotHeight + 16 + (i % 2) * 12);
            g.setPaint(new Color(0x4e79a7 | 0x40000000, true));
            for (double v : t.trials().get(i)) {
                g.fill(new Ellipse2D.Double(px - 2.5, y.at(v) - 2.5, 5, 5));
            }
            double v = t.values()[i];
            if (Double.isNaN(v)) {
                continue;
            }
            if (started) {
                line.lineTo(px, y.at(v));
            } else {
                line.moveTo(px, y.at(v));
                started = true;
            }
        }
        g.setPaint(A);
        g.setStroke(new BasicStroke(2f));
        g.draw(line);
        for (int i = 0; i < n; i++) {
            double v = t.values()[i];
            if (!Double.isNaN(v)) {
                g.fill(new Ellipse2D.Double(x0 + i * step - 4, y.at(v) - 4, 8, 8));
            }
        }
        if (t.crossing() >= 0) {
            Color c = "regression".equals(t.crossingVerdict()) ? REGRESSION : IMPROVEMENT;
            double px = x0 + t.crossing() * step;
            g.setPaint(c);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {4f, 3f}, 0f));
            g.draw(new Line2D.Double(px, top, px, top + plotHeight));
            g.setFont(BOLD);
            g.drawString(("regression".equals(t.crossingVerdict()) ? "\u25b2 " : "\u25bc ") + t.crossingVerdict(),
                    (float) px + 4, top + 10);
        }
        return element(g, id, height);
    }

    private static SVGGraphics2D graphics(int height) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
        g.setRenderingHint(SVGHints.KEY_DRAW_STRING_TYPE, SVGHints.VALUE_DRAW_STRING_TYPE_STANDARD);
        return g;
    }

    private static String element(SVGGraphics2D g, String id, int height) {
        String svg = g.getSVGElement(id, false, new ViewBox(0, 0, WIDTH, height), null, null);
        int end = svg.indexOf('>');
        String open = XMLNS.matcher(svg.substring(0, end)).replaceAll("");
        return open + " role=\"img\" width=\"100%\" style=\"max-width:" + WIDTH + "px\"" + svg.substring(end);
    }

    private static void gridAndAxis(SVGGraphics2D g, Axis axis, int top, int bottom, String unit) {
        g.setFont(SMALL);
        for (double tick : axis.ticks()) {
            double x = axis.at(tick);
            g.setPaint(GRID);
            g.draw(new Line2D.Double(x, top, x, bottom));
            g.setPaint(MUTED);
            g.drawString(tickText(tick) + unit, (float) x - 8, bottom + 14);
        }
    }

    /** A tick value with at most six significant digits and no float noise ({@code 0.3}, not {@code 0.30000000000000004}). */
    static String tickText(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }

    private static void side(SVGGraphics2D g, Axis axis, double y, double[] trials, double value, Color c) {
        g.setPaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
        for (double v : trials) {
            g.fill(new Ellipse2D.Double(axis.at(v) - 3, y - 3, 6, 6));
        }
        g.setPaint(c);
        g.setStroke(new BasicStroke(3f));
        g.draw(new Line2D.Double(axis.at(value), y - 7, axis.at(value), y + 7));
        g.setStroke(new BasicStroke(1f));
    }

    private static void legendDot(SVGGraphics2D g, int x, int y, Color c, String text) {
        g.setPaint(c);
        g.fill(new Ellipse2D.Double(x, y - 8, 8, 8));
        g.setPaint(INK);
        g.drawString(text, x + 12, y);
    }

    private static double[] concat(Band band) {
        double[] out = new double[band.trialsA().length + band.trialsB().length + 2];
        System.arraycopy(band.trialsA(), 0, out, 0, band.trialsA().length);
        System.arraycopy(band.trialsB(), 0, out, band.trialsA().length, band.trialsB().length);
        out[out.length - 2] = band.a();
        out[out.length - 1] = band.b();
        return out;
    }

    /** A linear axis from {@code lo} to {@code hi} mapped onto pixels {@code p0..p1}, with rounded ticks. */
    record Axis(double lo, double hi, double p0, double p1, double step) {
        static Axis of(double lo, double hi, double p0, double p1) {
            if (!(hi > lo)) {
                hi = lo + 1;
            }
            double raw = (hi - lo) / 5;
            double mag = Math.pow(10, Math.floor(Math.log10(raw)));
            double norm = raw / mag;
            double step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
            return new Axis(Math.floor(lo / step) * step, Math.ceil(hi / step) * step, p0, p1, step);
        }

        double at(double v) {
            return p0 + (v - lo) / (hi - lo) * (p1 - p0);
        }

        double[] ticks() {
            int n = (int) Math.round((hi - lo) / step) + 1;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = lo + i * step;
            }
            return out;
        }
    }
}
