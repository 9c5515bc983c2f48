package io.freshet.ingest.extraction;

import java.time.Duration;
import java.util.Locale;

/** Sizes and durations as rejection reasons state them: "73 MB", "2.2 MB", "100 KB", "50 ms", "1.5 s". */
final class HumanReadable {

    private HumanReadable() {
    }

    static String size(long bytes) {
        if (bytes >= 1024L * 1024) {
            return decimal(bytes / (1024.0 * 1024)) + " MB";
        }
        if (bytes >= 1024) {
            return decimal(bytes / 1024.0) + " KB";
        }
        return bytes + " bytes";
    }

    static String duration(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : decimal(duration.toMillis() / 1000.0) + " s";
    }

    /** 73 → "73", 50.25 → "50.3": whole numbers without a needless ".0". */
    private static String decimal(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    }
}
