package io.freshet.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Starts the real engines through the fixture, as the services' tests do. */
class EngineFixtureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final EngineFixture engines = EngineFixture.shared();

    @Test
    void openSearchServesLuceneKnnAndKeepsDataAcrossRestart() throws Exception {
        String url = engines.openSearchUrl();
        String index = "fixture-knn-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> created = send("PUT", url + "/" + index, """
                {"settings": {"index": {"knn": true, "number_of_shards": 1, "number_of_replicas": 0}},
                 "mappings": {"properties": {
                   "title": {"type": "text"},
                   "vector": {"type": "knn_vector", "dimension": 4,
                              "method": {"name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"}}}}}
                """);
        assertEquals(200, created.statusCode(), created.body());
        index(url, index, "north", "[1.0, 0.0, 0.0, 0.0]");
        index(url, index, "east", "[0.0, 1.0, 0.0, 0.0]");
        index(url, index, "up", "[0.0, 0.0, 1.0, 0.1]");
        assertEquals(200, send("POST", url + "/" + index + "/_refresh", "").statusCode());

        String query = """
                {"size": 1, "query": {"knn": {"vector": {"vector": [0.1, 0.9, 0.05, 0.0], "k": 2}}}}
                """;
        HttpResponse<String> found = send("POST", url + "/" + index + "/_search", query);
        assertEquals(200, found.statusCode(), found.body());
        assertEquals(List.of("east"), ids(found.body()), found.body());

        engines.stopOpenSearch();
        assertTrue(!EngineProcess.clusterIsYellowOrGreen(url), "OpenSearch should be down after stopOpenSearch()");
        engines.startOpenSearch();

        HttpResponse<String> afterRestart = send("POST", url + "/" + index + "/_search", query);
        assertEquals(200, afterRestart.statusCode(), afterRestart.body());
        assertEquals(List.of("east"), ids(afterRestart.body()), afterRestart.body());
        HttpResponse<String> count = send("GET", url + "/" + index + "/_count", "");
        assertTrue(count.body().contains("\"count\":3"), count.body());
    }

    @Test
    void kafkaKeepsARecordAcrossRestart() {
        String bootstrap = engines.kafkaBootstrapServers();
        String topic = "fixture-" + UUID.randomUUID();

        Properties producerProps = new Properties();
        producerProps.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        RecordMetadata written;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            written = producer.send(new ProducerRecord<>(topic, "doc-1", "hello engines")).get();
        } catch (Exception e) {
            throw new AssertionError("send failed", e);
        }

        engines.stopKafka();
        assertTrue(!EngineProcess.kafkaAnswers(Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1))),
                "Kafka should be down after stopKafka()");
        engines.startKafka();
        assertEquals(bootstrap, engines.kafkaBootstrapServers(), "same address after a restart");

        Properties consumerProps = new Properties();
        consumerProps.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "fixture-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> record : records) {
                    assertEquals("doc-1", record.key());
                    assertEquals("hello engines", record.value());
                    assertEquals(written.offset(), record.offset());
                    return;
                }
            }
        }
        throw new AssertionError("no record consumed from " + topic + " within 60 s");
    }

    private static void index(String url, String index, String id, String vector) throws Exception {
        HttpResponse<String> response = send("PUT", url + "/" + index + "/_doc/" + id,
                "{\"title\": \"" + id + "\", \"vector\": " + vector + "}");
        assertEquals(201, response.statusCode(), response.body());
    }

    private static List<String> ids(String searchBody) {
        Matcher m = Pattern.compile("\"_id\"\\s*:\\s*\"([^\"]+)\"").matcher(searchBody);
        java.util.ArrayList<String> ids = new java.util.ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
