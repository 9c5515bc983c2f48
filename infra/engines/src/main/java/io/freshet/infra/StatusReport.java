package io.freshet.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code ./freshet status} found, and how it reads: components up or down, each stage's backlog, documents by
 * state and dead letters per topic. A section that could not be measured (its engine is down) says so instead.
 * Pure: {@link StatusCommand} gathers.
 *
 * @param launcher    e.g. "freshet up runs (pid 4242)"
 * @param lags        null when Kafka could not be asked; then {@code lagProblem} says why
 * @param documents   null when OpenSearch could not be asked; then {@code documentsProblem} says why
 * @param deadLetters records per dead-letter topic; null with {@code deadLettersProblem}
 */
record StatusReport(String checkout, String launcher, List<Component> components, List<ConsumerLag.Lag> lags,
                    String lagProblem, Documents documents, String documentsProblem, Map<String, Long> deadLetters,
                    String deadLettersProblem) {

    /** The states a document's status can have (DocumentState in freshet-contract), always shown, zeros too. */
    static final List<String> STATES = List.of("INDEXED", "PENDING", "REJECTED", "DELETED");

    /** @param detail what was seen: an address, a cluster colour, why it is down */
    record Component(String name, boolean up, String detail) {
    }

    /** @param chunks passages in the chunk index, null if it could not be counted */
    record Documents(Map<String, Long> byState, Long chunks) {
        long total() {
            return byState.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** 0 when every component is up, 1 otherwise. */
    int exitCode() {
        return down().isEmpty() ? 0 : 1;
    }

    List<String> down() {
        return components.stream().filter(c -> !c.up()).map(Component::name).toList();
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Freshet from " + checkout + ": " + launcher);
        lines.add("");
        lines.add("Components");
        components.forEach(c -> lines.add(String.format("  %-15s %-5s %s", c.name(), c.up() ? "UP" : "DOWN", c.detail())));

        lines.add("");
        lines.add("Stages (records waiting for each consumer group)");
        if (lags == null) {
            lines.add("  unknown: " + lagProblem);
        } else {
            lines.add(String.format("  %-7s %-24s %9s  %-9s  %s", "stage", "group", "lag", "consumers", "topics"));
            for (ConsumerLag.Lag lag : lags) {
                lines.add(String.format("  %-7s %-24s %9s  %-9s  %s%s", lag.stage().name(), lag.stage().group(),
                        String.format("%,d", lag.records()), lag.members(), String.join(", ", lag.stage().topics().stream()
                                .map(t -> t.replace(ConsumerLag.PIPELINE_TOPICS, "")).toList()), note(lag)));
            }
        }

        lines.add("");
        lines.add("Documents (status index, refreshed every 5 s)");
        if (documents == null) {
            lines.add("  unknown: " + documentsProblem);
        } else {
            Map<String, Long> states = new LinkedHashMap<>();
            STATES.forEach(state -> states.put(state, documents.byState().getOrDefault(state, 0L)));
            states.putAll(documents.byState());
            StringBuilder line = new StringBuilder(" ");
            states.forEach((state, count) -> line.append(String.format(" %s %,d ", state, count)));
            line.append(String.format(" (%,d documents", documents.total()));
            if (documents.chunks() != null) {
                line.append(String.format(", %,d passages searchable", documents.chunks()));
            }
            lines.add(line.append(')').toString());
        }

        lines.add("");
        lines.add("Dead letters (records the services rejected; ./freshet dlq list shows them)");
        if (deadLetters == null) {
            lines.add("  unknown: " + deadLettersProblem);
        } else if (deadLetters.isEmpty()) {
            lines.add("  no dead-letter topics yet");
        } else {
            deadLetters.forEach((topic, count) -> lines.add(String.format("  %-36s %,9d", topic, count)));
        }

        lines.add("");
        List<String> down = down();
        if (down.isEmpty()) {
            lines.add("All " + components.size() + " components are UP.");
        } else if (down.size() == components.size()) {
            lines.add("Nothing of Freshet answers: start it with ./freshet up.");
        } else {
            lines.add("DOWN: " + String.join(", ", down) + ". Their logs: ./freshet logs " + down.get(0)
                    + (down.size() > 1 ? " (or ./freshet logs for all)" : ""));
        }
        return lines;
    }

    /** A backlog nobody consumes is the one thing in the table that needs a person. */
    private static String note(ConsumerLag.Lag lag) {
        if (lag.members() == 0 && lag.records() > 0 && !lag.stage().name().equals("other")) {
            return "   <- nobody consumes: is " + lag.stage().group() + " running?";
        }
        return "";
    }
}
