package io.freshet.bench;

import io.freshet.bench.BeirDataset.CorpusDocument;
import io.freshet.bench.BeirDataset.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PeerFilesTest {

    @TempDir
    Path dir;

    @Test
    void thePeerGetsExactlyTheDocumentsAndQueriesTheBenchUsed() throws Exception {
        List<CorpusDocument> corpus = List.of(new CorpusDocument("d2", "A \"quoted\" title", "line one\nline two"),
                new CorpusDocument("d1", "", "no title, ünïcode"));
        List<Query> queries = List.of(new Query("q1", "x".repeat(2500)));
        Path corpusFile = PeerFiles.writeCorpus(corpus, dir.resolve("peer/corpus.jsonl"));
        Path queriesFile = PeerFiles.writeQueries(queries, dir.resolve("peer/queries.jsonl"));
        Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\n");

        // Read back the way the bench reads a BEIR data set: same ids, order and content.
        BeirDataset back = BeirDataset.load(corpusFile, queriesFile, dir.resolve("qrels.tsv"));
        assertThat(back.corpus()).containsExactlyElementsOf(corpus);
        assertThat(back.queries()).containsExactly(new Query("q1", "x".repeat(2000)));
        assertThat(Files.readAllLines(corpusFile)).hasSize(2);
    }

    @Test
    void scoresTheRunAsTheQualityPhaseScoresFreshet() throws Exception {
        Path run = Files.writeString(dir.resolve("run.trec"), """
                q1 Q0 d9 1 0.9 peer
                q1 Q0 d1 2 0.8 peer
                q2 Q0 d2 1 0.7 peer
                """);
        Map<String, Map<String, Integer>> qrels = Map.of("q1", Map.of("d1", 1), "q2", Map.of("d2", 1), "q3", Map.of("d3", 1));
        PeerFiles.Scores scores = PeerFiles.score(run, List.of(new Query("q1", "a"), new Query("q2", "b"), new Query("q3", "c")), qrels);
        // q1: relevant at rank 2 → 1/log2(3) = 0.6309; q2: 1; q3 not in the run: 0.
        assertThat(scores.queries()).isEqualTo(3);
        assertThat(scores.ndcg10()).isCloseTo((0.63093 + 1 + 0) / 3, within(1e-4));
        assertThat(scores.recall100()).isCloseTo(2 / 3.0, within(1e-9));
    }

    @Test
    void aMalformedRunLineIsAnError() throws Exception {
        Path run = Files.writeString(dir.resolve("run.trec"), "q1 Q0\n");
        assertThatThrownBy(() -> PeerFiles.score(run, List.of(new Query("q1", "a")), Map.of()))
                .hasMessageContaining("run.trec:1: expected 'qid Q0 docid rank score tag'");
    }
}
