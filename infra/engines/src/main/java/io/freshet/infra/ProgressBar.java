package io.freshet.infra;

import java.time.Duration;

/**
 * The progress line of {@code ./freshet publish}: a bar, files done of total, the rate and the time left. On a terminal
 * the line is redrawn in place; into a file or pipe a line is printed every tenth of the way, so a log stays short.
 * Pure: the caller passes the elapsed time.
 */
final class ProgressBar {

    private final int total;
    private final int width;

    ProgressBar(int total, int width) {
        if (total < 0 || width < 1) {
            throw new IllegalArgumentException("total " + total + ", width " + width);
        }
        this.total = total;
        this.width = width;
    }

    /** E.g. {@code [#########...........]  12/40 files  3.4 files/s  8 s left  1 not accepted}. */
    String line(int done, Duration elapsed, int notAccepted) {
        int filled = total == 0 ? width : (int) ((long) done * width / total);
        StringBuilder line = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(width - filled))
                .append("]  ");
        String count = Integer.toString(total);
        line.append(String.format("%" + count.length() + "d/%s files", done, count));
        double seconds = elapsed.toMillis() / 1000.0;
        if (done > 0 && seconds > 0) {
            double rate = done / seconds;
            line.append(String.format("  %.1f files/s", rate));
            if (done < total) {
                line.append("  ").append(RestartAnnouncer.duration(Duration.ofMillis(Math.round((total - done) / rate * 1000))))
                        .append(" left");
            }
        }
        if (notAccepted > 0) {
            line.append("  ").append(notAccepted).append(" not accepted");
        }
        return line.toString();
    }

    /** Whether a non-terminal prints this step: the first, each tenth of the way, and the last. */
    boolean worthALine(int done) {
        if (done <= 1 || done >= total) {
            return true;
        }
        return (long) done * 10 / total != (long) (done - 1) * 10 / total;
    }
}
