package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryPublisherTest {

    @Test
    void writesAContractV1DocumentChangeThatJsonParsersRead(@TempDir Path dir) throws Exception {
        Path file = Files.createDirectories(dir.resolve("sub")).resolve("pa\"ge one.html");
        byte[] bytes = "<p>caf\u00e9 \\ \"quoted\"\n\u0001</p>".getBytes(StandardCharsets.UTF_8);
        Files.write(file, bytes);

        JsonNode change = new ObjectMapper().readTree(
                DirectoryPublisher.documentChange("sub/pa\"ge one.html", 42L, file, bytes));

        assertEquals("sub/pa\"ge one.html", change.get("id").asText());
        assertEquals("freshet-up", change.get("source").asText());
        assertEquals(42L, change.get("version").asLong());
        assertEquals("UPSERT", change.get("op").asText());
        assertTrue(change.get("title").isNull());
        assertEquals(file.toUri().toString(), change.get("url").asText());
        assertEquals("text/html", change.get("contentType").asText());
        assertEquals(new String(bytes, StandardCharsets.UTF_8),
                new String(Base64.getDecoder().decode(change.get("content").get("base64").asText()), StandardCharsets.UTF_8));
        assertEquals("sub/pa\"ge one.html", change.get("metadata").get("path").asText());
        assertTrue(change.get("acl").get("public").asBoolean());
        assertEquals(0, change.get("acl").get("principals").size());
        assertTrue(change.get("occurredAt").asText().endsWith("Z"));
    }

    @Test
    void encodesEachSegmentOfAnIdAndKeepsItsSlashes() {
        // the services take the rest of the path as the id; Tomcat refuses an encoded slash
        assertEquals("sub/page%20one%2B.html", DirectoryPublisher.pathSegment("sub/page one+.html"));
    }

    @Test
    void escapesControlCharactersInJsonStrings() {
        assertEquals("\"a\\u0001b\\tc\\\\\"", DirectoryPublisher.json("a\u0001b\tc\\"));
        assertEquals("null", DirectoryPublisher.json(null));
    }
}
