package io.freshet.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Rectangle;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LinePlotTest {

    private static final List<Double> SIZES = List.of(10_000.0, 100_000.0, 1_000_000.0);

    @Test
    void aLogAxisPutsEachDecadeTheSameDistanceApartWithTicksAtOneTwoFive() {
        PlotAxis axis = new PlotAxis("chunks", 1_000, 1_000_000, true, List.of());
        assertThat(axis.fraction(1_000)).isCloseTo(0, within(1e-9));
        assertThat(axis.fraction(10_000)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(axis.fraction(100_000)).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(axis.ticks()).containsExactly(1e3, 2e3, 5e3, 1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6);
        assertThat(PlotAxis.format(1e4)).isEqualTo("10k");
        assertThat(PlotAxis.format(1e6)).isEqualTo("1M");
        assertThat(PlotAxis.format(2.5)).isEqualTo("2.5");
        assertThatThrownBy(() -> new PlotAxis("x", 0, 10, true, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLinearAxisStartsAtZeroWithRoundTicks() {
        PlotAxis axis = PlotAxis.fromZero("ms", List.of(12.0, 37.0, 68.0));
        assertThat(axis.min()).isZero();
        assertThat(axis.max()).isGreaterThan(68);
        assertThat(axis.ticks()).startsWith(0.0, 20.0, 40.0).allMatch(t -> t % 20 == 0);
    }

    @Test
    void everyPointLandsInsideThePlotAreaAndLargerValuesHigherUp() {
        PlotAxis x = PlotAxis.logAround("index size (chunks)", SIZES, List.of());
        PlotAxis y = PlotAxis.fromZero("latency (ms)", List.of(20.0, 40.0, 90.0));
        LinePlot plot = new LinePlot("t", x, y, List.of());
        Rectangle area = LinePlot.area();
        for (double size : SIZES) {
            Point2D.Double p = plot.pixel(size, 40);
            assertThat(area.contains(p)).as("%s at %s", size, p).isTrue();
        }
        assertThat(plot.pixel(1e6, 90).y).isLessThan(plot.pixel(1e6, 20).y);
        // Equal ratios, equal distances: 10k → 100k spans as many pixels as 100k → 1M.
        double first = plot.pixel(1e5, 1).x - plot.pixel(1e4, 1).x;
        double second = plot.pixel(1e6, 1).x - plot.pixel(1e5, 1).x;
        assertThat(first).isCloseTo(second, within(1e-6));
        assertThat(plot.pixel(x.min(), y.min())).isEqualTo(new Point2D.Double(area.x, area.y + area.height));
    }

    @Test
    void thePngIsWrittenAndDecodes(@TempDir Path dir) throws Exception {
        PlotAxis x = PlotAxis.logAround("index size (chunks)", SIZES, List.of());
        PlotAxis y = PlotAxis.fromZero("/v1/search latency (ms)", List.of(35.0, 90.0));
        LinePlot plot = new LinePlot("latency against index size", x, y, List.of(
                new LinePlot.Series("p50", List.of(new Point2D.Double(1e4, 20), new Point2D.Double(1e5, 30), new Point2D.Double(1e6, 35))),
                new LinePlot.Series("p99", List.of(new Point2D.Double(1e4, 50), new Point2D.Double(1e5, 70), new Point2D.Double(1e6, 90)))));
        Path file = dir.resolve("sub/curve-latency.png");
        plot.writePng(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(LinePlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(LinePlot.HEIGHT);
        // The p99 series' colour is where its last point is drawn; the background is white elsewhere.
        Point2D.Double last = plot.pixel(1e6, 90);
        assertThat(image.getRGB((int) last.x, (int) last.y) & 0xffffff).isNotEqualTo(0xffffff);
        assertThat(image.getRGB(LinePlot.WIDTH - 3, LinePlot.HEIGHT - 3) & 0xffffff).isEqualTo(0xffffff);
    }
}
