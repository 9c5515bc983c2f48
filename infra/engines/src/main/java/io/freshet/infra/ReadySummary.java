package io.freshet.infra;

import io.freshet.infra.ServiceStack.Service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lines printed once everything runs: the "Freshet is ready" line with its timings (scripts and people wait
 * for it), the URLs, how to get a token, and a curl command (with a token) asking a question the published
 * documents can answer.
 *
 * @param totalSeconds since the user ran the command (including any build)
 */
record ReadySummary(double totalSeconds, double engineSeconds, double serviceSeconds, double documentSeconds,
                    List<Service> services, Path logs) {

    static final String SAMPLES_QUESTION = "What is the maximum hotel rate in London?"; // answered by samples/policies (docs/samples.md)
    static final String GENERIC_QUESTION = "What are these documents about?";
    private static final int TITLE_CHARS = 60;

    /** A question about the title of whatever a search found first; a generic one without a title. */
    static String questionAbout(Optional<String> firstHitTitle) {
        return firstHitTitle.map(title -> "What is " + (title.length() > TITLE_CHARS
                ? title.substring(0, TITLE_CHARS).strip() : title) + "?").orElse(GENERIC_QUESTION);
    }

    List<String> lines(String question) {
        String query = QueryClient.QUERY;
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(String.format("Freshet is ready in %.1f s (engines %.1f s, services %.1f s, documents %.1f s)",
                totalSeconds, engineSeconds, serviceSeconds, documentSeconds));
        lines.add("  Web page  " + query + "/  (sign in with a person's token, below)");
        lines.add("  Search    POST " + query + "/v1/search    {\"query\": \"...\", \"topK\": 5}");
        lines.add("  Answer    POST " + query + "/v1/answer    {\"question\": \"...\", \"topK\": 5}");
        lines.add("  Stream    POST " + query + "/v1/answer/stream  (Server-Sent Events: token, citations, done)");
        lines.add("  Chat      POST " + query + "/v1/chat/completions  (OpenAI-compatible; the API key is a token)");
        lines.add("  Agents    MCP (streamable HTTP) " + query + "/mcp");
        lines.add("  Status    GET  " + query + "/v1/documents/{id}");
        lines.add("  API docs  " + query + "/swagger-ui.html  (" + query + "/v3/api-docs)");
        lines.add("  Ingest    POST " + SamplePublishing.INGEST + "/v1/documents  (a DocumentChange, see docs/events.md;"
                + " a connector token)");
        lines.add("  Tokens    issuer " + FreshetUp.ISSUER + "; the APIs of query and ingest take"
                + " -H \"Authorization: Bearer $TOKEN\"");
        lines.add("            a person:    TOKEN=$(./freshet token --user alice --groups hr | tail -n1)");
        lines.add("            a connector: TOKEN=$(./freshet token --connector my-cms --sources cms | tail -n1)");
        for (Service service : services) {
            lines.add(String.format("  %-14s %s/actuator/health  %s/actuator/prometheus", service.name(),
                    service.managementUrl(), service.managementUrl()));
        }
        lines.add("  Engines   Kafka " + LocalEngines.KAFKA + ", OpenSearch " + LocalEngines.OPENSEARCH);
        lines.add("  Logs      " + logs);
        lines.add("");
        lines.add("Try:");
        lines.add("  TOKEN=$(./freshet token --user alice | tail -n1)");
        lines.add("  curl -s " + query + "/v1/answer -H 'Content-Type: application/json' -H \"Authorization: Bearer $TOKEN\" \\");
        // The question inside a single-quoted shell word: each ' becomes '\''.
        lines.add("       -d '{\"question\": " + DirectoryPublisher.json(question).replace("'", "'\\''") + ", \"topK\": 5}'");
        lines.add("");
        lines.add("Press Ctrl-C to stop.");
        return lines;
    }
}
