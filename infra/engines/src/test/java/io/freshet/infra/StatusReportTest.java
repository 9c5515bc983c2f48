package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatusReportTest {

    private static final List<StatusReport.Component> ALL_UP = List.of(
            new StatusReport.Component("kafka", true, "127.0.0.1:9092 (1 broker)"),
            new StatusReport.Component("opensearch", true, "http://127.0.0.1:9200 (cluster green)"),
            new StatusReport.Component("index-service", true, "http://127.0.0.1:8083"));

    @Test
    void aStackThatIsUpReadsAsATableAndExitsZero() {
        Map<String, Long> dlq = new LinkedHashMap<>();
        dlq.put("freshet.documents.changes.dlq", 2L);
        dlq.put("freshet.documents.embedded.dlq", 0L);
        StatusReport report = new StatusReport("/repo", "./freshet up runs (pid 42)", ALL_UP,
                List.of(new ConsumerLag.Lag(ConsumerLag.STAGES.get(0), 0, 1, "Stable"),
                        new ConsumerLag.Lag(ConsumerLag.STAGES.get(2), 1204, 0, "Empty"),
                        new ConsumerLag.Lag(new ConsumerLag.Stage("other", "ingest-service-rebuild-1",
                                List.of("freshet.documents.changes")), 5, 0, "Empty")),
                null, new StatusReport.Documents(Map.of("INDEXED", 41L, "REJECTED", 2L), 512L), null, dlq, null);

        assertEquals(List.of(
                "Freshet from /repo: ./freshet up runs (pid 42)",
                "",
                "Components",
                "  kafka           UP    127.0.0.1:9092 (1 broker)",
                "  opensearch      UP    http://127.0.0.1:9200 (cluster green)",
                "  index-service   UP    http://127.0.0.1:8083",
                "",
                "Stages (records waiting for each consumer group)",
                "  stage   group                          lag  consumers  topics",
                "  ingest  ingest-service                   0  1          changes, replay",
                "  index   index-service                1,204  0          embedded, status   <- nobody consumes: is "
                        + "index-service running?",
                "  other   ingest-service-rebuild-1         5  0          changes",
                "",
                "Documents (status index, refreshed every 5 s)",
                "  INDEXED 41  PENDING 0  REJECTED 2  DELETED 0  (43 documents, 512 passages searchable)",
                "",
                "Dead letters (records the services rejected; ./freshet dlq list shows them)",
                "  freshet.documents.changes.dlq                2",
                "  freshet.documents.embedded.dlq               0",
                "",
                "All 3 components are UP."), report.lines());
        assertEquals(0, report.exitCode());
    }

    @Test
    void aComponentDownExitsOneAndSectionsThatCouldNotBeMeasuredSaySo() {
        List<StatusReport.Component> components = List.of(ALL_UP.get(0), ALL_UP.get(1),
                new StatusReport.Component("index-service", false, "http://127.0.0.1:8083: no answer from /actuator/health"));
        StatusReport report = new StatusReport("/repo", "x", components, null, "Kafka at k did not answer within 3 s",
                null, "OpenSearch is down", null, "Kafka at k did not answer within 3 s");

        List<String> lines = report.lines();
        assertEquals(1, report.exitCode());
        assertEquals("  index-service   DOWN  http://127.0.0.1:8083: no answer from /actuator/health", lines.get(5));
        assertEquals("  unknown: Kafka at k did not answer within 3 s", lines.get(8));
        assertEquals("  unknown: OpenSearch is down", lines.get(11));
        assertEquals("DOWN: index-service. Their logs: ./freshet logs index-service", lines.get(lines.size() - 1));

        StatusReport nothing = new StatusReport("/repo", "x", List.of(new StatusReport.Component("kafka", false, "-")),
                null, "-", null, "-", null, "-");
        assertEquals("Nothing of Freshet answers: start it with ./freshet up.", nothing.lines().get(nothing.lines().size() - 1));
    }
}
