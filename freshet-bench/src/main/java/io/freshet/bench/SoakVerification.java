package io.freshet.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After the soak has drained: did every update land exactly once? For each document the soak updated, the status
 * index must hold the last version published, INDEXED, and the chunk index exactly that version's chunks: as many
 * as the status record counts, each chunk number once, none of an older version (a stale leftover would be a
 * duplicate passage in search results). Pure: fed what was published and what the indexes hold.
 */
final class SoakVerification {

    /** A status record as read back: the version applied, its state and how many chunks it has. */
    record Status(long version, String state, int chunks) {
    }

    /** A stored chunk's document, number and version. */
    record Chunk(String documentId, int number, long version) {
    }

    private static final int EXAMPLES = 10;

    private SoakVerification() {
    }

    /**
     * @param lastPublished the last version published per document
     * @param statuses      the status records of those documents (absent: never indexed)
     * @param chunks        every chunk of those documents
     */
    static SoakResult.Verification verify(Map<String, Long> lastPublished, Map<String, Status> statuses, List<Chunk> chunks) {
        Map<String, List<Chunk>> byDocument = new HashMap<>();
        for (Chunk chunk : chunks) {
            byDocument.computeIfAbsent(chunk.documentId(), id -> new ArrayList<>()).add(chunk);
        }
        List<String> lost = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        int lostCount = 0;
        int duplicatedCount = 0;
        long staleChunks = 0;
        for (Map.Entry<String, Long> entry : lastPublished.entrySet()) {
            String id = entry.getKey();
            long expected = entry.getValue();
            Status status = statuses.get(id);
            List<Chunk> stored = byDocument.getOrDefault(id, List.of());
            String problem = null;
            if (status == null) {
                problem = id + ": no status record (published v" + expected + ")";
            } else if (status.version() != expected) {
                problem = id + ": status at v" + status.version() + ", last published v" + expected;
            } else if (!"INDEXED".equals(status.state())) {
                problem = id + ": v" + expected + " is " + status.state();
            }
            if (problem != null) {
                lostCount++;
                if (lost.size() < EXAMPLES) {
                    lost.add(problem);
                }
                continue;
            }
            long stale = stored.stream().filter(c -> c.version() != expected).count();
            Set<Integer> numbers = new HashSet<>();
            long repeated = stored.stream().filter(c -> c.version() == expected && !numbers.add(c.number())).count();
            long current = stored.size() - stale;
            if (stale > 0 || repeated > 0 || current != status.chunks()) {
                staleChunks += stale;
                duplicatedCount++;
                if (duplicated.size() < EXAMPLES) {
                    duplicated.add(id + " v" + expected + ": " + current + " chunks of that version (status counts "
                            + status.chunks() + "), " + stale + " of other versions, " + repeated + " repeated numbers");
                }
            }
        }
        return new SoakResult.Verification(lastPublished.size(), lastPublished.size() - lostCount - duplicatedCount,
                lostCount, duplicatedCount, staleChunks, lost, duplicated);
    }
}
