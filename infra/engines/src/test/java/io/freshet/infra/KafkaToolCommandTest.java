package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class KafkaToolCommandTest {

    private static List<String> tail(String... args) {
        List<String> command = KafkaToolCommand.command(List.of(args), "java", "CP");
        return command.subList(command.indexOf("CP") + 1, command.size());
    }

    @Test
    void theToolRunsWithUpsBrokerFirstUnlessAnotherIsGiven() {
        assertEquals(List.of("org.apache.kafka.tools.consumer.group.ConsumerGroupCommand", "--bootstrap-server",
                        "127.0.0.1:9092", "--describe", "--group", "index-service"),
                tail("consumer-groups", "--describe", "--group", "index-service"));
        assertEquals(List.of("org.apache.kafka.tools.TopicCommand", "--list", "--bootstrap-server", "b:1"),
                tail("topics", "--list", "--bootstrap-server", "b:1"));
        assertEquals(List.of("org.apache.kafka.tools.MetadataQuorumCommand", "--bootstrap-controller", "c:1",
                "describe", "--status"), tail("metadata-quorum", "--bootstrap-controller", "c:1", "describe", "--status"));
        assertEquals(List.of("kafka.admin.ConfigCommand", "--help"), tail("configs", "--help"));
    }

    @Test
    void everyToolsClassIsOnTheEnginesClasspath() throws Exception {
        // The engines' runtime classpath is this test's: kafka-tools must be there, not only in Kafka's distribution.
        for (String main : KafkaToolCommand.TOOLS.values()) {
            assertEquals(main, Class.forName(main, false, getClass().getClassLoader()).getName());
        }
    }
}
