package io.freshet.infra;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The arguments of {@code ./freshet dlq}, checked before anything talks to the broker.
 *
 * @param topic     the topic as typed (resolved against the broker by {@link #resolve}); null for every topic
 * @param offset    the record's offset, {@link #LATEST} for the newest, null with --all or for list
 * @param partition null: the topic's only partition
 */
record DeadLetterRequest(String action, String topic, Long offset, Integer partition, int limit, boolean all,
                         boolean full, boolean dryRun, String bootstrapServers, Path repo) {

    static final long LATEST = -1;
    static final String USAGE = """
            Usage: freshet dlq list [TOPIC] [--limit N]
                   freshet dlq show TOPIC OFFSET|latest [--partition P] [--full]
                   freshet dlq replay TOPIC --offset OFFSET|latest [--partition P] [--dry-run]
                   freshet dlq replay TOPIC --all [--dry-run]
            TOPIC: a dead-letter topic (freshet.documents.changes.dlq) or its stage (changes, extracted, embedded, status).
            All take --bootstrap-server HOST:PORT (default %s).""".formatted(BrokerClients.LOCAL);
    private static final String PIPELINE_PREFIX = "freshet.documents.";

    static DeadLetterRequest parse(List<String> args, Path workingDirectory) {
        CommandArguments parsed = CommandArguments.parse(args,
                Set.of("--limit", "--partition", "--offset", "--bootstrap-server"), Set.of("--all", "--full", "--dry-run"),
                workingDirectory);
        List<String> words = parsed.words();
        if (words.isEmpty()) {
            throw new CommandArguments.UsageException("Say what to do: list, show or replay");
        }
        String action = words.get(0);
        int limit = (int) parsed.number("--limit", 5, 1, 10_000);
        Integer partition = parsed.options().containsKey("--partition")
                ? (int) parsed.number("--partition", 0, 0, Integer.MAX_VALUE) : null;
        String bootstrap = parsed.option("--bootstrap-server", BrokerClients.LOCAL);
        switch (action) {
            case "list" -> {
                only(parsed, action, Set.of("--limit", "--bootstrap-server"), Set.of());
                if (words.size() > 2) {
                    throw new CommandArguments.UsageException("list takes at most one topic, not " + words.subList(1, words.size()));
                }
                return new DeadLetterRequest(action, words.size() == 2 ? words.get(1) : null, null, null, limit, false,
                        false, false, bootstrap, parsed.repo());
            }
            case "show" -> {
                only(parsed, action, Set.of("--partition", "--bootstrap-server"), Set.of("--full"));
                if (words.size() != 3) {
                    throw new CommandArguments.UsageException("show takes a topic and an offset (or latest), e.g. "
                            + "./freshet dlq show changes 0");
                }
                return new DeadLetterRequest(action, words.get(1), offset("OFFSET", words.get(2)), partition, limit, false,
                        parsed.flag("--full"), false, bootstrap, parsed.repo());
            }
            case "replay" -> {
                only(parsed, action, Set.of("--offset", "--partition", "--bootstrap-server"), Set.of("--all", "--dry-run"));
                if (words.size() != 2) {
                    throw new CommandArguments.UsageException("replay takes one topic, then --offset N or --all");
                }
                boolean all = parsed.flag("--all");
                String offset = parsed.options().get("--offset");
                if (all == (offset != null)) {
                    throw new CommandArguments.UsageException("replay needs exactly one of --offset N (one record) and "
                            + "--all (every record not replayed yet)");
                }
                if (all && partition != null) {
                    throw new CommandArguments.UsageException("--all replays every partition; --partition goes with --offset");
                }
                return new DeadLetterRequest(action, words.get(1), all ? null : offset("--offset", offset), partition,
                        limit, all, false, parsed.flag("--dry-run"), bootstrap, parsed.repo());
            }
            default -> throw new CommandArguments.UsageException("Unknown dlq action: " + action + " (list, show or replay)");
        }
    }

    /**
     * The dead-letter topic the user means: its full name, or its stage's short name. A topic that is not a dead-letter
     * topic is refused, never taken for its dead-letter topic.
     *
     * @throws DeadLetters.NotFound         when there is no such topic
     * @throws CommandArguments.UsageException when the topic is not a dead-letter topic
     */
    static String resolve(String typed, Collection<String> deadLetterTopics, Collection<String> allTopics) {
        String known = deadLetterTopics.isEmpty() ? "there are no dead-letter topics yet"
                : "the dead-letter topics are " + String.join(", ", new TreeSet<>(deadLetterTopics));
        if (typed.endsWith(DeadLetters.SUFFIX)) {
            if (deadLetterTopics.contains(typed)) {
                return typed;
            }
            throw new DeadLetters.NotFound("no dead-letter topic " + typed + " on the broker; " + known);
        }
        if (allTopics.contains(typed)) {
            String suggestion = deadLetterTopics.contains(typed + DeadLetters.SUFFIX)
                    ? "; its dead letters are in " + typed + DeadLetters.SUFFIX : "";
            throw new CommandArguments.UsageException(typed + " is not a dead-letter topic (their names end in "
                    + DeadLetters.SUFFIX + ")" + suggestion);
        }
        String stage = PIPELINE_PREFIX + typed + DeadLetters.SUFFIX;
        if (!typed.contains(".") && deadLetterTopics.contains(stage)) {
            return stage;
        }
        throw new DeadLetters.NotFound("no dead-letter topic " + typed + " and no stage '" + typed + "' with one on the "
                + "broker; " + known);
    }

    private static Long offset(String what, String value) {
        if (value.equalsIgnoreCase("latest")) {
            return LATEST;
        }
        return CommandArguments.number(what + " " + value, value, 0, Long.MAX_VALUE);
    }

    /** An option another action takes is an error here, not silently ignored. */
    private static void only(CommandArguments parsed, String action, Set<String> valued, Set<String> flags) {
        for (String option : parsed.options().keySet()) {
            if (!valued.contains(option)) {
                throw new CommandArguments.UsageException(option + " does not go with dlq " + action);
            }
        }
        for (String flag : parsed.flags()) {
            if (!flags.contains(flag)) {
                throw new CommandArguments.UsageException(flag + " does not go with dlq " + action);
            }
        }
    }
}
