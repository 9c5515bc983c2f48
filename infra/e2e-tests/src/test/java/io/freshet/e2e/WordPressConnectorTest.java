package io.freshet.e2e;

import io.freshet.connectors.wordpress.WordPressTestServer;
import io.freshet.infra.ConnectWorker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.freshet.e2e.SourceConnectors.FRESH;
import static io.freshet.e2e.SourceConnectors.WORKER_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WordPress connector under a real Connect worker against a real HTTP server speaking WordPress's REST API
 * (modified_after change feed, statuses behind an application password): published posts become answerable, an edit
 * follows, an unpublished post vanishes, an outage deletes nothing, and a restarted worker publishes only what is new.
 */
class WordPressConnectorTest {

    private final SourceConnectors connectors = new SourceConnectors(LocalPipeline.shared());

    @Test
    void publishedPostsReachTheIndexAndUnpublishingRemovesThem() throws IOException {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String word = "marmoset" + run;
        String source = "e2e-wordpress-" + run;
        String readers = "group:staff-" + run;
        try (WordPressTestServer site = new WordPressTestServer()) {
            site.requireCredentials("freshet", "abcd efgh ijkl mnop");
            site.publish(1, "Parking", "<p>The " + word + " car park closes at nine.</p>");
            site.publish(2, "Library", "<p>The " + word + " library lends laptops for a week.</p>");
            Predicate<String> ids = key -> key.startsWith("wordpress:") && key.contains(":" + portOf(site) + ":");

            // The application password from a file, through the worker's config provider, as in production.
            Path secrets = Files.createDirectories(SourceConnectors.target(source))
                    .resolve("secrets.properties");
            Files.writeString(secrets, "wordpress.password=abcd efgh ijkl mnop\n");
            ConnectWorker worker = connectors.start(Map.ofEntries(
                    Map.entry("name", source),
                    Map.entry("connector.class", "io.freshet.connectors.wordpress.WordPressSourceConnector"),
                    Map.entry("tasks.max", "1"),
                    Map.entry("wordpress.url", site.baseUrl()),
                    Map.entry("wordpress.username", "freshet"),
                    Map.entry("wordpress.password", "${file:" + secrets + ":wordpress.password}"),
                    Map.entry("wordpress.poll.interval.ms", "500"),
                    Map.entry("wordpress.retry.backoff.ms", "100"),
                    Map.entry("wordpress.retry.backoff.max.ms", "1000"),
                    Map.entry("source.name", source),
                    Map.entry("acl.principals", readers)));
            try {
                await("both posts searchable by the configured readers").atMost(FRESH).pollInterval(Duration.ofMillis(500))
                        .until(() -> connectors.documents(word, readers).size() == 2);
                assertThat(connectors.documents(word, "group:visitors")).isEmpty();

                site.advance(5);
                site.edit(1, "Parking", "<p>The " + word + " car park now closes at eleven.</p>");
                site.advance(5);
                site.unpublish(2);
                await("the edit and the unpublished post reach the index").atMost(FRESH)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> connectors.documents(word, readers).size() == 1
                                && connectors.texts(word + " eleven", readers).contains("eleven"));

                site.failWith(503);
                int before = site.requests().size();
                await("the connector meets the outage").atMost(FRESH).pollInterval(Duration.ofMillis(200))
                        .until(() -> site.requests().size() >= before + 3);
                site.recover();

                worker.stop();
                List<ConsumerRecord<String, String>> beforeRestart = connectors.records(ids);
                assertThat(connectors.documents(word, readers)).as("the outage deleted nothing").hasSize(1);
                site.advance(5);
                site.publish(3, "Gym", "<p>The " + word + " gym opens at six.</p>");
                worker.startAgain(WORKER_START);
                await("the post published while the worker was stopped").atMost(FRESH)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> connectors.documents(word, readers).size() == 2);
                assertThat(SourceConnectors.publishedSince(beforeRestart, connectors.records(ids)))
                        .as("the restarted worker publishes only the new post")
                        .singleElement().asString().endsWith(":posts:3");
            } finally {
                worker.stop();
            }
        }
    }

    private static String portOf(WordPressTestServer site) {
        return Integer.toString(java.net.URI.create(site.baseUrl()).getPort());
    }
}
