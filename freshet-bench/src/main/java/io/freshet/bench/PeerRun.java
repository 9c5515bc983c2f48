package io.freshet.bench;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * The peer's result line ({@code "event": "ingested"}, printed by io.freshet.peer.PeerIngest), as report.json's
 * throughput.peer shows it.
 *
 * @param modelTokens       tokens the model embedded, as LangChain4j's token usage counts them (special tokens included)
 * @param meanSegmentTokens mean tokens a segment by the splitter's own count (the model's tokenizer, no special tokens)
 * @param seconds           first document read → the refreshed index counts every segment written
 * @param cpuSeconds        the peer process's CPU over those seconds (its JVM start and model load excluded)
 */
record PeerRun(int documents, int skippedBlank, int segments, long indexed, long modelTokens, double meanSegmentTokens,
               double seconds, double cpuSeconds) {

    static final String EVENT = "ingested";

    /** The result among the peer's stdout lines; an error saying what came instead when there is none. */
    static PeerRun fromOutput(List<String> stdout) {
        for (String line : stdout) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("{")) {
                continue;
            }
            JsonNode json;
            try {
                json = JsonHttp.JSON.readTree(trimmed);
            } catch (RuntimeException e) {
                continue; // a log line that happens to start with a brace
            }
            if (EVENT.equals(json.path("event").asString(""))) {
                return of(json);
            }
        }
        throw new IllegalStateException("the peer printed no result line (\"event\": \"" + EVENT + "\"); its output: "
                + (stdout.isEmpty() ? "none" : String.join(" | ", stdout.subList(Math.max(0, stdout.size() - 5), stdout.size()))));
    }

    private static PeerRun of(JsonNode json) {
        PeerRun run = new PeerRun(json.path("documents").asInt(-1), json.path("skipped_blank").asInt(0),
                json.path("segments").asInt(-1), json.path("indexed").asLong(-1), json.path("model_tokens").asLong(0),
                json.path("mean_segment_tokens").asDouble(0), json.path("seconds").asDouble(-1),
                json.path("cpu_seconds").asDouble(0));
        if (run.documents() < 1 || run.segments() < 1 || run.seconds() <= 0) {
            throw new IllegalStateException("the peer's result line has no documents, segments or time: " + json);
        }
        return run;
    }

    /** Unrounded, for ratios. */
    double documentsPerSecond() {
        return documents / seconds;
    }

    double chunksPerSecond() {
        return segments / seconds;
    }
}
