package io.freshet.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One axis of a {@link LinePlot}: maps data values onto a pixel span and says where its ticks go. A log axis (index
 * sizes span three decades) puts ticks at 1, 2 and 5 times the powers of ten inside its range; a linear one at a
 * "nice" step starting from zero. Pure, so the mapping is testable without drawing.
 *
 * @param min       the smallest value shown (positive on a log axis)
 * @param max       the largest value shown
 * @param log       log10 scale instead of linear
 * @param fixedTicks tick values to use instead of the computed ones (e.g. the client counts 1, 8, 32), or empty
 */
record PlotAxis(String label, double min, double max, boolean log, List<Double> fixedTicks) {

    PlotAxis {
        if (!(max > min) || (log && !(min > 0))) {
            throw new IllegalArgumentException("bad axis range [" + min + ", " + max + "]" + (log ? " (log)" : ""));
        }
        fixedTicks = List.copyOf(fixedTicks);
    }

    /** A log axis from a bit below the smallest to a bit above the largest value, whole decades when they are near. */
    static PlotAxis logAround(String label, List<Double> values, List<Double> fixedTicks) {
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(10);
        if (hi <= lo) {
            hi = lo * 10;
        }
        return new PlotAxis(label, lo / 1.5, hi * 1.5, true, fixedTicks);
    }

    /** A linear axis from zero to a bit above the largest value, so ratios between points read true. */
    static PlotAxis fromZero(String label, List<Double> values) {
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        return new PlotAxis(label, 0, hi > 0 ? hi * 1.15 : 1, false, List.of());
    }

    /** The value's position along the axis, 0 at {@code min} and 1 at {@code max}. */
    double fraction(double value) {
        return log ? (Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (value - min) / (max - min);
    }

    /** The pixel for a value when the axis runs from pixel {@code from} (at min) to pixel {@code to} (at max). */
    double toPixel(double value, double from, double to) {
        return from + fraction(value) * (to - from);
    }

    /** Where the ticks go, inside [min, max]. */
    List<Double> ticks() {
        if (!fixedTicks.isEmpty()) {
            return fixedTicks.stream().filter(t -> t >= min && t <= max).toList();
        }
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (int exponent = (int) Math.floor(Math.log10(min)); exponent <= (int) Math.ceil(Math.log10(max)); exponent++) {
                for (int mantissa : new int[] {1, 2, 5}) {
                    double tick = mantissa * Math.pow(10, exponent);
                    if (tick >= min && tick <= max) {
                        ticks.add(tick);
                    }
                }
            }
            return ticks;
        }
        double step = niceStep((max - min) / 5);
        for (double tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) {
            ticks.add(Math.abs(tick) < step * 1e-9 ? 0.0 : tick);
        }
        return ticks;
    }

    /** A tick's text: 10k, 200k, 1M for sizes; plain numbers without needless decimals otherwise. */
    static String format(double value) {
        if (value >= 1_000_000 && value % 100_000 == 0) {
            return trim(value / 1_000_000) + "M";
        }
        if (value >= 1_000 && value % 100 == 0) {
            return trim(value / 1_000) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        if (value == Math.rint(value)) {
            return String.valueOf((long) value);
        }
        return String.valueOf(Math.round(value * 100) / 100.0);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        for (int m : new int[] {1, 2, 5, 10}) {
            if (m * power >= rough) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
