package io.freshet.peer;

import io.freshet.infra.EngineFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The peer against the real OpenSearch 2.19.1 + k-NN (lucene only): ingests, counts, and finds the right document. */
class PeerIngestOpenSearchTest {

    @TempDir
    Path dir;

    @Test
    void ingestsEveryDocumentSearchablyAndFindsEachByItsOwnWords() throws Exception {
        String url = EngineFixture.shared().openSearchUrl();
        String index = "peer-it-" + UUID.randomUUID().toString().substring(0, 8);
        Path corpus = Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "whales", "title": "Whales", "text": "Blue whales are the largest animals ever known to have lived on Earth."}
                {"_id": "bread", "title": "Sourdough", "text": "Sourdough bread rises with wild yeast and lactic acid bacteria."}
                {"_id": "long", "title": "Long", "text": "%s"}
                """.formatted("Volcanoes erupt molten rock called lava. ".repeat(120)));
        Path queries = Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "largest animal on the planet"}
                {"_id": "q2", "text": "how does sourdough rise"}
                """);
        Path run = dir.resolve("run.trec");
        List<Map<String, Object>> lines = new ArrayList<>();
        try {
            PeerIngestion.Figures figures = PeerIngest.run(PeerArguments.parse(new String[]{"--corpus", corpus.toString(),
                    "--opensearch", url, "--index", index, "--batch", "2", "--queries", queries.toString(), "--run", run.toString()}),
                    lines::add);

            assertEquals(3, figures.documents());
            assertTrue(figures.segments() > 3, "the long document is split: " + figures.segments());
            assertEquals(figures.segments(), figures.indexed());
            assertTrue(figures.meanSegmentTokens() <= 256, "segments of at most 256 tokens: " + figures.meanSegmentTokens());
            assertTrue(figures.modelTokens() > 300, "the model saw every token: " + figures.modelTokens());
            assertEquals(List.of("ingest-started", "ingested", "searched"), lines.stream().map(l -> l.get("event")).toList());
            List<String> runLines = Files.readAllLines(run);
            assertTrue(runLines.contains(runLines.stream().filter(l -> l.startsWith("q1 Q0 whales 1 ")).findFirst().orElse("missing q1")), String.join("\n", runLines));
            assertTrue(runLines.stream().anyMatch(l -> l.startsWith("q2 Q0 bread 1 ")), String.join("\n", runLines));
            assertEquals(6, runLines.size(), "each query ranks the 3 documents once");
        } finally {
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/" + index)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }
}
