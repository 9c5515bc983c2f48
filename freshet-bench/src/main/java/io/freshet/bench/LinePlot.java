package io.freshet.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A line chart as a PNG, drawn with plain Java2D on a headless image (no plotting library, no display needed): a
 * title, labelled axes with ticks and a light grid, one line with point markers and values per series, a legend.
 */
final class LinePlot {

    /** One line: its legend name and its points, x and y in data units. */
    record Series(String name, List<Point2D.Double> points) {
    }

    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final Color[] COLOURS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd)};

    private final String title;
    private final PlotAxis x;
    private final PlotAxis y;
    private final List<Series> series;

    LinePlot(String title, PlotAxis x, PlotAxis y, List<Series> series) {
        this.title = title;
        this.x = x;
        this.y = y;
        this.series = List.copyOf(series);
    }

    /** The rectangle the data are drawn in; the margins hold the title, tick labels and axis labels. */
    static Rectangle area() {
        return new Rectangle(90, 60, WIDTH - 90 - 30, HEIGHT - 60 - 75);
    }

    /** Where a data point lands in the image (y grows downwards in pixels). */
    Point2D.Double pixel(double xValue, double yValue) {
        Rectangle a = area();
        return new Point2D.Double(x.toPixel(xValue, a.x, a.x + a.width), y.toPixel(yValue, a.y + a.height, a.y));
    }

    void writePng(Path file) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            drawAxes(g);
            drawSeries(g);
            drawLegend(g);
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void drawAxes(Graphics2D g) {
        Rectangle a = area();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        g.setColor(Color.BLACK);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (WIDTH - fm.stringWidth(title)) / 2, 32);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        fm = g.getFontMetrics();
        for (double tick : x.ticks()) {
            int px = (int) Math.round(pixel(tick, y.min()).x);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(px, a.y, px, a.y + a.height);
            g.setColor(Color.BLACK);
            g.drawLine(px, a.y + a.height, px, a.y + a.height + 5);
            String text = PlotAxis.format(tick);
            g.drawString(text, px - fm.stringWidth(text) / 2, a.y + a.height + 20);
        }
        for (double tick : y.ticks()) {
            int py = (int) Math.round(pixel(x.min(), tick).y);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(a.x, py, a.x + a.width, py);
            g.setColor(Color.BLACK);
            g.drawLine(a.x - 5, py, a.x, py);
            String text = PlotAxis.format(tick);
            g.drawString(text, a.x - 9 - fm.stringWidth(text), py + fm.getAscent() / 2 - 1);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.drawRect(a.x, a.y, a.width, a.height);

        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        fm = g.getFontMetrics();
        g.drawString(x.label(), a.x + (a.width - fm.stringWidth(x.label())) / 2, HEIGHT - 22);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(y.label(), -(a.y + (a.height + fm.stringWidth(y.label())) / 2), 24);
        g.setTransform(saved);
    }

    private void drawSeries(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int s = 0; s < series.size(); s++) {
            g.setColor(COLOURS[s % COLOURS.length]);
            g.setStroke(new BasicStroke(2.5f));
            Path2D.Double line = new Path2D.Double();
            List<Point2D.Double> points = series.get(s).points();
            for (int i = 0; i < points.size(); i++) {
                Point2D.Double p = pixel(points.get(i).x, points.get(i).y);
                if (i == 0) {
                    line.moveTo(p.x, p.y);
                } else {
                    line.lineTo(p.x, p.y);
                }
            }
            g.draw(line);
            for (Point2D.Double point : points) {
                Point2D.Double p = pixel(point.x, point.y);
                g.fillOval((int) Math.round(p.x) - 5, (int) Math.round(p.y) - 5, 10, 10);
                g.drawString(PlotAxis.format(Report.round(point.y, point.y < 10 ? 2 : 1)), (int) p.x + 8, (int) p.y - 8);
            }
        }
    }

    private void drawLegend(Graphics2D g) {
        Rectangle a = area();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        int width = series.stream().mapToInt(s -> fm.stringWidth(s.name())).max().orElse(0) + 40;
        int height = series.size() * 20 + 8;
        int left = a.x + 12;
        int top = a.y + 12;
        g.setColor(new Color(255, 255, 255, 230));
        g.fillRect(left, top, width, height);
        g.setColor(Color.GRAY);
        g.drawRect(left, top, width, height);
        for (int s = 0; s < series.size(); s++) {
            int rowY = top + 18 + s * 20;
            g.setColor(COLOURS[s % COLOURS.length]);
            g.setStroke(new BasicStroke(2.5f));
            g.drawLine(left + 8, rowY - 5, left + 28, rowY - 5);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s).name(), left + 34, rowY);
        }
    }
}
