package io.freshet.connectors.folder;

import io.freshet.connectors.SourcePartitions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the connector has published from one folder, file by file, as Connect stores it: in {@value #SHARDS} source
 * partitions, so that a record carries its shard's state after its change as its source offset, and no offset value
 * grows with the whole folder. After a restart the shards read back tell what is known, so a file removed while the
 * connector was stopped is still found missing, and an unchanged file is not published again.
 *
 * <p>A shard is a JSON object in one string (Connect's offsets hold only primitive values): path → [version, sha256,
 * size, modified millis]. About 100 bytes a file: 100,000 files make shards of ~160 KB each.
 */
final class FolderManifest {

    static final int SHARDS = 64;
    static final String OFFSET_KEY = "files";
    static final String DEVICE_KEY = "device";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String source;
    private final String folder;
    /** By shard, each in path order: a record's offset is its shard, written without looking at the others. */
    private final List<TreeMap<String, KnownFile>> shards = new ArrayList<>(SHARDS);
    /** The folder's file system when a scan last found files in it (see FolderPlanner.plan), null if not known. */
    private String deviceWithFiles;

    FolderManifest(String source, String folder) {
        this.source = source;
        this.folder = folder;
        for (int shard = 0; shard < SHARDS; shard++) {
            shards.add(new TreeMap<>());
        }
    }

    /** Every known file (a copy; once per scan). */
    Map<String, KnownFile> files() {
        Map<String, KnownFile> all = new HashMap<>();
        shards.forEach(all::putAll);
        return all;
    }

    KnownFile get(String path) {
        return shards.get(shardOf(path)).get(path);
    }

    void put(String path, KnownFile known) {
        shards.get(shardOf(path)).put(path, known);
    }

    void remove(String path) {
        shards.get(shardOf(path)).remove(path);
    }

    String deviceWithFiles() {
        return deviceWithFiles;
    }

    void deviceWithFiles(String device) {
        this.deviceWithFiles = device;
    }

    static int shardOf(String path) {
        return Math.floorMod(path.hashCode(), SHARDS);
    }

    /** The Connect source partition of a shard. */
    Map<String, Object> partition(int shard) {
        return SourcePartitions.of("source", source, "folder", folder, "shard", shard);
    }

    List<Map<String, Object>> partitions() {
        List<Map<String, Object>> all = new ArrayList<>(SHARDS);
        for (int shard = 0; shard < SHARDS; shard++) {
            all.add(partition(shard));
        }
        return all;
    }

    /** The offset of a shard as it stands now. */
    Map<String, Object> offset(int shard) {
        ObjectNode node = JSON.createObjectNode();
        shards.get(shard).forEach((path, known) -> {
            ArrayNode entry = node.putArray(path);
            entry.add(known.version()).add(known.sha256()).add(known.size()).add(known.modifiedMillis());
        });
        String json = JSON.writeValueAsString(node);
        return deviceWithFiles == null ? Map.of(OFFSET_KEY, json) : Map.of(OFFSET_KEY, json, DEVICE_KEY, deviceWithFiles);
    }

    /**
     * Restores the state from the offsets Connect read back (partition → offset, null for a shard never written).
     *
     * @throws IllegalStateException when a stored shard cannot be read: starting from nothing would publish every file
     *                               again and miss every removal, so the task stops with the reason instead
     */
    void restore(Map<Map<String, Object>, Map<String, Object>> stored) {
        for (int shard = 0; shard < SHARDS; shard++) {
            Map<String, Object> offset = stored.get(partition(shard));
            if (offset == null || offset.get(OFFSET_KEY) == null) {
                continue;
            }
            if (offset.get(DEVICE_KEY) != null) {
                deviceWithFiles = String.valueOf(offset.get(DEVICE_KEY));
            }
            try {
                JsonNode node = JSON.readTree(String.valueOf(offset.get(OFFSET_KEY)));
                for (Map.Entry<String, JsonNode> entry : node.properties()) {
                    JsonNode v = entry.getValue();
                    put(entry.getKey(), new KnownFile(v.get(0).asLong(), v.get(1).asString(), v.get(2).asLong(),
                            v.get(3).asLong()));
                }
            } catch (JacksonException | NullPointerException e) {
                throw new IllegalStateException("the stored state of folder " + folder + " (shard " + shard
                        + ") cannot be read: " + e.getMessage(), e);
            }
        }
    }

    int size() {
        return shards.stream().mapToInt(Map::size).sum();
    }
}
