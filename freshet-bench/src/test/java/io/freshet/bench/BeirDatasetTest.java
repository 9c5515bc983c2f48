package io.freshet.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BeirDatasetTest {

    @TempDir
    Path dir;

    @Test
    void evaluatesOnlyJudgedQueriesAndSubsetsKeepTheirJudgedDocuments() throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "a", "title": "Alpha", "text": "first"}
                {"_id": "b", "title": "", "text": "second"}
                {"_id": "c", "title": "Gamma", "text": "third"}
                {"_id": "d", "title": "Delta", "text": "fourth"}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "about delta"}
                {"_id": "q2", "text": "unjudged"}
                {"_id": "q3", "text": "only a zero judgment"}
                """);
        Files.writeString(dir.resolve("qrels.tsv"), "query-id\tcorpus-id\tscore\nq1\td\t2\nq3\ta\t0\n");
        BeirDataset data = BeirDataset.load(dir.resolve("corpus.jsonl"), dir.resolve("queries.jsonl"), dir.resolve("qrels.tsv"));

        assertThat(data.corpus()).hasSize(4);
        assertThat(data.queries()).extracting(BeirDataset.Query::id).containsExactly("q1");
        assertThat(data.qrels().get("q1")).containsEntry("d", 2);
        assertThat(data.corpus().get(0).content()).isEqualTo("Alpha\n\nfirst");
        assertThat(data.corpus().get(1).content()).isEqualTo("second");

        BeirDataset small = data.subset(2, 1);
        assertThat(small.corpus()).extracting(BeirDataset.CorpusDocument::id).containsExactly("d", "a");
    }
}
