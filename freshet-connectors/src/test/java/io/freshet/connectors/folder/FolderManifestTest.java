package io.freshet.connectors.folder;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FolderManifestTest {

    @Test
    void partitionsKeepOneKeyOrderBecauseConnectKeysStoredOffsetsByTheirJson() {
        // Map.of iterates in an order that changes between JVMs: a restarted worker found none of its offsets.
        assertThat(new FolderManifest("s", "/f").partition(3).keySet()).containsExactly("source", "folder", "shard");
    }

    @Test
    void whatOneManifestStoresAnotherRestores() {
        FolderManifest first = new FolderManifest("s", "/f");
        first.put("a.txt", new KnownFile(5, "aa", 1, 10));
        first.put("dir/b.txt", new KnownFile(6, "bb", 2, 20));
        first.deviceWithFiles("2049");
        Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();
        for (int shard = 0; shard < FolderManifest.SHARDS; shard++) {
            stored.put(first.partition(shard), first.offset(shard));
        }

        FolderManifest second = new FolderManifest("s", "/f");
        second.restore(stored);

        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.deviceWithFiles()).isEqualTo("2049");
    }

    @Test
    void aStoredShardThatCannotBeReadStopsTheTaskRatherThanStartingOverBlind() {
        FolderManifest manifest = new FolderManifest("s", "/f");
        Map<Map<String, Object>, Map<String, Object>> stored = Map.of(manifest.partition(1),
                Map.of(FolderManifest.OFFSET_KEY, "{not json"));

        assertThatThrownBy(() -> manifest.restore(stored)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shard 1");
    }
}
