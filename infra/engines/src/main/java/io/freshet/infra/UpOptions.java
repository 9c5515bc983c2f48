package io.freshet.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code ./freshet up}: {@code --repo DIR} (the checkout; default the working directory),
 * {@code --docs DIR} (default {@code <repo>/samples}), {@code --service-timeout SECONDS} (default 240) and
 * {@code --settle-timeout SECONDS} (how long to wait for the documents, default 60). A later repeat of an option wins.
 */
record UpOptions(Path repo, Path docs, Duration serviceTimeout, Duration settleTimeout) {

    static final String USAGE = "Usage: freshet up [--docs DIR] [--service-timeout SECONDS] [--settle-timeout SECONDS]";
    private static final List<String> NAMES = List.of("--repo", "--docs", "--service-timeout", "--settle-timeout");

    /** An option that is not one of {@link #NAMES}, or one without its value. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param workingDirectory the default checkout
     * @throws UsageException         for an unknown option or one without a value
     * @throws NumberFormatException  for a timeout that is not a whole number of seconds
     */
    static UpOptions parse(List<String> args, Path workingDirectory) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!NAMES.contains(name) || i + 1 >= args.size()) {
                throw new UsageException("Unknown or incomplete option: " + name);
            }
            options.put(name, args.get(++i));
        }
        Path repo = Path.of(options.getOrDefault("--repo", workingDirectory.toString())).toAbsolutePath().normalize();
        Path docs = Path.of(options.getOrDefault("--docs", repo.resolve("samples").toString())).toAbsolutePath().normalize();
        return new UpOptions(repo, docs,
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--service-timeout", "240"))),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("--settle-timeout", "60"))));
    }

    /** Whether the documents are the checkout's own samples, whose content (docs/samples.md) is known. */
    boolean publishesSamples() {
        return docs.equals(repo.resolve("samples").toAbsolutePath().normalize());
    }
}
