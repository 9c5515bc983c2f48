package io.freshet.connectors.folder;

import io.freshet.connectors.folder.FolderPlanner.Remove;
import io.freshet.connectors.folder.FolderPlanner.ScanPlan;
import io.freshet.connectors.folder.FolderPlanner.Snapshot;
import io.freshet.connectors.folder.FolderPlanner.Write;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FolderPlannerTest {

    private static final long NOW = 1_000_000;
    private final Map<String, KnownFile> known = Map.of("a.txt", new KnownFile(1, "aa", 5, 100),
            "b.txt", new KnownFile(2, "bb", 6, 200));

    @Test
    void readsOnlyNewAndChangedFilesLeavesFilesBeingWrittenAndRemovesTheRestAfterTheWrites() {
        Snapshot scan = new Snapshot(Map.of(
                "a.txt", stat("a.txt", 5, 100),          // unchanged
                "c.txt", stat("c.txt", 7, 300),          // new
                "d.txt", stat("d.txt", 7, NOW - 10)),    // still being written
                true, "dev1");

        ScanPlan plan = FolderPlanner.plan(known, scan, NOW, 1_000, "dev1");

        assertThat(plan.changes()).hasSize(2);
        assertThat(plan.changes().get(0)).isInstanceOf(Write.class).extracting(c -> c.path()).isEqualTo("c.txt");
        assertThat(plan.changes().get(1)).isInstanceOf(Remove.class).extracting(c -> c.path()).isEqualTo("b.txt");
        assertThat(plan.unchanged()).isEqualTo(1);
        assertThat(plan.settling()).isEqualTo(1);
    }

    @Test
    void anEmptyFolderOnTheFileSystemThatHadTheFilesRemovesThem() {
        ScanPlan plan = FolderPlanner.plan(known, new Snapshot(Map.of(), true, "dev1"), NOW, 0, "dev1");

        assertThat(plan.changes()).extracting(c -> c.path()).containsExactly("a.txt", "b.txt");
        assertThat(plan.removalsWithheld()).isNull();
    }

    @Test
    void anEmptyFolderOnAnotherFileSystemIsAnUnmountedShareNotDeletions() {
        ScanPlan moved = FolderPlanner.plan(known, new Snapshot(Map.of(), true, "dev2"), NOW, 0, "dev1");
        ScanPlan unknown = FolderPlanner.plan(known, new Snapshot(Map.of(), true, "dev2"), NOW, 0, null);

        assertThat(moved.changes()).isEmpty();
        assertThat(moved.removalsWithheld()).contains("another file system");
        assertThat(unknown.changes()).isEmpty();
        assertThat(unknown.removalsWithheld()).contains("not known");
    }

    @Test
    void aScanThatCouldNotReadEverySubdirectoryRemovesNothing() {
        Snapshot partial = new Snapshot(Map.of("a.txt", stat("a.txt", 5, 100)), false, "dev1");

        ScanPlan plan = FolderPlanner.plan(known, partial, NOW, 0, "dev1");

        assertThat(plan.changes()).isEmpty();
        assertThat(plan.removalsWithheld()).contains("could not be read");
    }

    @Test
    void aRenameIsANewPathWithTheBytesOfARemovedOne() {
        Map<String, Remove> pending = FolderPlanner.removalsByContent(
                List.of(new Remove("old.txt", new KnownFile(3, "cc", 9, 1))));

        assertThat(FolderPlanner.renamedFrom("cc", 9, pending)).map(Remove::path).contains("old.txt");
        assertThat(FolderPlanner.renamedFrom("cc", 10, pending)).isEmpty();
        assertThat(FolderPlanner.renamedFrom("dd", 9, pending)).isEmpty();
    }

    @Test
    void aVersionIsTheTimeSeenButAlwaysAboveTheFilesLastOne() {
        assertThat(FolderPlanner.nextVersion(null, NOW)).isEqualTo(NOW);
        assertThat(FolderPlanner.nextVersion(new KnownFile(5, "x", 1, 1), NOW)).isEqualTo(NOW);
        assertThat(FolderPlanner.nextVersion(new KnownFile(NOW + 50, "x", 1, 1), NOW)).isEqualTo(NOW + 51);
    }

    private static FileStat stat(String path, long size, long modified) {
        return new FileStat(path, size, modified, "alice", "staff", Set.of());
    }
}
