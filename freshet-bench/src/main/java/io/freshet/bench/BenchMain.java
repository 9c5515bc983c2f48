package io.freshet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Map<String, Object> run = new LinkedHashMap<>();
        report.put("run", run);
        run.put("started", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(startedAt.atZone(ZoneId.systemDefault())));
        run.put("command", String.join(" ", options.commandLine()));
        run.put("smoke", options.smoke());
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("memory_gib", memoryGib());
        machine.put("load_average_start", loadAverage());
        machine.put("java", System.getProperty("java.version"));
        run.put("machine", machine);
        run.put("git", git(options.repo()));
        run.put("corpus", options.corpus().toString());
        run.put("queries", options.queries().toString());
        run.put("qrels", options.qrels().toString());
        run.put("service_arguments", options.springArguments());
        run.put("out", options.out().toString());

        say("Freshet benchmark" + (options.smoke() ? " (smoke)" : "") + " — results in " + options.out());
        say("Machine: " + machine.get("cores") + " cores, load average " + machine.get("load_average_start"));
        ProcessMonitor monitor = new ProcessMonitor();
        monitor.watch("bench", ProcessHandle.current().pid());
        try {
            Files.createDirectories(options.out());
            BeirDataset data = BeirDataset.load(options.corpus(), options.queries(), options.qrels());
            if (data.corpus().size() > options.maxDocuments() || data.queries().size() > options.maxQueries()) {
                data = data.subset(options.maxDocuments(), options.maxQueries());
            }
            run.put("evaluated_queries", data.queries().size());
            say("Data: " + data.corpus().size() + " documents, " + data.queries().size() + " queries with judgments");
            new Benchmark(options, data, monitor, report, failures, BenchMain::say).run();
        } catch (RuntimeException | IOException e) {
            failures.add("the benchmark could not run: " + e);
            e.printStackTrace();
        } finally {
            monitor.close();
        }
        machine.put("load_average_end", loadAverage());
        run.put("seconds", Report.round((System.nanoTime() - started) / 1e9, 0));
        report.put("failures", failures);
        Report rendered = new Report(report);
        rendered.write(options.out());
        System.out.println();
        System.out.println(rendered.markdown());
        System.out.println("Written: " + options.out().resolve("report.json") + " and report.md");
        return failures.isEmpty() ? 0 : 1;
    }

    static void say(String line) {
        System.out.println(line.isEmpty() ? "" : "[bench] " + line);
        System.out.flush();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Object memoryGib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Report.round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1048576.0, 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    /** The commit and whether the working tree differs from it, so a result can be tied to the code that made it. */
    private static String git(Path repo) {
        try {
            String commit = command(repo, "git", "rev-parse", "--short", "HEAD");
            String changes = command(repo, "git", "status", "--porcelain", "--untracked-files=no");
            return commit + (changes.isBlank() ? "" : " + uncommitted changes");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String command(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
