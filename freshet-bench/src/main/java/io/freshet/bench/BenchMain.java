package io.freshet.bench;

/**
 * {@code ./freshet bench}: runs the benchmark, writes DIR/report.json and DIR/report.md, prints the Markdown, and
 * exits 0, or 1 when the pipeline is broken (documents not indexed, quality below a sanity floor, updates never
 * searchable, a process died), or 2 on a bad command line. Speed never fails a run.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("freshet bench: " + e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        System.exit(run(options));
    }

    static int run(BenchOptions options) {
        Report report = new Benchmark(options, BenchMain::say).run();
        System.out.println();
        System.out.println(report.markdown());
        System.out.println("Written: " + options.out().resolve("report.json") + " and report.md");
        return report.failed() ? 1 : 0;
    }

    static void say(String line) {
        System.out.println(line.isEmpty() ? "" : "[bench] " + line);
        System.out.flush();
    }
}
