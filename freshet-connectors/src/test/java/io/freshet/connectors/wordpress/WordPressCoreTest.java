package io.freshet.connectors.wordpress;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.NavigableSet;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure core: mapping, the feed's position and its same-second boundary, the id set, reconciliation's decisions. */
class WordPressCoreTest {

    private static final Instant T = Instant.parse("2026-11-02T09:00:00Z");
    private final PostMapper mapper = new PostMapper("example.com", "wordpress", Acl.publicAcl());

    private static WpPost post(long id, String status, Instant modified, boolean isProtected) {
        return new WpPost(id, "posts", status, modified, "slug-" + id, "https://example.com/slug-" + id + "/",
                "Caf&eacute; &#8220;menu&#8221; &amp; <em>prices</em>", "<p>Body " + id + "</p>", isProtected, 7,
                List.of(1L, 4L), List.of(9L));
    }

    @Test
    void aPublishedPostIsAnUpsertOfItsHtml() {
        DocumentChange change = mapper.change("posts", post(42, "publish", T, false), T.toEpochMilli());

        assertThat(change.header().op()).isEqualTo(Operation.UPSERT);
        assertThat(change.header().id()).isEqualTo("wordpress:example.com:posts:42");
        assertThat(change.header().title()).isEqualTo("Caf\u00e9 \u201cmenu\u201d & prices");
        assertThat(change.header().url()).isEqualTo("https://example.com/slug-42/");
        assertThat(change.header().contentType()).isEqualTo("text/html");
        assertThat(change.header().version()).isEqualTo(T.toEpochMilli());
        assertThat(change.header().occurredAt()).isEqualTo(T);
        assertThat(change.header().acl().isPublic()).isTrue();
        assertThat(change.content().text()).startsWith("<h1>Caf\u00e9 \u201cmenu\u201d &amp; prices</h1>")
                .endsWith("<p>Body 42</p>");
        assertThat(change.header().metadata()).containsEntry("wordpress.type", "posts")
                .containsEntry("wordpress.slug", "slug-42").containsEntry("wordpress.author", "7")
                .containsEntry("wordpress.categories", "1,4").containsEntry("wordpress.tags", "9")
                .containsEntry("wordpress.modified", "2026-11-02T09:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"draft", "pending", "private", "future", "trash"})
    void anyOtherStatusIsADelete(String status) {
        DocumentChange change = mapper.change("posts", post(42, status, T, false), 5);

        assertThat(change.isDelete()).isTrue();
        assertThat(change.content()).isNull();
        assertThat(change.header().version()).isEqualTo(5);
    }

    @Test
    void aPasswordProtectedPostIsADeleteEvenWhenItsContentWasRendered() {
        DocumentChange change = mapper.change("posts", post(42, "publish", T, true), 5);

        assertThat(change.isDelete()).isTrue();
        assertThat(change.header().title()).isNull();
    }

    @Test
    void theSiteKeyNamesHostPortAndFolder() {
        assertThat(PostMapper.siteKey(URI.create("https://Example.com"))).isEqualTo("example.com");
        assertThat(PostMapper.siteKey(URI.create("https://example.com/blog/"))).isEqualTo("example.com/blog");
        assertThat(PostMapper.siteKey(URI.create("http://127.0.0.1:8080"))).isEqualTo("127.0.0.1:8080");
    }

    @Test
    void htmlTitlesBecomePlainText() {
        assertThat(HtmlText.toPlain("It&#8217;s &#x2014; <b>bold</b>&nbsp;&hellip;")).isEqualTo("It\u2019s \u2014 bold \u2026");
        assertThat(HtmlText.toPlain("&#0; &#xD800; &unknown;")).isEqualTo("&#0; &#xD800; &unknown;");
    }

    @Test
    void theFeedAsksFromASecondEarlierAndSkipsWhatItSawAtThatSecond() {
        SyncState state = SyncState.empty();
        assertThat(state.modifiedAfter()).isNull();
        WpPost a = post(1, "publish", T, false);
        WpPost b = post(2, "publish", T, false);
        state.passed(a);

        assertThat(state.modifiedAfter()).isEqualTo("2026-11-02T08:59:59Z");
        assertThat(state.isNew(a)).isFalse();
        assertThat(state.isNew(b)).as("modified in the same second, not seen yet").isTrue();
        assertThat(state.isNew(post(1, "draft", T, false))).as("seen, but changed within the second").isTrue();
        assertThat(state.isNew(post(3, "publish", T.minusSeconds(1), false))).as("before the position").isFalse();
        assertThat(state.isNew(post(1, "publish", T.plusSeconds(1), false))).isTrue();
    }

    @Test
    void theFeedPositionSurvivesARestart() {
        SyncState state = SyncState.empty();
        WpPost a = post(1, "publish", T, false);
        state.passed(post(9, "publish", T.minusSeconds(5), false));
        state.published(9, T.minusSeconds(5).toEpochMilli(), true);
        state.passed(a);
        state.published(1, T.toEpochMilli(), true);

        SyncState restored = SyncState.fromOffset(state.toOffset());

        assertThat(restored.second()).isEqualTo(T);
        assertThat(restored.isNew(a)).isFalse();
        assertThat(restored.isNew(post(2, "publish", T, false))).isTrue();
        assertThat(restored.publishedIds()).containsExactly(1L, 9L);
        assertThat(restored.nextVersion()).isEqualTo(T.toEpochMilli() + 1);
    }

    @Test
    void versionsRiseWithinOneSecond() {
        SyncState state = SyncState.empty();
        long upsert = state.versionFor(T);
        state.published(1, upsert, true);
        long delete = state.versionFor(T);
        state.published(1, delete, false);

        assertThat(upsert).isEqualTo(T.toEpochMilli());
        assertThat(delete).isGreaterThan(upsert);
        assertThat(state.versionFor(T.plusSeconds(1))).isEqualTo(T.plusSeconds(1).toEpochMilli());
        assertThat(state.publishedIds()).isEmpty();
    }

    @Test
    void aForeignOffsetIsRefusedNotMisread() {
        assertThatThrownBy(() -> SyncState.fromOffset(java.util.Map.of("modified", "yesterday")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable offset");
    }

    @Test
    void theIdSetRoundTripsAndStaysSmall() {
        assertThat(IdSetCodec.encode(new TreeSet<>(List.of(1L, 5L, 6L, 7L, 40L)))).isEqualTo("1,4,1,1,x");
        assertThat(IdSetCodec.decode("")).isEmpty();

        // 100,000 posts among ids shared with revisions and attachments: about 1 in 3 ids is a published post.
        Random random = new Random(7);
        NavigableSet<Long> ids = new TreeSet<>();
        long id = 0;
        while (ids.size() < 100_000) {
            id += 1 + random.nextInt(5);
            ids.add(id);
        }
        String encoded = IdSetCodec.encode(ids);

        assertThat(IdSetCodec.decode(encoded)).isEqualTo(ids);
        assertThat(encoded.length()).isLessThan(250_000);
        System.out.println("100,000 post ids encode to " + encoded.length() + " characters");
    }

    @Test
    void aNonAscendingIdSetIsRefused() {
        assertThatThrownBy(() -> IdSetCodec.decode("5,0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWholeSteadyListingDeletesTheConfirmedMissingAndFetchesTheUnknown() {
        Reconciliation run = new Reconciliation(Set.of(1L, 2L, 3L, 4L));

        assertThat(run.addPage(1, 4, 2, List.of(1L, 3L))).isEqualTo(new Reconciliation.Incomplete(2));
        Reconciliation.Verdict verdict = run.addPage(2, 4, 2, List.of(5L, 6L));

        assertThat(verdict).isInstanceOfSatisfying(Reconciliation.Trusted.class, t -> {
            assertThat(t.candidates()).containsExactly(2L, 4L);
            assertThat(t.newcomers()).containsExactly(5L, 6L);
        });
        assertThat(Reconciliation.confirmedGone(Set.of(2L, 4L), Set.of(4L))).containsExactly(2L);
    }

    @Test
    void aTotalThatChangesUnderTheListingDeletesNothing() {
        Reconciliation run = new Reconciliation(Set.of(1L, 2L, 3L));
        run.addPage(1, 3, 2, List.of(1L, 2L));

        assertThat(run.addPage(2, 2, 1, List.of(3L))).isInstanceOf(Reconciliation.Untrusted.class);
        assertThat(run.addPage(2, 3, 2, List.of(3L))).as("stays untrusted").isInstanceOf(Reconciliation.Untrusted.class);
    }

    @Test
    void aMissingPageOrAShortListingDeletesNothing() {
        Reconciliation skipped = new Reconciliation(Set.of(1L, 2L));
        assertThat(skipped.addPage(2, 2, 2, List.of(2L))).isInstanceOf(Reconciliation.Untrusted.class);

        Reconciliation shortListing = new Reconciliation(Set.of(1L, 2L, 3L));
        assertThat(shortListing.addPage(1, 3, 1, List.of(1L, 2L))).isInstanceOfSatisfying(Reconciliation.Untrusted.class,
                u -> assertThat(u.reason()).contains("listed 2 ids where the site counted 3"));

        Reconciliation noTotals = new Reconciliation(Set.of(1L));
        assertThat(noTotals.addPage(1, -1, -1, List.of(1L))).isInstanceOf(Reconciliation.Untrusted.class);
    }

    @Test
    void aSiteListingNothingIsNotTakenAsEverythingUnpublished() {
        Set<Long> many = new TreeSet<>();
        for (long id = 1; id <= Reconciliation.EMPTIED_GUARD + 1; id++) {
            many.add(id);
        }
        assertThat(new Reconciliation(many).addPage(1, 0, 0, List.of()))
                .isInstanceOfSatisfying(Reconciliation.Untrusted.class,
                        u -> assertThat(u.reason()).contains("lists no published posts while 11 are known"));
        assertThat(new Reconciliation(Set.of(1L, 2L)).addPage(1, 0, 0, List.of()))
                .as("a small site may unpublish its last posts").isInstanceOfSatisfying(Reconciliation.Trusted.class,
                        t -> assertThat(t.candidates()).containsExactly(1L, 2L));
    }
}
