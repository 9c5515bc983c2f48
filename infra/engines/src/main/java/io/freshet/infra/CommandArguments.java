package io.freshet.infra;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of one of the operator's commands ({@code status}, {@code dlq}, {@code publish}, {@code logs}):
 * words in order, {@code --name value} options and {@code --flag}s, each checked against what the command knows, so a
 * typo is an error instead of being ignored. Every command takes {@code --repo DIR} (the script passes the checkout).
 */
record CommandArguments(List<String> words, Map<String, String> options, Set<String> flags, Path repo) {

    /** Arguments the command cannot run with; the message says what to change. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /**
     * @param valued the options that take a value (besides {@code --repo})
     * @param flags  the options that do not
     * @throws UsageException for an unknown option, or a valued one without its value
     */
    static CommandArguments parse(List<String> args, Set<String> valued, Set<String> flags, Path workingDirectory) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        Set<String> given = new java.util.LinkedHashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                words.add(arg);
            } else if (arg.equals("--repo") || valued.contains(arg)) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(arg + " needs a value");
                }
                options.put(arg, args.get(++i));
            } else if (flags.contains(arg)) {
                given.add(arg);
            } else {
                throw new UsageException("Unknown option: " + arg);
            }
        }
        Path repo = Path.of(options.getOrDefault("--repo", workingDirectory.toString())).toAbsolutePath().normalize();
        options.remove("--repo");
        return new CommandArguments(List.copyOf(words), Map.copyOf(options), Set.copyOf(given), repo);
    }

    String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /** The option as a whole number within bounds, or {@code otherwise} when it is not given. */
    long number(String name, long otherwise, long min, long max) {
        String value = options.get(name);
        if (value == null) {
            return otherwise;
        }
        return number(name + " " + value, value, min, max);
    }

    /** {@code value} as a whole number within bounds; {@code what} names it in the error. */
    static long number(String what, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageException(what + ": not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new UsageException(what + ": must be between " + min + " and " + max);
        }
        return parsed;
    }
}
