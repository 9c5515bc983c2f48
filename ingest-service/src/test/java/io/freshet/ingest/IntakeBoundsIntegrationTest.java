package io.freshet.ingest;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.Topics;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake's bounds: every malformed, oversized or misaddressed request is a problem+json, and publishes nothing. */
class IntakeBoundsIntegrationTest extends IntakeIntegrationTest {

    @Test
    void aBodyDeclaredOverTheEventLimitIs413WithoutBeingRead() throws Exception {
        // Only the headers are sent: the answer cannot depend on reading the 16 MiB that are announced.
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + connectorToken("it-connector", SOURCE) + "\r\n"
                    + "Content-Length: " + (Topics.MAX_EVENT_BYTES + 1) + "\r\n\r\n{\"id\": ").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readResponse(socket.getInputStream());

            assertThat(response).startsWith("HTTP/1.1 413 ");
            assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
            assertThat(response).contains("\"status\":413").contains("over the limit of " + Topics.MAX_EVENT_BYTES + " bytes");
        }
    }

    /** Up to the end of the problem's JSON: the server may keep the connection open to discard what was announced. */
    private static String readResponse(InputStream in) throws Exception {
        StringBuilder response = new StringBuilder();
        byte[] buffer = new byte[4096];
        while (!(response.indexOf("\r\n\r\n") > 0 && response.indexOf("}", response.indexOf("\r\n\r\n")) > 0)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            response.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return response.toString();
    }

    @Test
    void aStreamedBodyOverTheEventLimitIs413() throws Exception {
        byte[] oversized = new byte[Topics.MAX_EVENT_BYTES + 1];
        java.util.Arrays.fill(oversized, (byte) ' ');
        // No Content-Length (chunked): the limit is found while reading, which stops one byte past it.
        HttpRequest request = request("/v1/documents", asConnector()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversized))).build();

        assertThat(assertProblem(send(request), 413).get("detail").asString()).contains("over the limit");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIs400() throws Exception {
        assertThat(assertProblem(post("", asConnector()), 400).get("detail").asString())
                .isEqualTo("not an event: the value is empty");
        assertThat(assertProblem(post("{not json", asConnector()), 400).get("detail").asString())
                .startsWith("not an event: malformed JSON");
        assertThat(assertProblem(post("[1, 2]", asConnector()), 400).get("detail").asString())
                .isEqualTo("not an event: expected a JSON object");
        HttpRequest latin1 = request("/v1/documents", asConnector()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xE9, '"', '}'})).build();
        assertThat(assertProblem(send(latin1), 400).get("detail").asString()).isEqualTo("not an event: the body is not UTF-8");
    }

    @Test
    void aBodyThatIsNotJsonByItsContentTypeIs415() throws Exception {
        String id = uniqueId("bounds-type");
        String body = textChange(id, SOURCE);
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/json; charset=ISO-8859-1")) {
            HttpRequest request = request("/v1/documents", asConnector()).header("Content-Type", type)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            assertThat(send(request).statusCode()).as(type).isEqualTo(415);
            assertProblem(send(request), 415);
        }
        HttpRequest untyped = request("/v1/documents", asConnector()).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertProblem(send(untyped), 415);
        assertNothingPublished(Set.of(id));
    }

    @Test
    void aBadVersionIs400() throws Exception {
        String id = uniqueId("bounds-version");
        for (String version : List.of("abc", "-1", "1.5", "99999999999999999999", "9223372036854775807",
                "9007199254740992", "")) {
            HttpResponse<String> response = delete(id + "?source=" + SOURCE + "&version=" + version, asConnector());
            assertThat(response.statusCode()).as(version).isEqualTo(400);
            assertThat(assertProblem(response, 400).get("detail").asString()).as(version)
                    .isEqualTo("contract violation: 'version' must be an integer from 0 to 9007199254740991 (2^53 - 1)");
        }
        assertNothingPublished(Set.of(id));
        assertThat(delete(id + "?source=" + SOURCE + "&version=9007199254740991", asConnector()).statusCode()).isEqualTo(202);
    }

    @Test
    void anIdWithAnEncodedSlashOrControlCharacterIs400() throws Exception {
        for (String id : List.of("a%2Fb", "a%2fb", "a%5Cb", "a%0Ab", "a%0Db", "a%00b", "a%09b", "a%7Fb", "a%1Bb")) {
            HttpResponse<String> response = delete(id + "?source=" + SOURCE, asConnector());
            assertThat(response.statusCode()).as(id).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(id).startsWith("application/problem+json");
            assertProblem(response, 400);
        }
        assertProblem(delete("doc-1?source=it%0Aforged", asConnector()), 400);
        assertNothingPublished(Set.of("a/b", "a\\b", "a\nb", "a\rb", "a\u0000b", "a\tb", "a\u007fb", "a\u001bb", "doc-1"));
    }

    @Test
    void unknownPathsAndMethodsAreProblems() throws Exception {
        assertProblem(send(request("/v1/nothing", asConnector()).GET().build()), 404);
        assertProblem(send(request("/v1/other", asConnector()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 404);
        assertProblem(send(request("/v1/documents", asConnector()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{}")).build()), 405);
        assertProblem(send(request("/v1/documents/some-id", asConnector()).GET().build()), 405);
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        String id = uniqueId("bounds-unknown-field");
        ObjectNode body = (ObjectNode) json.readTree(textChange(id, SOURCE));
        body.put("addedByANewerContract", "ignored");
        body.putObject("content").put("text", "Text.").put("encoding", "ignored too");

        assertThat(post(json.writeValueAsString(body), asConnector()).statusCode()).isEqualTo(202);

        String published = topics().awaitOne(r -> on(r, Topics.CHANGES, id), WAIT).value();
        assertThat(published).doesNotContain("addedByANewerContract").doesNotContain("encoding");
        DocumentChange change = codec.readChange(published);
        assertThat(change.content().text()).isEqualTo("Text.");
    }
}
