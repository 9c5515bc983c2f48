package io.freshet.bench;

import java.util.ArrayList;
import java.util.List;

/** Waiting without checked exceptions: an interrupt ends the run, as the bench has nothing to clean up halfway. */
final class Threads {

    private Threads() {
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Runs {@code body} on {@code count} threads named {@code name-0}, {@code name-1}, ... and waits for all. */
    static void runOnThreads(int count, String name, Runnable body) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(body, name + "-" + i);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
