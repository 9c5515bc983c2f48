package io.freshet.bench;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL;

/**
 * What ran where (report.json's "run"): the command, the machine, the checkout and the data, so a result can be tied
 * to what made it.
 *
 * @param evaluatedQueries absent when the data set could not be loaded
 * @param startupSeconds   engines and services up; absent when they did not start
 */
record RunInfo(
        String started,
        String command,
        boolean smoke,
        Machine machine,
        String git,
        String corpus,
        String queries,
        String qrels,
        List<String> serviceArguments,
        String out,
        @JsonInclude(NON_NULL) Integer evaluatedQueries,
        @JsonInclude(NON_NULL) Double startupSeconds,
        Double seconds) {

    /** @param memoryGib a number, or "unknown" off Linux */
    record Machine(int cores, Object memoryGib, String loadAverageStart, String java, String loadAverageEnd) {
    }

    /** What is known as the run starts; {@link #finished} adds the rest. */
    static RunInfo atStart(BenchOptions options, Instant startedAt) {
        Machine machine = new Machine(Runtime.getRuntime().availableProcessors(), memoryGib(), loadAverage(),
                System.getProperty("java.version"), null);
        return new RunInfo(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(startedAt.atZone(ZoneId.systemDefault())),
                String.join(" ", options.commandLine()), options.smoke(), machine, git(options.repo()),
                options.corpus().toString(), options.queries().toString(), options.qrels().toString(),
                options.springArguments(), options.out().toString(), null, null, null);
    }

    RunInfo finished(Integer evaluatedQueries, Double startupSeconds, Double seconds) {
        Machine ended = new Machine(machine.cores(), machine.memoryGib(), machine.loadAverageStart(), machine.java(), loadAverage());
        return new RunInfo(started, command, smoke, ended, git, corpus, queries, qrels, serviceArguments, out,
                evaluatedQueries, startupSeconds, seconds);
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
