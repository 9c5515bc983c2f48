package io.freshet.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Publishes every regular file of a directory through ingest-service's HTTP intake, as a connector would: one
 * DocumentChange (contract v1) per file, id = the path relative to the directory, sent with a connector token
 * granted {@link #SOURCE}.
 *
 * <p>Writes the JSON by hand: it dates from when {@code ./freshet}'s classpath had no Jackson (it has now, for
 * {@link QueryResponses}).
 */
final class DirectoryPublisher {

    static final String SOURCE = "freshet-up";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI intake;
    private final Supplier<String> token;

    /**
     * @param ingestUrl e.g. http://127.0.0.1:8081
     * @param token     a connector token whose {@code freshet_sources} include {@link #SOURCE}, asked for per file
     */
    DirectoryPublisher(String ingestUrl, Supplier<String> token) {
        this.intake = URI.create(ingestUrl + "/v1/documents");
        this.token = token;
    }

    /** A file that was accepted (202) or not, with the reason. */
    record Published(String id, long version, boolean accepted, String problem) {
    }

    /** Told after each file: how many are done of how many, and the last result. */
    interface Progress {
        void published(int done, int total, Published last);
    }

    List<Published> publishAll(Path directory) {
        return publishAll(directory, (done, total, last) -> {
        });
    }

    List<Published> publishAll(Path directory, Progress progress) {
        List<Path> files = files(directory);
        List<Published> results = new ArrayList<>();
        for (Path file : files) {
            results.add(publish(directory, file));
            progress.published(results.size(), files.size(), results.get(results.size() - 1));
        }
        return results;
    }

    /** The files {@link #publishAll} publishes, in the order it does. */
    static List<Path> files(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + directory, e);
        }
    }

    private Published publish(Path directory, Path file) {
        String id = directory.relativize(file).toString().replace(java.io.File.separatorChar, '/');
        // version = publication time: a re-run of `freshet up` is a newer version of the same documents.
        long version = System.currentTimeMillis();
        try {
            byte[] bytes = Files.readAllBytes(file);
            HttpRequest request = HttpRequest.newBuilder(intake)
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token.get())
                    .POST(HttpRequest.BodyPublishers.ofString(documentChange(id, version, file, bytes)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                return new Published(id, version, true, null);
            }
            String body = response.body() == null ? "" : response.body().strip();
            return new Published(id, version, false, "HTTP " + response.statusCode() + ": "
                    + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        } catch (IOException e) {
            return new Published(id, version, false, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Published(id, version, false, "interrupted");
        }
    }

    static String documentChange(String id, long version, Path file, byte[] bytes) {
        String contentType;
        try {
            contentType = Files.probeContentType(file);
        } catch (IOException e) {
            contentType = null; // ingest detects the type from the bytes
        }
        return "{"
                + "\"id\":" + json(id)
                + ",\"source\":" + json(SOURCE)
                + ",\"version\":" + version
                + ",\"op\":\"UPSERT\""
                + ",\"title\":null"
                + ",\"url\":" + json(file.toAbsolutePath().toUri().toString())
                + ",\"contentType\":" + json(contentType)
                + ",\"content\":{\"base64\":" + json(Base64.getEncoder().encodeToString(bytes)) + "}"
                + ",\"metadata\":{\"path\":" + json(id) + "}"
                + ",\"acl\":{\"public\":true,\"principals\":[]}"
                + ",\"occurredAt\":" + json(Instant.now().toString())
                + "}";
    }

    /** A JSON string literal, or null. */
    static String json(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The id as one URL path segment ("a/b c.pdf" → "a%2Fb%20c.pdf"). */
    static String pathSegment(String id) {
        // Slashes stay as they are: the services take the rest of the path as the id ("%2F" is refused by Tomcat).
        return java.util.Arrays.stream(id.split("/", -1))
                .map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(java.util.stream.Collectors.joining("/"));
    }
}
