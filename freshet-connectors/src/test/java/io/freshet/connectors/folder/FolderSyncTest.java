package io.freshet.connectors.folder;

import io.freshet.connectors.ChangeRecords;
import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.EventCodec;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The folder connector's loop on a real folder, with the clock in the test's hands and Connect's offsets kept here. */
class FolderSyncTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final EventCodec codec = new EventCodec();
    /** What Connect would have committed: each partition's latest offset. */
    private final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    private FolderSync sync;
    private Map<String, String> settings;

    @BeforeEach
    void start() {
        settings = new HashMap<>(Map.of(FolderConfig.PATH, root.toString(), FolderConfig.QUIET_PERIOD_MS, "0",
                FolderConfig.POLL_INTERVAL_MS, "1000", "acl.public", "true"));
        sync = restart();
    }

    @Test
    void publishesEveryFileOnceThenOnlyWhatChanged() throws IOException {
        write("a.txt", "alpha");
        write("sub/b.md", "# Bravo");
        write(".hidden", "never");
        write("~$lock.docx", "never");

        List<DocumentChange> first = changes(scan());
        assertThat(first).extracting(c -> c.header().id()).containsExactly("folder:a.txt", "folder:sub/b.md");
        assertThat(first).allSatisfy(c -> {
            assertThat(c.header().acl()).isEqualTo(Acl.publicAcl());
            assertThat(c.header().url()).startsWith("file:/").endsWith(c.header().metadata().get("path"));
        });
        assertThat(new String(Base64.getDecoder().decode(first.get(0).content().base64()))).isEqualTo("alpha");

        assertThat(scan()).isEmpty();

        touch("a.txt"); // the same bytes, a new time: nothing to publish
        assertThat(scan()).isEmpty();

        write("a.txt", "alpha, edited");
        List<DocumentChange> edited = changes(scan());
        assertThat(edited).singleElement().satisfies(c -> {
            assertThat(c.header().id()).isEqualTo("folder:a.txt");
            assertThat(c.header().version()).isGreaterThan(first.get(0).header().version());
        });
    }

    @Test
    void aRemovedFileBecomesADeleteAndItsTombstoneAndARenameKeepsTheContentInTheIndexThroughout() throws IOException {
        write("keep.txt", "kept");
        write("old-name.txt", "the same bytes");
        write("gone.txt", "going");
        scan();

        Files.move(root.resolve("old-name.txt"), root.resolve("new-name.txt"));
        Files.delete(root.resolve("gone.txt"));
        List<SourceRecord> records = scan();

        assertThat(records).hasSize(5);
        DocumentChange moved = codec.readChange((String) records.get(0).value());
        assertThat(moved.header().id()).isEqualTo("folder:new-name.txt");
        assertThat(moved.header().metadata()).containsEntry("renamedFrom", "old-name.txt");
        assertThat(records.subList(1, 5)).extracting(SourceRecord::key)
                .containsExactly("folder:gone.txt", "folder:gone.txt", "folder:old-name.txt", "folder:old-name.txt");
        assertThat(codec.readChange((String) records.get(1).value()).isDelete()).isTrue();
        assertThat(records.get(2).value()).isNull();
    }

    @Test
    void aRestartPublishesNothingUnchangedAndFindsWhatChangedOrWentWhileItWasStopped() throws IOException {
        write("a.txt", "alpha");
        write("b.txt", "bravo");
        write("c.txt", "charlie");
        List<DocumentChange> before = changes(scan());

        write("b.txt", "bravo, edited while stopped");
        Files.delete(root.resolve("c.txt"));
        sync = restart();
        List<SourceRecord> after = scan();

        assertThat(after).extracting(SourceRecord::key)
                .containsExactly("folder:b.txt", "folder:c.txt", "folder:c.txt");
        DocumentChange edited = codec.readChange((String) after.get(0).value());
        assertThat(edited.header().version()).isGreaterThan(before.get(1).header().version());
    }

    @Test
    void aFolderEmptiedOnItsOwnFileSystemIsEmptiedInTheIndex() throws IOException {
        write("last.txt", "the only file");
        scan();

        Files.delete(root.resolve("last.txt"));

        assertThat(scan()).extracting(SourceRecord::key).containsExactly("folder:last.txt", "folder:last.txt");
    }

    @Test
    void aFolderThatIsGoneRemovesNothingAndIsPublishedFromAgainWhenItIsBack() throws IOException {
        write("a.txt", "alpha");
        scan();

        Files.delete(root.resolve("a.txt"));
        Files.delete(root);
        assertThat(scan()).as("a folder that is not there").isEmpty();

        Files.createDirectories(root);
        write("a.txt", "alpha");
        write("b.txt", "bravo");
        clock.advance(120_000);
        assertThat(scan()).extracting(SourceRecord::key).containsExactly("folder:b.txt");
    }

    @Test
    void aPollHoldsABoundedAmountOfFileBytes() throws IOException {
        settings.put(FolderConfig.BATCH_MAX_BYTES, "10");
        sync = restart();
        for (int i = 0; i < 5; i++) {
            write("f" + i + ".txt", "123456");
        }
        clock.advance(1_000);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sizes.add(sync.poll().size());
        }
        assertThat(sizes).containsExactly(1, 1, 1, 1, 1);
        assertThat(sync.poll()).isEmpty();
    }

    @Test
    void posixReadBitsBecomeTheReaders() throws IOException {
        settings.put("acl.public", "false");
        settings.put("acl.principals", "group:auditors");
        settings.put(FolderConfig.POSIX_ACL, "true");
        sync = restart();
        Path file = write("team.txt", "for the team");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        String owner = Files.getOwner(file).getName();
        String group = Files.readAttributes(file, java.nio.file.attribute.PosixFileAttributes.class).group().getName();

        DocumentChange change = changes(scan()).get(0);

        assertThat(change.header().acl().isPublic()).isFalse();
        assertThat(change.header().acl().principals())
                .containsExactlyInAnyOrder("group:auditors", owner, "group:" + group);
    }

    private FolderSync restart() {
        FolderConfig config = new FolderConfig(settings);
        FolderManifest manifest = new FolderManifest("folder", config.root().toString());
        manifest.restore(committed);
        return new FolderSync(config, new FolderScanner(config.root(), config.excluded()),
                new FolderDocuments("folder", config.root(), config.urlPrefix(), new Acl(
                        Boolean.parseBoolean(settings.get("acl.public")),
                        settings.containsKey("acl.principals") ? List.of(settings.get("acl.principals")) : List.of()),
                        config.posixAcl()),
                new ChangeRecords("freshet.documents.changes"), manifest, clock);
    }

    /** One scan's records (every poll until none is left), committed as Connect would. */
    @SuppressWarnings("unchecked")
    private List<SourceRecord> scan() {
        clock.advance(1_000);
        List<SourceRecord> all = new ArrayList<>();
        for (List<SourceRecord> batch = sync.poll(); !batch.isEmpty(); batch = sync.poll()) {
            all.addAll(batch);
        }
        for (SourceRecord record : all) {
            committed.put((Map<String, Object>) record.sourcePartition(), (Map<String, Object>) record.sourceOffset());
        }
        return all;
    }

    private List<DocumentChange> changes(List<SourceRecord> records) {
        return records.stream().filter(r -> r.value() != null).map(r -> codec.readChange((String) r.value())).toList();
    }

    private Path write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.fromMillis(clock.millis() - 5_000));
        return file;
    }

    private void touch(String relative) throws IOException {
        Files.setLastModifiedTime(root.resolve(relative), FileTime.fromMillis(clock.millis()));
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(long millis) {
            now = now.plusMillis(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
