package io.freshet.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code ./freshet logs [COMPONENT]}: the last lines of a component's log under {@code work/logs/}, then what it
 * writes from then on, until Ctrl-C; without a component, every log, each line prefixed with its component. Exit
 * codes: 0 (--no-follow, or stopped), 1 no logs at all, 2 wrong arguments or an unknown component (the known ones
 * are listed).
 */
public final class LogsCommand {

    static final String USAGE = """
            Usage: freshet logs [COMPONENT] [--lines N] [--no-follow]
            Shows the last N lines (default 20) of work/logs/COMPONENT.log and follows it until Ctrl-C; without
            COMPONENT, every component's log with its name before each line.""";
    private static final Duration POLL = Duration.ofMillis(250);

    private LogsCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), Path.of(System.getProperty("user.dir")), System.out, System.err, true));
    }

    /** @param poll whether to go on following (false: print the tails and return, for tests) */
    static int run(List<String> args, Path workingDirectory, PrintStream out, PrintStream err, boolean poll) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        CommandArguments parsed;
        int lines;
        try {
            parsed = CommandArguments.parse(args, Set.of("--lines"), Set.of("--no-follow"), workingDirectory);
            if (parsed.words().size() > 1) {
                throw new CommandArguments.UsageException("logs takes at most one component, not " + parsed.words());
            }
            lines = (int) parsed.number("--lines", 20, 0, 100_000);
        } catch (CommandArguments.UsageException e) {
            err.println("freshet logs: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Path logs = new RunFiles(parsed.repo()).logs();
        List<String> components = components(logs);
        if (components.isEmpty()) {
            err.println("freshet logs: no logs in " + logs + ": Freshet never ran from this checkout (./freshet up)");
            return 1;
        }
        List<String> chosen = components;
        if (!parsed.words().isEmpty()) {
            String name = parsed.words().get(0);
            if (!components.contains(name)) {
                err.println("freshet logs: no component '" + name + "'. Components with a log in " + logs + ": "
                        + String.join(", ", components));
                return 2;
            }
            chosen = List.of(name);
        }
        int width = chosen.stream().mapToInt(String::length).max().orElse(0);
        boolean prefixed = chosen.size() > 1;
        List<LogFollower> followers = chosen.stream().map(c -> new LogFollower(logs.resolve(c + ".log"))).toList();
        for (int i = 0; i < chosen.size(); i++) {
            String tail = lines == 0 ? "" : ChildProcess.tail(logs.resolve(chosen.get(i) + ".log"), lines);
            String prefix = prefix(chosen.get(i), width, prefixed);
            tail.lines().forEach(line -> out.println(prefix + line));
        }
        out.flush();
        if (!poll || parsed.flag("--no-follow")) {
            return 0;
        }
        while (!Thread.currentThread().isInterrupted()) {
            for (int i = 0; i < followers.size(); i++) {
                String prefix = prefix(chosen.get(i), width, prefixed);
                followers.get(i).poll().forEach(line -> out.println(prefix + line));
            }
            out.flush();
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /** The components with a log of this run ({@code <name>.log}; the previous run's {@code .log.1} are not). */
    static List<String> components(Path logs) {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .map(n -> n.substring(0, n.length() - ".log".length())).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** "[kafka]          " padded to the longest name, so the lines of all logs align. */
    static String prefix(String component, int width, boolean prefixed) {
        return prefixed ? String.format("%-" + (width + 2) + "s ", "[" + component + "]") : "";
    }
}
