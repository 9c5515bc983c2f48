package io.freshet.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code ./freshet token}: either {@code --user NAME [--groups a,b]} (a person's token for
 * query-service) or {@code --connector NAME --sources s1[,s2]} (a connector's token for ingest-service's intake),
 * with {@code --ttl-minutes N} (default 60) and {@code --repo DIR} (the checkout; the script passes it). A later
 * repeat of an option wins, as in {@link UpOptions}.
 *
 * @param user      the person, or null for a connector token
 * @param connector the connector, or null for a user token
 * @param names     the groups of a user, or the sources of a connector
 */
record TokenOptions(Path repo, String user, String connector, List<String> names, Duration ttl) {

    static final String USAGE = """
            Usage: freshet token --user NAME [--groups GROUP[,GROUP...]] [--ttl-minutes N]
                   freshet token --connector NAME --sources SOURCE[,SOURCE...] [--ttl-minutes N]
            Prints who the token is for and until when, then the token alone on the last line:
              TOKEN=$(./freshet token --user alice --groups hr | tail -n1)""";
    static final Duration DEFAULT_TTL = Duration.ofMinutes(60);
    private static final List<String> NAMES = List.of("--repo", "--user", "--groups", "--connector", "--sources",
            "--ttl-minutes");

    /** Arguments that do not make one token; the message says what to change. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** @throws UsageException for anything but exactly one well-formed user or connector request */
    static TokenOptions parse(List<String> args, Path workingDirectory) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!NAMES.contains(name)) {
                throw new UsageException("Unknown option: " + name);
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new UsageException(name + " needs a value");
            }
            options.put(name, args.get(++i));
        }
        Path repo = Path.of(options.getOrDefault("--repo", workingDirectory.toString())).toAbsolutePath().normalize();
        Duration ttl = ttl(options.get("--ttl-minutes"));
        String user = options.get("--user");
        String connector = options.get("--connector");
        if (user == null && connector == null) {
            throw new UsageException("Say whom the token is for: --user NAME or --connector NAME");
        }
        if (user != null && connector != null) {
            throw new UsageException("One token is for a user or for a connector, not both: drop --user or --connector");
        }
        if (user != null) {
            if (options.containsKey("--sources")) {
                throw new UsageException("--sources is for a connector's token; a user's token takes --groups");
            }
            return new TokenOptions(repo, name("--user", user), null, list("--groups", options.getOrDefault("--groups", "")),
                    ttl);
        }
        if (options.containsKey("--groups")) {
            throw new UsageException("--groups is for a user's token; a connector's token takes --sources");
        }
        List<String> sources = list("--sources", options.getOrDefault("--sources", ""));
        if (sources.isEmpty()) {
            throw new UsageException("A connector's token needs the sources it may publish: --sources SOURCE[,SOURCE...]");
        }
        return new TokenOptions(repo, null, name("--connector", connector), sources, ttl);
    }

    boolean forUser() {
        return user != null;
    }

    /** Where {@code ./freshet up} keeps the issuer's key pair. */
    Path issuerKeys() {
        return new RunFiles(repo).issuerKeys();
    }

    private static String name(String option, String value) {
        if (value.isBlank()) {
            throw new UsageException(option + " needs a name, not a blank");
        }
        if (!value.equals(value.strip())) {
            throw new UsageException(option + " '" + value + "': no spaces around the name");
        }
        return value;
    }

    /** A comma-separated list; empty for an empty value, but no empty item ("a,,b"). */
    private static List<String> list(String option, String value) {
        List<String> items = new ArrayList<>();
        if (value.isBlank()) {
            return items;
        }
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) {
                throw new UsageException(option + " '" + value + "' has an empty item");
            }
            items.add(item.strip());
        }
        return List.copyOf(items);
    }

    private static Duration ttl(String minutes) {
        if (minutes == null) {
            return DEFAULT_TTL;
        }
        try {
            long value = Long.parseLong(minutes.strip());
            if (value < 1 || value > Duration.ofDays(365).toMinutes()) {
                throw new UsageException("--ttl-minutes must be between 1 and 525600, not " + minutes);
            }
            return Duration.ofMinutes(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--ttl-minutes must be a whole number of minutes, not '" + minutes + "'");
        }
    }
}
