package io.freshet.infra;

/** What {@code ./freshet up} tells its user: one line at a time, flushed at once so progress shows as it happens. */
final class Console {

    private Console() {
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }
}
