package io.freshet.connectors.sharepoint;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.Operation;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.freshet.connectors.sharepoint.GraphShapes.groupGrant;
import static io.freshet.connectors.sharepoint.GraphShapes.linkGrant;
import static io.freshet.connectors.sharepoint.GraphShapes.siteGroupGrant;
import static io.freshet.connectors.sharepoint.GraphShapes.userGrant;
import static org.assertj.core.api.Assertions.assertThat;

class SharePointSourceTaskTest {

    private static final String DRIVE = "b!drive-one";
    private static final String PDF = "application/pdf";

    private final Map<Map<String, Object>, Map<String, Object>> offsets = new ConcurrentHashMap<>();
    private GraphTestServer graph;
    private TaskHarness task;

    @BeforeEach
    void files() {
        graph = GraphTestServer.start();
        graph.pageSize(2);
        graph.putFolder(DRIVE, "folder-1", "Policies");
        graph.putFile(DRIVE, "a", "travel.pdf", bytes("travel policy"), PDF);
        graph.putFile(DRIVE, "b", "expenses.docx", bytes("expenses"), "application/msword");
        graph.putFile(DRIVE, "c", "secret.txt", bytes("nobody"), "text/plain");
        graph.grant(DRIVE, "a", userGrant("oid-alice", "alice@contoso.com", "read"));
        graph.grant(DRIVE, "b", groupGrant("gid-finance", "write"));
        graph.grant(DRIVE, "b", linkGrant("organization"));
        graph.grant(DRIVE, "c", siteGroupGrant("Team Site Members"));
    }

    @AfterEach
    void close() {
        if (task != null) {
            task.close();
        }
        graph.close();
    }

    private TaskHarness start(Map<String, String> props) {
        task = new TaskHarness(props, offsets);
        return task;
    }

    private TaskHarness start() {
        return start(TaskHarness.props(graph, DRIVE));
    }

    @Test
    void initialSyncPublishesEveryFileWithBytesAndMappedAclOverPages() {
        List<SourceRecord> records = start().pollUntilCount(3);

        Map<String, DocumentChange> byId = byId(task.changes(records));
        assertThat(byId).containsOnlyKeys(id("a"), id("b"), id("c"));
        DocumentChange a = byId.get(id("a"));
        assertThat(a.header().op()).isEqualTo(Operation.UPSERT);
        assertThat(a.header().source()).isEqualTo("sharepoint");
        assertThat(a.header().title()).isEqualTo("travel.pdf");
        assertThat(a.header().contentType()).isEqualTo(PDF);
        assertThat(a.header().url()).isEqualTo("https://contoso.sharepoint.com/sites/x/Shared%20Documents/a");
        assertThat(Base64.getDecoder().decode(a.content().base64())).isEqualTo(bytes("travel policy"));
        assertThat(a.header().metadata()).containsEntry("sharepoint.driveId", DRIVE).containsEntry("sharepoint.itemId", "a")
                .containsEntry("sharepoint.size", "13").containsEntry("sharepoint.lastModifiedBy", "editor@contoso.com");
        assertThat(a.header().occurredAt()).isNotNull();
        assertThat(a.header().acl()).isEqualTo(Acl.restrictedTo("oid-alice"));
        assertThat(byId.get(id("b")).header().acl().principals())
                .containsExactlyInAnyOrder("group:gid-finance", Acl.EVERYONE_IN_ORGANISATION);
        // Only a site group: nothing maps, the default ACL (private) applies.
        assertThat(byId.get(id("c")).header().acl()).isEqualTo(new Acl(false, List.of()));

        List<GraphTestServer.Request> deltas = deltaRequests();
        assertThat(deltas).hasSizeGreaterThanOrEqualTo(3);
        assertThat(deltas.get(0).query()).isNull();
        assertThat(deltas.get(1).query()).startsWith("$skiptoken=");
        // The last record carries the delta link: a restart asks only for what changed since.
        assertThat(records.get(records.size() - 1).sourceOffset().get("link").toString()).contains("?token=");
        assertThat(records.get(0).sourcePartition()).isEqualTo(Map.of("drive", DRIVE));
    }

    @Test
    void recordsCarryTheLinkThatFetchedTheirPageTheLastOneThePagesFollowingLink() {
        // Pages of two: [root, folder] publishes nothing, [a, b], [c] with the delta link.
        List<SourceRecord> records = start().pollUntilCount(3);

        String a = link(records.get(0));
        String b = link(records.get(1));
        String c = link(records.get(2));
        assertThat(a).contains("$skiptoken=");
        assertThat(deltaRequests().get(1).query()).isEqualTo(a.substring(a.indexOf('?') + 1));
        assertThat(b).contains("$skiptoken=").isNotEqualTo(a);
        assertThat(c).contains("?token=");
    }

    @Test
    void aRestartBeforeAPageIsWrittenReadsThatPageAgainAndLosesNothing() {
        List<SourceRecord> first = start().pollUntilCount(3);
        task.close();
        // The worker died with only record a written: its offset (the link of page [a, b]) is the committed one.
        offsets.put(Map.of("drive", DRIVE), Map.of("link", link(first.get(0))));
        graph.clearRequests();

        List<DocumentChange> again = task.changes(start().pollUntilCount(3));

        assertThat(again).extracting(ch -> ch.header().id()).containsExactly(id("a"), id("b"), id("c"));
        assertThat(deltaRequests().get(0).query()).startsWith("$skiptoken=");
    }

    @Test
    void aSecondRoundPublishesOnlyWhatChanged() {
        start().pollUntilCount(3);
        long versionB = byId(task.changes(task.published)).get(id("b")).header().version();

        graph.putFile(DRIVE, "b", "expenses.docx", bytes("expenses v2"), "application/msword");
        graph.putFile(DRIVE, "d", "new.txt", bytes("new"), "text/plain");
        List<DocumentChange> changes = task.changes(task.pollUntilCount(2));

        assertThat(changes).extracting(c -> c.header().id()).containsExactlyInAnyOrder(id("b"), id("d"));
        DocumentChange b = byId(changes).get(id("b"));
        assertThat(b.header().version()).isGreaterThan(versionB);
        assertThat(Base64.getDecoder().decode(b.content().base64())).isEqualTo(bytes("expenses v2"));
    }

    @Test
    void aRestartFromTheCommittedOffsetPublishesNothingUnchanged() {
        start().pollUntilCount(3);
        task.close();
        graph.clearRequests();

        start();
        List<SourceRecord> records = task.pollWhile(() -> deltaRequests().stream()
                .noneMatch(r -> r.status() == 200 && r.query() != null && r.query().startsWith("token=")));

        assertThat(records).isEmpty();
        assertThat(deltaRequests()).noneMatch(r -> r.query() == null);
        graph.putFile(DRIVE, "a", "travel.pdf", bytes("travel policy v2"), PDF);
        assertThat(task.changes(task.pollUntilCount(1))).extracting(c -> c.header().id()).containsExactly(id("a"));
    }

    @Test
    void aDeleteBecomesDeleteAndTombstone() {
        start().pollUntilCount(3);
        long versionA = byId(task.changes(task.published)).get(id("a")).header().version();

        graph.deleteFile(DRIVE, "a");
        List<SourceRecord> records = task.pollUntilCount(2);

        assertThat(records).hasSize(2);
        DocumentChange delete = task.change(records.get(0));
        assertThat(delete.header().op()).isEqualTo(Operation.DELETE);
        assertThat(delete.header().id()).isEqualTo(id("a"));
        assertThat(delete.header().version()).isGreaterThan(versionA);
        assertThat(records.get(1).key()).isEqualTo(id("a"));
        assertThat(records.get(1).value()).isNull();
    }

    @Test
    void aPermissionOnlyChangePublishesTheNewAclWithAHigherVersion() {
        start().pollUntilCount(3);
        DocumentChange before = byId(task.changes(task.published)).get(id("c"));

        graph.grant(DRIVE, "c", userGrant("oid-bob", "bob@contoso.com", "read"));
        graph.grant(DRIVE, "c", linkGrant("anonymous"));
        DocumentChange after = task.change(task.pollUntilCount(1).get(0));

        assertThat(after.header().id()).isEqualTo(id("c"));
        assertThat(after.header().occurredAt()).isEqualTo(before.header().occurredAt());
        assertThat(after.header().version()).isGreaterThan(before.header().version());
        assertThat(after.header().acl().isPublic()).isTrue();

        graph.revokeAll(DRIVE, "c");
        graph.grant(DRIVE, "c", userGrant("oid-bob", "bob@contoso.com", "read"));
        DocumentChange restricted = task.change(task.pollUntilCount(1).get(0));
        assertThat(restricted.header().acl()).isEqualTo(Acl.restrictedTo("oid-bob"));
        assertThat(restricted.header().version()).isGreaterThan(after.header().version());
    }

    @Test
    void throttlingIsHonouredAndNothingIsLost() {
        start().pollUntilCount(3);
        graph.putFile(DRIVE, "a", "travel.pdf", bytes("travel policy v2"), PDF);
        graph.clearRequests();
        graph.throttleNext(2, 1);

        List<DocumentChange> changes = task.changes(task.pollUntilCount(1));

        assertThat(changes).extracting(c -> c.header().id()).containsExactly(id("a"));
        List<GraphTestServer.Request> requests = graph.requests();
        for (int i = 0; i < requests.size() - 1; i++) {
            if (requests.get(i).status() == 429) {
                long gapMillis = (requests.get(i + 1).atNanos() - requests.get(i).atNanos()) / 1_000_000;
                assertThat(gapMillis).as("pause after the 429 of request %d", i).isGreaterThanOrEqualTo(900);
            }
        }
        assertThat(requests).filteredOn(r -> r.status() == 429).hasSize(2);
    }

    @Test
    void anOutagePublishesNothingAndDeletesNothingThenRecovers() {
        start().pollUntilCount(3);
        graph.failWith(503);
        graph.putFile(DRIVE, "a", "travel.pdf", bytes("travel policy v2"), PDF);
        graph.deleteFile(DRIVE, "b");

        List<SourceRecord> during = task.pollWhile(() -> graph.requests().stream()
                .filter(r -> r.status() == 503).count() < 4);
        assertThat(during).isEmpty();

        graph.failWith(0);
        List<SourceRecord> after = task.pollUntilCount(3);
        Map<String, DocumentChange> byId = byId(task.changes(after));
        assertThat(byId.get(id("a")).header().op()).isEqualTo(Operation.UPSERT);
        assertThat(byId.get(id("b")).header().op()).isEqualTo(Operation.DELETE);
        assertThat(byId).doesNotContainKey(id("c"));
    }

    @Test
    void aGoneDeltaLinkStartsAgainFromRootDeltaAndDeletesNothing() {
        start().pollUntilCount(3);
        graph.expireDeltaTokens();
        graph.clearRequests();

        List<DocumentChange> changes = task.changes(task.pollUntilCount(3));

        assertThat(graph.requests()).anyMatch(r -> r.status() == 410);
        assertThat(deltaRequests()).anyMatch(r -> r.query() == null && r.status() == 200);
        assertThat(changes).extracting(c -> c.header().op()).containsOnly(Operation.UPSERT);
        assertThat(changes).extracting(c -> c.header().id()).containsExactlyInAnyOrder(id("a"), id("b"), id("c"));
    }

    @Test
    void theTokenGoesToGraphAndNeverToTheDownloadUrl() {
        start().pollUntilCount(3);

        assertThat(graph.requests()).filteredOn(GraphTestServer.Request::isDownload).hasSize(3)
                .allMatch(r -> r.authorization() == null);
        assertThat(graph.requests()).filteredOn(GraphTestServer.Request::isGraph)
                .allMatch(r -> r.authorization() != null && r.authorization().startsWith("Bearer at-"));
        assertThat(graph.tokensIssued()).isEqualTo(1);
    }

    @Test
    void aRefusedTokenIsReplacedOnce() {
        start().pollUntilCount(3);
        graph.revokeAccessTokens();
        graph.putFile(DRIVE, "a", "travel.pdf", bytes("travel policy v2"), PDF);

        assertThat(task.changes(task.pollUntilCount(1))).extracting(c -> c.header().id()).containsExactly(id("a"));
        assertThat(graph.tokensIssued()).isEqualTo(2);
    }

    @Test
    void sitesAreResolvedToTheirDocumentLibraries() {
        graph.putFile("b!library-two", "x", "handbook.txt", bytes("handbook"), "text/plain");
        graph.addSite("contoso.sharepoint.com,1111,2222", DRIVE, "b!library-two");
        Map<String, String> props = new HashMap<>(TaskHarness.props(graph));
        props.put(SharePointConfig.SITE_IDS, "contoso.sharepoint.com,1111,2222");

        List<SourceRecord> records = start(props).pollUntilCount(4);

        assertThat(task.changes(records)).extracting(c -> c.header().id())
                .containsExactlyInAnyOrder(id("a"), id("b"), id("c"), "sharepoint:b!library-two:x");
        assertThat(records.stream().map(r -> (String) r.sourcePartition().get("drive")).distinct())
                .containsExactlyInAnyOrder(DRIVE, "b!library-two");
    }

    @Test
    void filesOverTheInlineLimitGoByReference() {
        Map<String, String> props = TaskHarness.props(graph, DRIVE);
        props.put(SharePointConfig.CONTENT_INLINE_MAX_BYTES, "10");

        List<SourceRecord> records = start(props).pollUntilCount(3);
        Map<String, DocumentChange> byId = byId(task.changes(records));

        assertThat(byId.get(id("a")).content().uri()).startsWith(graph.origin() + "/download/");
        assertThat(byId.get(id("c")).content().base64()).isNotNull();
    }

    @Test
    void aFileThatWouldBreakTheContractIsSkippedAndCountedOthersPublished() {
        graph.putFile(DRIVE, "x".repeat(600), "long-id.txt", bytes("too long an id"), "text/plain");

        List<SourceRecord> records = start().pollUntil(r -> r.size() >= 3 && task.task().poisonedItems() == 1);

        assertThat(task.changes(records)).extracting(c -> c.header().id())
                .containsExactlyInAnyOrder(id("a"), id("b"), id("c"));
        assertThat(task.task().poisonedItems()).isEqualTo(1);
    }

    @Test
    void aMalformedMimeTypeLosesTheContentTypeNotTheDocument() {
        graph.putFile(DRIVE, "a", "travel.pdf", bytes("travel policy"), "application/pdf\nX-Forged: 1");

        List<SourceRecord> records = start().pollUntilCount(3);
        Map<String, DocumentChange> byId = byId(task.changes(records));

        assertThat(byId).containsKey(id("a"));
        assertThat(byId.get(id("a")).header().contentType()).isNull();
    }

    @Test
    void stopMakesPollReturnPromptly() {
        start().pollUntilCount(3);
        task.close();
        long startedAt = System.nanoTime();
        assertThat(task.task().poll()).isNull();
        assertThat((System.nanoTime() - startedAt) / 1_000_000).isLessThan(500);
    }

    @Test
    void refusedCredentialsAreRetriedSlowlyWithoutFailingTheTask() {
        Map<String, String> props = TaskHarness.props(graph, DRIVE);
        props.put(SharePointConfig.GRAPH_CLIENT_SECRET, "wrong");
        start(props);

        List<SourceRecord> records = task.pollWhile(() -> tokenRequests() < 2);

        assertThat(records).isEmpty();
        assertThat(graph.requests()).noneMatch(GraphTestServer.Request::isGraph);
        // Slowly: the second attempt waited the longest backoff (400 ms here), not the first (50 ms).
        List<GraphTestServer.Request> tokens = graph.requests().stream().filter(r -> r.path().endsWith("/token")).toList();
        assertThat((tokens.get(1).atNanos() - tokens.get(0).atNanos()) / 1_000_000).isGreaterThanOrEqualTo(350);
    }

    @Test
    void aStoredLinkToAnotherHostIsNotAskedWithTheToken() {
        offsets.put(Map.of("drive", DRIVE), Map.of("link", "https://attacker.example/v1.0/drives/x/root/delta?token=1"));

        List<SourceRecord> records = start().pollUntilCount(3);

        assertThat(task.changes(records)).hasSize(3);
        assertThat(deltaRequests().get(0).query()).isNull();
    }

    private static String link(SourceRecord record) {
        return (String) record.sourceOffset().get("link");
    }

    private long tokenRequests() {
        return graph.requests().stream().filter(r -> r.path().endsWith("/token")).count();
    }

    private List<GraphTestServer.Request> deltaRequests() {
        return graph.requests().stream().filter(r -> r.path().endsWith("/root/delta")).toList();
    }

    private static Map<String, DocumentChange> byId(List<DocumentChange> changes) {
        return changes.stream().collect(Collectors.toMap(c -> c.header().id(), Function.identity(), (x, y) -> y));
    }

    private static String id(String item) {
        return "sharepoint:" + DRIVE + ":" + item;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
