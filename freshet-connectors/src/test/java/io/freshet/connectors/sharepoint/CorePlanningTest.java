package io.freshet.connectors.sharepoint;

import io.freshet.connectors.sharepoint.SharePointConfig.ContentMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The item decision, the version rule, the offset rule and the content plan: the pure core. */
class CorePlanningTest {

    private final ItemPlanner planner = new ItemPlanner();

    @Test
    void onlyFilesArePublishedAndDeletedItemsAreRemoved() {
        assertThat(planner.decide(DriveItem.of("f", DriveItem.Kind.FILE))).isEqualTo(
                new ItemPlanner.Publish(DriveItem.of("f", DriveItem.Kind.FILE)));
        assertThat(planner.decide(DriveItem.of("d", DriveItem.Kind.FOLDER))).isInstanceOf(ItemPlanner.Skip.class);
        assertThat(planner.decide(DriveItem.of("r", DriveItem.Kind.ROOT))).isInstanceOf(ItemPlanner.Skip.class);
        assertThat(planner.decide(DriveItem.of("n", DriveItem.Kind.PACKAGE))).isInstanceOf(ItemPlanner.Skip.class);
        assertThat(planner.decide(DriveItem.of("o", DriveItem.Kind.OTHER))).isInstanceOf(ItemPlanner.Skip.class);
        // Delta omits the file facet of a deleted item: anything not known to be a folder is removed.
        assertThat(planner.decide(DriveItem.of("x", DriveItem.Kind.OTHER).asDeleted()))
                .isEqualTo(new ItemPlanner.Remove("x"));
        assertThat(planner.decide(DriveItem.of("f", DriveItem.Kind.FILE).asDeleted()))
                .isEqualTo(new ItemPlanner.Remove("f"));
        assertThat(planner.decide(DriveItem.of("d", DriveItem.Kind.FOLDER).asDeleted()))
                .isInstanceOf(ItemPlanner.Skip.class);
    }

    @Test
    void versionsFollowTheObservationClockAndAlwaysIncrease() {
        AtomicLong now = new AtomicLong(1_000_000);
        VersionClock clock = new VersionClock(now::get);
        // A sharing change keeps lastModifiedDateTime: the next observation is still a higher version.
        Instant modified = Instant.ofEpochMilli(900_000);
        long first = clock.next(modified);
        long second = clock.next(modified);
        assertThat(first).isEqualTo(1_000_000);
        assertThat(second).isGreaterThan(first);
        // A clock step back does not step versions back.
        now.set(500_000);
        assertThat(clock.next(null)).isGreaterThan(second);
        // A modification time ahead of the clock (skewed server) is honoured.
        assertThat(clock.next(Instant.ofEpochMilli(5_000_000))).isEqualTo(5_000_000);
    }

    @Test
    void theLastItemOfAPageCarriesTheFollowingLinkTheOthersTheFetchingOne() {
        assertThat(OffsetRule.linkFor(0, 3, "fetched", "next")).isEqualTo("fetched");
        assertThat(OffsetRule.linkFor(1, 3, "fetched", "next")).isEqualTo("fetched");
        assertThat(OffsetRule.linkFor(2, 3, "fetched", "next")).isEqualTo("next");
        assertThat(OffsetRule.linkFor(0, 1, "fetched", "delta")).isEqualTo("delta");
        assertThatThrownBy(() -> OffsetRule.linkFor(3, 3, "fetched", "next"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OffsetRule.storedLink(Map.of("link", "https://graph/x"))).isEqualTo("https://graph/x");
        assertThat(OffsetRule.storedLink(Map.of("link", 7))).isNull();
        assertThat(OffsetRule.storedLink(null)).isNull();
    }

    @Test
    void contentGoesInlineUpToTheLimitElseByReferenceUnlessForced() {
        assertThat(ContentPlan.decide(ContentMode.AUTO, 10L, 10)).isEqualTo(ContentPlan.Way.INLINE);
        assertThat(ContentPlan.decide(ContentMode.AUTO, 11L, 10)).isEqualTo(ContentPlan.Way.REFERENCE);
        assertThat(ContentPlan.decide(ContentMode.AUTO, null, 10)).isEqualTo(ContentPlan.Way.INLINE);
        assertThat(ContentPlan.decide(ContentMode.BYTES, 11L, 10)).isEqualTo(ContentPlan.Way.TOO_LARGE);
        assertThat(ContentPlan.decide(ContentMode.REFERENCE, 1L, 10)).isEqualTo(ContentPlan.Way.REFERENCE);
        assertThat(ContentPlan.whenLarger(ContentMode.AUTO)).isEqualTo(ContentPlan.Way.REFERENCE);
        assertThat(ContentPlan.whenLarger(ContentMode.BYTES)).isEqualTo(ContentPlan.Way.TOO_LARGE);
    }

    @Test
    void documentIdsSurviveRenamesAndFitTheContract() {
        assertThat(ChangeMapper.documentId("b!drive", "01ABC")).isEqualTo("sharepoint:b!drive:01ABC");
    }
}
