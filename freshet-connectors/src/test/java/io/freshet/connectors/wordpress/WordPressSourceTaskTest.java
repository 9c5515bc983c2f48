package io.freshet.connectors.wordpress;

import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.Operation;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.freshet.connectors.wordpress.TaskHarness.changes;
import static org.assertj.core.api.Assertions.assertThat;

class WordPressSourceTaskTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final Predicate<String> FEED = r -> r.contains("orderby=modified");
    private static final Predicate<String> LISTING = r -> r.contains("_fields=id&");

    private final WordPressTestServer server = new WordPressTestServer();
    private final TaskHarness harness = new TaskHarness();

    @AfterEach
    void tearDown() {
        harness.close();
        server.close();
    }

    private Map<String, String> props() {
        Map<String, String> props = new HashMap<>();
        props.put("wordpress.url", server.baseUrl());
        props.put("wordpress.page.size", "2");
        props.put("wordpress.poll.interval.ms", "20");
        props.put("wordpress.reconcile.interval.ms", "3600000");
        props.put("wordpress.retry.backoff.ms", "20");
        props.put("wordpress.retry.backoff.max.ms", "100");
        props.put("acl.public", "true");
        return props;
    }

    private Map<String, String> withCredentials() {
        server.requireCredentials("freshet", "abcd EFGH 1234 ijkl MNOP 6789");
        Map<String, String> props = props();
        props.put("wordpress.username", "freshet");
        props.put("wordpress.password", "abcd EFGH 1234 ijkl MNOP 6789");
        return props;
    }

    private static Predicate<List<SourceRecord>> changesOf(int n) {
        return records -> changes(records).size() >= n;
    }

    private static String id(String type, long post, WordPressTestServer server) {
        return "wordpress:127.0.0.1:" + server.baseUrl().replaceAll(".*:", "") + ":" + type + ":" + post;
    }

    @Test
    void initialSyncPublishesEveryPostThenOnlyTheEditedOnes() throws Exception {
        server.publish(1, "Rock & Roll's history", "<p>One</p>");
        server.advance(1);
        server.publish(2, "Two", "<p>Two</p>");
        server.publish(3, "Three", "<p>Three</p>");
        server.advance(5);
        server.publish("pages", 4, "About", "<p>About us</p>");
        harness.start(props());

        List<DocumentChange> first = changes(harness.pollUntil(changesOf(4), DEADLINE));

        assertThat(first).extracting(c -> c.header().id()).containsExactlyInAnyOrder(id("posts", 1, server),
                id("posts", 2, server), id("posts", 3, server), id("pages", 4, server));
        DocumentChange one = first.stream().filter(c -> c.header().id().endsWith(":1")).findFirst().orElseThrow();
        assertThat(one.header().op()).isEqualTo(Operation.UPSERT);
        assertThat(one.header().title()).isEqualTo("Rock & Roll\u2019s history");
        assertThat(one.header().contentType()).isEqualTo("text/html");
        assertThat(one.header().url()).isEqualTo(server.baseUrl() + "/post-1/");
        assertThat(one.header().acl().isPublic()).isTrue();
        assertThat(one.header().source()).isEqualTo("wordpress");
        assertThat(one.header().occurredAt()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z"));
        assertThat(one.header().version()).isEqualTo(Instant.parse("2026-11-02T09:00:00Z").toEpochMilli());
        assertThat(one.content().text()).contains("<h1>Rock &amp; Roll\u2019s history</h1>").contains("<p>One</p>");
        assertThat(one.header().metadata()).containsEntry("wordpress.type", "posts").containsEntry("wordpress.slug", "post-1");

        server.advance(60);
        server.edit(2, "Two, edited", "<p>Two again</p>");
        List<SourceRecord> second = harness.pollUntil(changesOf(1), DEADLINE);
        second.addAll(harness.pollWhile(server, FEED, 4));

        assertThat(changes(second)).singleElement().satisfies(c -> {
            assertThat(c.header().id()).isEqualTo(id("posts", 2, server));
            assertThat(c.header().title()).isEqualTo("Two, edited");
        });
    }

    @Test
    void aPostEditedWhileTheFeedPagesDoesNotHideThePostsBehindIt() throws Exception {
        for (long id = 1; id <= 5; id++) {
            server.publish(id, "Post " + id, "<p>" + id + "</p>");
            server.advance(1);
        }
        harness.start(props());
        List<SourceRecord> records = harness.pollUntil(changesOf(2), DEADLINE);

        // Post 1 moves to the end of the order: asked for "page 2", WordPress would now answer posts 4 and 5.
        server.edit(1, "Post 1, edited", "<p>1 again</p>");
        records.addAll(harness.pollUntil(changesOf(4), DEADLINE));

        assertThat(changes(records)).extracting(c -> c.header().title())
                .containsExactly("Post 1", "Post 2", "Post 3", "Post 4", "Post 5", "Post 1, edited");
    }

    @Test
    void restartWithCommittedOffsetsRepublishesNothingAndMissesNoPostOfTheSameSecond() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.publish(2, "Two", "<p>2</p>");
        server.publish(3, "Three", "<p>3</p>");
        harness.start(props());
        harness.pollUntil(changesOf(3), DEADLINE);
        harness.pollWhile(server, FEED, 2);
        harness.commit();
        harness.stop();

        harness.start(props());
        assertThat(harness.pollWhile(server, FEED, 4)).isEmpty();
        harness.stop();

        // Modified within the second the stored position ends at: found, and only it.
        server.publish(4, "Four", "<p>4</p>");
        harness.start(props());
        List<SourceRecord> after = harness.pollUntil(changesOf(1), DEADLINE);
        after.addAll(harness.pollWhile(server, FEED, 4));
        assertThat(changes(after)).extracting(c -> c.header().id()).containsExactly(id("posts", 4, server));
    }

    @Test
    void aCommitInTheMiddleOfAPollSkipsNoPost() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.advance(1);
        server.publish(2, "Two", "<p>2</p>");
        harness.start(props());
        assertThat(harness.pollUntil(changesOf(2), DEADLINE)).hasSize(2);
        harness.commitFirst(1);
        harness.stop();

        harness.start(props());
        List<SourceRecord> again = harness.pollUntil(changesOf(1), DEADLINE);
        again.addAll(harness.pollWhile(server, FEED, 4));

        assertThat(changes(again)).extracting(c -> c.header().id())
                .as("post 2 was not written: the poll is done again").contains(id("posts", 2, server));
    }

    @Test
    void aPostEditedTwiceWithinOneSecondIsPublishedTwiceWithRisingVersions() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        harness.start(props());
        DocumentChange first = changes(harness.pollUntil(changesOf(1), DEADLINE)).get(0);

        server.edit(1, "One, again", "<p>1 again</p>");
        DocumentChange second = changes(harness.pollUntil(changesOf(1), DEADLINE)).get(0);

        assertThat(second.header().title()).isEqualTo("One, again");
        assertThat(second.header().version()).isGreaterThan(first.header().version());
    }

    @Test
    void unpublishingIsADeleteAndATombstoneWithCredentials() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.publish(2, "Two", "<p>2</p>");
        harness.start(withCredentials());
        List<DocumentChange> published = changes(harness.pollUntil(changesOf(2), DEADLINE));
        // The first reconciliation (after the initial sync) is done: the deletes below are the change feed's.
        harness.pollWhile(server, FEED, 4);

        server.unpublish(1);
        server.advance(1);
        server.trash(2);
        List<SourceRecord> records = harness.pollUntil(changesOf(2), DEADLINE);

        assertThat(TaskHarness.describe(records)).isEqualTo(List.of(id("posts", 1, server) + " DELETE",
                id("posts", 1, server) + " tombstone", id("posts", 2, server) + " DELETE",
                id("posts", 2, server) + " tombstone").toString());
        // Unpublished within the second it was published: the delete still outranks the upsert.
        assertThat(changes(records).get(0).header().version()).isGreaterThan(published.get(0).header().version());
    }

    @Test
    void withoutCredentialsReconciliationFindsTheUnpublishedAndTheDeletedForever() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.publish(2, "Two", "<p>2</p>");
        server.publish(3, "Three", "<p>3</p>");
        Map<String, String> props = props();
        props.put("wordpress.reconcile.interval.ms", "50");
        harness.start(props);
        harness.pollUntil(changesOf(3), DEADLINE);

        server.advance(10);
        server.unpublish(1);
        server.deleteForever(2);
        List<SourceRecord> records = harness.pollUntil(changesOf(2), DEADLINE);

        assertThat(changes(records)).allSatisfy(c -> assertThat(c.header().op()).isEqualTo(Operation.DELETE))
                .extracting(c -> c.header().id()).containsExactlyInAnyOrder(id("posts", 1, server), id("posts", 2, server));
        assertThat(records).filteredOn(r -> r.value() == null).hasSize(2);
        assertThat(harness.pollWhile(server, LISTING, 6)).isEmpty();
    }

    @Test
    void aReconciliationInterruptedByAnOutageDeletesNothing() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.publish(2, "Two", "<p>2</p>");
        server.publish(3, "Three", "<p>3</p>");
        Map<String, String> props = props();
        props.put("wordpress.page.size", "1");
        props.put("wordpress.reconcile.interval.ms", "50");
        harness.start(props);
        harness.pollUntil(changesOf(3), DEADLINE);

        server.deleteForever(2);
        server.failWhen(503, "_fields=id&", "page=2");
        assertThat(harness.pollWhile(server, LISTING.and(r -> r.contains("page=2")), 3)).isEmpty();

        server.recover();
        List<SourceRecord> records = harness.pollUntil(changesOf(1), DEADLINE);
        assertThat(changes(records)).singleElement().satisfies(c -> {
            assertThat(c.header().id()).isEqualTo(id("posts", 2, server));
            assertThat(c.header().op()).isEqualTo(Operation.DELETE);
        });
    }

    @Test
    void reconciliationPublishesAScheduledPostThatWentLiveWithoutAChangeToItsModifiedTime() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.schedule(2, "Tomorrow", "<p>2</p>");
        Map<String, String> props = withCredentials();
        props.put("wordpress.reconcile.interval.ms", "50");
        harness.start(props);
        harness.pollUntil(changesOf(2), DEADLINE);

        server.advance(30);
        server.publish(3, "Three", "<p>3</p>");
        harness.pollUntil(changesOf(1), DEADLINE);
        server.goLive(2);
        List<DocumentChange> found = changes(harness.pollUntil(changesOf(1), DEADLINE));

        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.header().id()).isEqualTo(id("posts", 2, server));
            assertThat(c.header().op()).isEqualTo(Operation.UPSERT);
        });
    }

    @Test
    void aPostBreakingTheContractIsSkippedAndTheRestPublished() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.publish(2, "Two", "<p>2</p>");
        server.rename(1, "bad\nslug");
        harness.start(props());

        List<SourceRecord> records = harness.pollUntil(changesOf(1), DEADLINE);
        records.addAll(harness.pollWhile(server, FEED, 4));

        assertThat(changes(records)).extracting(c -> c.header().id()).containsExactly(id("posts", 2, server));
    }

    @Test
    void throttlingIsHonoured() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.throttleNext(1, 1);
        harness.start(props());

        harness.pollUntil(changesOf(1), DEADLINE);

        List<Instant> times = server.requestTimes();
        assertThat(Duration.between(times.get(0), times.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void anOutageIsWaitedOutAndNeverFailsTheTask() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.failWith(503);
        harness.start(props());
        assertThat(harness.pollWhile(server, r -> true, 3)).isEmpty();

        server.recover();
        assertThat(changes(harness.pollUntil(changesOf(1), DEADLINE))).hasSize(1);
    }

    @Test
    void wrongCredentialsAreRetriedNotFatal() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        Map<String, String> props = withCredentials();
        props.put("wordpress.password", "wrong");
        harness.start(props);

        assertThat(harness.pollWhile(server, r -> true, 2)).isEmpty();
    }

    @Test
    void passwordProtectedPostsAreNeverPublishedAsReadable() throws Exception {
        server.publish(1, "One", "<p>1</p>");
        server.publish(2, "Secret", "<p>the secret</p>");
        server.protect(2, "hunter2");
        harness.start(withCredentials());
        List<DocumentChange> first = changes(harness.pollUntil(changesOf(2), DEADLINE));

        server.advance(1);
        server.protect(1, "hunter2");
        List<DocumentChange> second = changes(harness.pollUntil(changesOf(1), DEADLINE));

        assertThat(first).filteredOn(c -> c.header().id().endsWith(":2"))
                .singleElement().satisfies(c -> assertThat(c.header().op()).isEqualTo(Operation.DELETE));
        assertThat(second).singleElement().satisfies(c -> {
            assertThat(c.header().id()).isEqualTo(id("posts", 1, server));
            assertThat(c.header().op()).isEqualTo(Operation.DELETE);
        });
        assertThat(changes(harness.polled)).noneMatch(c -> c.content() != null && c.content().text().contains("secret"));
    }
}
