package io.freshet.query.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Running fused scores per chunk while the lists are merged. */
final class FusionTally {

    private static final class Entry {
        private final String chunkId;
        private double score;
        private Double lexical;
        private Double vector;
        private int bestRank = Integer.MAX_VALUE;

        private Entry(String chunkId) {
            this.chunkId = chunkId;
        }
    }

    private final Map<String, Entry> byChunk = new LinkedHashMap<>();

    void add(Candidate candidate, int rank, double contribution, boolean lexical) {
        Entry entry = byChunk.computeIfAbsent(candidate.chunkId(), Entry::new);
        entry.score += contribution;
        if (lexical) {
            entry.lexical = candidate.score();
        } else {
            entry.vector = candidate.score();
        }
        entry.bestRank = Math.min(entry.bestRank, rank);
    }

    /** Highest score first; ties go to the better single-list rank, then the chunk id, so results are stable. */
    List<RankedChunk> top(int topK) {
        var entries = new ArrayList<>(byChunk.values());
        entries.sort(Comparator.comparingDouble((Entry e) -> -e.score)
                .thenComparingInt(e -> e.bestRank)
                .thenComparing(e -> e.chunkId));
        return entries.stream().limit(topK)
                .map(e -> new RankedChunk(e.chunkId, e.score, e.lexical, e.vector))
                .toList();
    }
}
