package io.freshet.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./freshet models} and {@code ./freshet reindex}: the embedding model change, through index-service's operator
 * endpoint ({@code /actuator/models}) of a running {@code ./freshet up}.
 * <ul>
 *   <li>{@code models}: one model a line, {@code <id> <dimensions>}, and {@code serving} on the serving one's.</li>
 *   <li>{@code reindex --model <id>}: builds that model's indices while queries are served, printing documents done
 *   of the total, the rate and the time left, then moves the aliases and exits 0. Interrupted, the reindex goes on in
 *   index-service; the same command again follows it. {@code --rollback} serves the model kept before again.</li>
 * </ul>
 * Exit codes: 0 done, 1 failed (the reason printed), 2 wrong arguments.
 */
public final class ModelsCommand {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** index-service's port under {@code ./freshet up} (its actuator answers there). */
    static final String DEFAULT_INDEX_URL = "http://127.0.0.1:8083";
    private static final String USAGE_TEXT = """
            Usage: ./freshet models [--index-url URL]
                   ./freshet reindex --model <id> [--index-url URL] [--poll-seconds N]
                   ./freshet reindex --rollback [--index-url URL]""";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ModelsCommand(URI indexUrl, PrintStream out) {
        this.endpoint = indexUrl.resolve("/actuator/models");
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            (args.isEmpty() ? err : out).println(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        String command = args.get(0);
        String indexUrl = option(args, "--index-url", DEFAULT_INDEX_URL);
        String model = option(args, "--model", null);
        boolean rollback = args.contains("--rollback");
        Duration poll;
        try {
            poll = Duration.ofSeconds(Math.max(1, Long.parseLong(option(args, "--poll-seconds", "1"))));
        } catch (NumberFormatException e) {
            err.println("freshet " + command + ": --poll-seconds takes a number of seconds\n" + USAGE_TEXT);
            return USAGE;
        }
        var command0 = new ModelsCommand(URI.create(indexUrl), out);
        try {
            return switch (command) {
                case "models" -> command0.list();
                case "reindex" -> {
                    if (rollback == (model != null)) {
                        err.println("freshet reindex: give --model <id> or --rollback\n" + USAGE_TEXT);
                        yield USAGE;
                    }
                    yield rollback ? command0.rollback() : command0.reindex(model, poll);
                }
                default -> {
                    err.println("freshet: unknown command " + command + "\n" + USAGE_TEXT);
                    yield USAGE;
                }
            };
        } catch (ConnectException e) {
            err.println("freshet " + command + ": index-service does not answer at " + indexUrl
                    + " (start Freshet with ./freshet up, or give --index-url)");
            return FAILED;
        } catch (CommandFailed e) {
            err.println("freshet " + command + ": " + e.getMessage());
            return FAILED;
        } catch (IOException e) {
            err.println("freshet " + command + ": " + e);
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FAILED;
        }
    }

    int list() throws IOException, InterruptedException {
        JsonNode overview = get();
        String serving = overview.path("serving").asText();
        for (JsonNode model : overview.path("models")) {
            String id = model.path("id").asText();
            out.println(id + " " + model.path("dimensions").asInt() + (id.equals(serving) ? " serving" : ""));
        }
        return OK;
    }

    int reindex(String model, Duration poll) throws IOException, InterruptedException {
        JsonNode progress = post(model, "reindex");
        out.printf("Reindexing to %s: its indices fill from the changes topic while %s keeps serving.%n", model,
                get().path("serving").asText());
        Instant started = Instant.now();
        long firstDone = progress.path("documents").asLong();
        String last = "";
        while (!progress.path("ready").asBoolean(false)) {
            if (!progress.path("replayFailure").isNull() && !progress.path("replayFailure").isMissingNode()) {
                throw new CommandFailed("the replay failed: " + progress.path("replayFailure").asText()
                        + " (run the same command again to redo it)");
            }
            String line = progressLine(progress, started, firstDone);
            if (!line.equals(last)) {
                out.println(line);
                last = line;
            }
            Thread.sleep(poll.toMillis());
            JsonNode reindex = get().path("reindex");
            if (reindex.isMissingNode() || !model.equals(reindex.path("model").asText())) {
                throw new CommandFailed("the reindex to " + model + " is no longer running (another operator served or"
                        + " retired it?)");
            }
            progress = reindex;
        }
        out.println(progressLine(progress, started, firstDone));
        JsonNode served = post(model, "serve");
        out.printf("Serving %s now (was %s); %s stays up to date for ./freshet reindex --rollback.%n", model,
                served.path("previous").asText(), served.path("previous").asText());
        return OK;
    }

    int rollback() throws IOException, InterruptedException {
        String serving = get().path("serving").asText();
        JsonNode served = post(serving, "rollback");
        out.printf("Serving %s again (was %s).%n", served.path("serving").asText(), served.path("previous").asText());
        return OK;
    }

    /** Documents done of the total, the rate since the command started and the time left at that rate. */
    static String progressLine(JsonNode progress, Instant started, long firstDone) {
        long done = progress.path("documents").asLong();
        long total = progress.path("total").asLong();
        double seconds = Math.max(1e-3, Duration.between(started, Instant.now()).toMillis() / 1000.0);
        double rate = (done - firstDone) / seconds;
        String left = rate <= 0 ? "unknown" : duration(Math.max(0, total - done) / rate);
        return String.format(Locale.ROOT, "documents %d / %d (%.0f%%), %.1f documents/s, time left %s, on their way %d,"
                        + " replayed %d / %d", done, total, total == 0 ? 100.0 : 100.0 * Math.min(done, total) / total, rate,
                left, progress.path("pending").asLong(), progress.path("replayed").asLong(),
                progress.path("replayTotal").asLong())
                + (progress.path("replayAt").isTextual()
                        ? " (replay at " + progress.path("replayAt").asText().toLowerCase(Locale.ROOT) + ")" : "");
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private JsonNode get() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(endpoint).GET());
    }

    private JsonNode post(String model, String action) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("action", action).toString();
        return send(HttpRequest.newBuilder(URI.create(endpoint + "/" + model))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            throw new CommandFailed("index-service at " + endpoint + " does not expose the models endpoint"
                    + " (management.endpoints.web.exposure.include must name models)");
        }
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            throw new CommandFailed(body.path("error").asText(response.statusCode() + " " + response.body()));
        }
        return body;
    }

    private static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : fallback;
    }

    /** A refusal or failure the operator reads as it is. */
    static final class CommandFailed extends RuntimeException {
        CommandFailed(String message) {
            super(message);
        }
    }
}
