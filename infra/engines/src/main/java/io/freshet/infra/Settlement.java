package io.freshet.infra;

import io.freshet.infra.QueryResponses.DocumentStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which published documents have left PENDING, and in what state: the bookkeeping of the settle wait, kept
 * apart from its HTTP calls and clock so that it can be checked on its own.
 */
final class Settlement {

    /** Published id to published version, in publication order. */
    private final Map<String, Long> published = new LinkedHashMap<>();
    private final Map<String, String> settled = new TreeMap<>();
    private final Map<String, String> reasons = new TreeMap<>();

    Settlement(List<DirectoryPublisher.Published> documents) {
        documents.forEach(d -> published.put(d.id(), d.version()));
    }

    /** The documents still waited for, in publication order. */
    List<String> pending() {
        return published.keySet().stream().filter(id -> !settled.containsKey(id)).toList();
    }

    /** Takes a status answer; only one for the published version (or a later one) settles the document. */
    void observe(String id, DocumentStatus status) {
        Long version = published.get(id);
        if (version != null && !settled.containsKey(id) && status.settledAt(version)) {
            settled.put(id, status.state());
            if (status.reason() != null) {
                reasons.put(id, status.reason());
            }
        }
    }

    int settledCount() {
        return settled.size();
    }

    int total() {
        return published.size();
    }

    boolean complete() {
        return settled.size() == published.size();
    }

    /** The closing report: counts per state, then every document that did not end INDEXED, with its reason. */
    List<String> report(double seconds) {
        Map<String, Integer> counts = new TreeMap<>();
        settled.values().forEach(state -> counts.merge(state, 1, Integer::sum));
        List<String> lines = new ArrayList<>();
        lines.add(String.format("  documents after %.1f s: %s", seconds, counts));
        settled.forEach((id, state) -> {
            if (!"INDEXED".equals(state)) {
                lines.add("    " + state + " " + id + (reasons.containsKey(id) ? " — " + reasons.get(id) : ""));
            }
        });
        pending().forEach(id -> lines.add("    PENDING " + id));
        return lines;
    }
}
