package io.freshet.query.retrieval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link PassageIndex} over fixed passages whose ranking is a lambda. Reading by id returns every passage asked
 * for, whoever asks (a broken filter), so what a caller gets is the permission point's doing; the ids asked for are
 * recorded.
 */
public final class StubIndex implements PassageIndex {

    @FunctionalInterface
    public interface Ranking {
        Retrieval search(String text, float[] vector, int size, int k, Set<String> principals);
    }

    private final Map<String, Passage> byId = new LinkedHashMap<>();
    private final Ranking ranking;
    private final List<List<String>> fetched = new ArrayList<>();

    public StubIndex(Collection<Passage> passages, Ranking ranking) {
        passages.forEach(p -> byId.put(p.chunkId(), p));
        this.ranking = ranking;
    }

    /** Candidates in the order given, scored from the first's {@code topScore} down by one. */
    public static List<Candidate> ranked(double topScore, Passage... passages) {
        var list = new ArrayList<Candidate>();
        for (int i = 0; i < passages.length; i++) {
            list.add(new Candidate(passages[i].chunkId(), topScore - i));
        }
        return list;
    }

    @Override
    public Retrieval search(String text, float[] vector, int size, int k, Set<String> principals) {
        return ranking.search(text, vector, size, k, principals);
    }

    @Override
    public List<Passage> passages(List<String> chunkIds, Set<String> principals) {
        fetched.add(List.copyOf(chunkIds));
        return chunkIds.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    @Override
    public List<Passage> passagesOf(String documentId, int limit, Set<String> principals) {
        return byId.values().stream().filter(p -> p.documentId().equals(documentId)).limit(limit).toList();
    }

    /** The chunk ids of each read by id, in order. */
    public List<List<String>> fetched() {
        return fetched;
    }
}
