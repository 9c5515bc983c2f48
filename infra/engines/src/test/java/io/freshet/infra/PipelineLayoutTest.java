package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The operator's commands name the pipeline's consumer groups, topics, index field and dead-letter headers as the
 * services define them; this module must not depend on the services (nor on freshet-contract, which brings Boot's
 * Jackson 3), so this test reads their sources and fails when one of them changes without the other.
 */
class PipelineLayoutTest {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();

    private static String source(String path) throws Exception {
        Path file = REPO.resolve(path);
        Assumptions.assumeTrue(Files.isRegularFile(file), "not in the checkout: " + file);
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String constant(String source, String name) {
        Matcher m = Pattern.compile(name + "\\s*=\\s*\"([^\"]+)\"").matcher(source);
        assertTrue(m.find(), name);
        return m.group(1);
    }

    @Test
    void eachStagesConsumerGroupAndTopicsAreTheServicesDefaults() throws Exception {
        String topics = source("freshet-contract/src/main/java/io/freshet/contract/event/Topics.java");
        String[][] services = {
                {"ingest-service/src/main/java/io/freshet/ingest/IngestProperties.java",
                        "ingest-service/src/main/java/io/freshet/ingest/kafka/ChangeListener.java"},
                {"embed-service/src/main/java/io/freshet/embed/EmbedProperties.java",
                        "embed-service/src/main/java/io/freshet/embed/ExtractedDocumentListener.java"},
                {"index-service/src/main/java/io/freshet/index/IndexProperties.java",
                        "index-service/src/main/java/io/freshet/index/DocumentEventListener.java"}};
        for (int i = 0; i < services.length; i++) {
            ConsumerLag.Stage stage = ConsumerLag.STAGES.get(i);
            Matcher group = Pattern.compile("@DefaultValue\\(\"([^\"]+)\"\\) String consumerGroup")
                    .matcher(source(services[i][0]));
            assertTrue(group.find(), services[i][0]);
            assertEquals(group.group(1), stage.group(), stage.name());

            Matcher listener = Pattern.compile("topics = (\\{[^}]*\\}|Topics\\.[A-Z_]+)").matcher(source(services[i][1]));
            assertTrue(listener.find(), services[i][1]);
            List<String> names = new ArrayList<>();
            for (String constant : listener.group(1).replaceAll("[{}]", "").split(",")) {
                names.add(constant(topics, constant.strip().replace("Topics.", "")));
            }
            assertEquals(names, stage.topics(), stage.name());
        }
    }

    @Test
    void theStatusIndexFieldStatesAndDeadLetterHeadersAreTheContracts() throws Exception {
        String statusIndex = source("freshet-contract/src/main/java/io/freshet/contract/index/StatusIndex.java");
        assertEquals(constant(statusIndex, "STATE"), StatusCommand.STATE_FIELD);
        String openSearch = source("freshet-pipeline/src/main/java/io/freshet/pipeline/opensearch/OpenSearchProperties.java");
        assertTrue(openSearch.contains("@DefaultValue(\"" + StatusCommand.STATUS_INDEX + "\") String statusIndex"));
        assertTrue(openSearch.contains("@DefaultValue(\"" + StatusCommand.CHUNK_INDEX + "\") String chunkIndex"));

        String states = source("freshet-contract/src/main/java/io/freshet/contract/event/DocumentState.java");
        for (String state : StatusReport.STATES) {
            assertTrue(Pattern.compile("\\b" + state + "\\b").matcher(states).find(), state);
        }

        String headers = source("freshet-contract/src/main/java/io/freshet/contract/failure/DeadLetterHeaders.java");
        assertEquals(constant(headers, "REASON"), DeadLetterView.REASON);
        assertEquals(constant(headers, "EXCEPTION"), DeadLetterView.EXCEPTION);
        String topics = source("freshet-contract/src/main/java/io/freshet/contract/event/Topics.java");
        assertEquals(constant(topics, "DEAD_LETTER_SUFFIX"), DeadLetters.SUFFIX);
        assertTrue(topics.contains("MAX_EVENT_BYTES = 16 * 1024 * 1024"), "BrokerClients.MAX_RECORD_BYTES follows it");
    }
}
