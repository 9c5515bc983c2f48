package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReadySummaryTest {

    @Test
    void saysFreshetIsReadyWithItsTimingsAndEndsWithHowToStop() {
        Locale previous = Locale.getDefault();
        Locale.setDefault(Locale.ROOT); // String.format's decimal separator
        try {
            List<String> lines = new ReadySummary(95.25, 30.0, 41.5, 12.04, ServiceStack.standardPorts(),
                    Path.of("/repo/work/logs")).lines("What's new?");

            assertEquals("Freshet is ready in 95.3 s (engines 30.0 s, services 41.5 s, documents 12.0 s)", lines.get(1));
            assertTrue(lines.contains("  query-service  http://127.0.0.1:8180/actuator/health  "
                    + "http://127.0.0.1:8180/actuator/prometheus"), lines::toString);
            assertTrue(lines.contains("  Engines   Kafka 127.0.0.1:9092, OpenSearch http://127.0.0.1:9200"));
            assertTrue(lines.contains("  Logs      /repo/work/logs"));
            assertTrue(lines.contains("       -d '{\"question\": \"What'\\''s new?\", \"topK\": 5}'"), lines::toString);
            // the example sends a token, got the way the lines before it say
            int curl = lines.indexOf("  curl -s http://127.0.0.1:8080/v1/answer -H 'Content-Type: application/json'"
                    + " -H \"Authorization: Bearer $TOKEN\" \\");
            assertTrue(curl > 0, lines::toString);
            assertEquals("  TOKEN=$(./freshet token --user alice | tail -n1)", lines.get(curl - 1));
            assertTrue(lines.stream().anyMatch(l -> l.contains("./freshet token --connector")), lines::toString);
            assertTrue(lines.stream().anyMatch(l -> l.contains("http://127.0.0.1:8089")), lines::toString);
            assertEquals("Press Ctrl-C to stop.", lines.get(lines.size() - 1));
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void asksAboutTheFirstHitsTitleCutAtSixtyCharacters() {
        assertEquals("What is Travel policy?", ReadySummary.questionAbout(Optional.of("Travel policy")));
        assertEquals("What is " + "x".repeat(59) + "?",
                ReadySummary.questionAbout(Optional.of("x".repeat(59) + " and more words")));
        assertEquals("What are these documents about?", ReadySummary.questionAbout(Optional.empty()));
    }
}
