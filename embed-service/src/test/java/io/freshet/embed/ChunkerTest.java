package io.freshet.embed;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.TextSection;
import io.freshet.embedding.HuggingFaceModelTokenizer;
import io.freshet.embedding.ModelSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkerTest {

    private static final ChunkingPolicy POLICY = new ChunkingPolicy(256, 32, true, 32);
    private static HuggingFaceModelTokenizer tokenizer;
    private static Chunker chunker;

    @BeforeAll
    static void load() {
        tokenizer = new HuggingFaceModelTokenizer(ModelSpec.BGE_SMALL_EN_V15_INT8);
        chunker = new Chunker(tokenizer, POLICY);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void chunksStayWithinTheTokenBudgetAndCoverTheWholeText() {
        String text = words("w", 0, 3_000);
        List<Chunk> chunks = chunker.chunk(document("Title", TextSection.of(text)));

        assertThat(chunks).hasSizeGreaterThan(10);
        for (Chunk chunk : chunks) {
            int tokens = tokenizer.countTokens(chunk.text());
            assertThat(tokens).isEqualTo(chunk.tokens()).isLessThanOrEqualTo(256);
        }
        // Every chunk but the last uses most of its budget: the text is not shredded.
        assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.tokens()).isGreaterThan(192));
        Set<String> covered = chunks.stream().flatMap(c -> Arrays.stream(c.text().split("\\s+"))).collect(Collectors.toSet());
        assertThat(covered).containsAll(Arrays.asList(text.split("\\s+")));
        assertThat(chunks).extracting(Chunk::number).containsExactlyElementsOf(range(chunks.size()));
    }

    @Test
    void consecutiveChunksOverlapByAboutTheConfiguredTokens() {
        List<Chunk> chunks = chunker.chunk(document("Title", TextSection.of(words("w", 0, 3_000))));
        for (int i = 0; i + 1 < chunks.size(); i++) {
            String overlap = sharedEdge(chunks.get(i).text(), chunks.get(i + 1).text());
            assertThat(tokenizer.countTokens(overlap)).as("overlap of chunks %d and %d", i, i + 1).isBetween(16, 32);
        }
    }

    @Test
    void noOverlapWhenItIsSetToZero() {
        Chunker noOverlap = new Chunker(tokenizer, new ChunkingPolicy(64, 0, false, 0));
        List<Chunk> chunks = noOverlap.chunk(document("T", TextSection.of(words("w", 0, 500))));
        List<String> all = chunks.stream().flatMap(c -> Arrays.stream(c.text().split("\\s+"))).toList();
        assertThat(all).doesNotHaveDuplicates().hasSize(500);
    }

    @Test
    void aChunkNeverEndsOrStartsInsideAWord() {
        // Long words split into many word pieces: a token-count cut would land inside them.
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 800; i++) {
            text.append("Unbelievablyconvoluted").append(i).append("ization ");
        }
        Set<String> wholeWords = new HashSet<>(Arrays.asList(text.toString().split(" ")));
        List<Chunk> chunks = chunker.chunk(document(null, TextSection.of(text.toString())));
        assertThat(chunks).hasSizeGreaterThan(5);
        for (Chunk chunk : chunks) {
            assertThat(chunk.tokens()).isLessThanOrEqualTo(256);
            assertThat(chunk.text().split(" ")).allSatisfy(word -> assertThat(wholeWords).contains(word));
        }
    }

    @Test
    void nearTheBudgetAChunkEndsAtASentenceEnd() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            text.append("Sentence ").append(i).append(" says that the river rose by ").append(i * 3)
                    .append(" centimetres overnight near the old mill. ");
        }
        List<Chunk> chunks = chunker.chunk(document("T", TextSection.of(text.toString())));
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).endsWith("mill."));
        // The overlap starts at a sentence too.
        assertThat(chunks.subList(1, chunks.size())).allSatisfy(c -> assertThat(c.text()).startsWith("Sentence "));
    }

    @Test
    void aParagraphEndBeatsASentenceEndNearTheBudget() {
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < 12; p++) {
            for (int s = 0; s < 5; s++) {
                text.append("Paragraph ").append(p).append(" sentence ").append(s).append(" has some words in it. ");
            }
            text.append("End").append(p).append(".\n\n");
        }
        // Five paragraphs of ~56 tokens: a 256-token budget fits four, so every chunk ends with a paragraph.
        List<Chunk> chunks = chunker.chunk(document("T", TextSection.of(text.toString())));
        assertThat(chunks).hasSizeGreaterThan(2);
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).matches("(?s).*End\\d+\\."));
    }

    @Test
    void chunksNeverCrossAChangeOfOrigin() {
        String body1 = words("body", 0, 150);
        String body2 = words("body", 150, 300);
        String attachment = words("att", 0, 400);
        String bodyAgain = words("tail", 0, 50);
        List<Chunk> chunks = chunker.chunk(document("T",
                new TextSection(body1, 1, null), new TextSection(body2, 2, null),
                new TextSection(attachment, 1, "attachment: report.pdf"),
                new TextSection(bodyAgain, 3, null)));

        for (Chunk chunk : chunks) {
            Set<String> prefixes = Arrays.stream(chunk.text().split("\\s+")).map(w -> w.replaceAll("\\d+", ""))
                    .collect(Collectors.toSet());
            assertThat(prefixes).hasSize(1);
            String kind = prefixes.iterator().next();
            assertThat(chunk.origin()).isEqualTo(kind.equals("att") ? "attachment: report.pdf" : null);
        }
        assertThat(chunks).extracting(c -> c.text().split("\\d")[0])
                .containsSubsequence("body", "att", "tail");
        assertThat(chunks.get(chunks.size() - 1).text()).isEqualTo(bodyAgain);
        assertThat(chunks).extracting(Chunk::number).containsExactlyElementsOf(range(chunks.size()));
    }

    @Test
    void aChunkKeepsThePageWhereItStartsAndMayRunOntoTheNext() {
        List<TextSection> pages = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            pages.add(new TextSection(words("p" + page + "w", 0, 150), page, null));
        }
        List<Chunk> chunks = chunker.chunk(document("T", pages.toArray(TextSection[]::new)));

        boolean spansPages = false;
        for (Chunk chunk : chunks) {
            String firstWord = chunk.text().split("\\s+")[0];
            int startPage = Integer.parseInt(firstWord.substring(1, firstWord.indexOf('w')));
            assertThat(chunk.page()).isEqualTo(startPage);
            spansPages |= chunk.text().contains("p" + (startPage + 1) + "w");
        }
        assertThat(spansPages).as("a chunk continues across a page break").isTrue();
    }

    @Test
    void aWordLongerThanTheBudgetIsSplitBetweenTokens() {
        String huge = "a-".repeat(1_000); // 2,000 tokens without any whitespace
        List<Chunk> chunks = chunker.chunk(document("T", TextSection.of("before " + huge + " after")));
        assertThat(chunks.size()).isBetween(8, 12);
        assertThat(chunks).allSatisfy(c -> assertThat(c.tokens()).isLessThanOrEqualTo(256));
        assertThat(chunks.get(0).text()).isEqualTo("before");
        assertThat(chunks.get(chunks.size() - 1).text()).endsWith(" after");
    }

    @Test
    void emptyAndBlankSectionsGiveNoChunks() {
        assertThat(chunker.chunk(document("T"))).isEmpty();
        assertThat(chunker.chunk(document("T", TextSection.of(""), TextSection.of(" \n\t "), new TextSection(null, 1, null))))
                .isEmpty();
    }

    @Test
    void blankSectionsAreSkippedAndAShortTextIsOneTrimmedChunk() {
        List<Chunk> chunks = chunker.chunk(document("Flood report",
                new TextSection("  \n", 1, null), new TextSection("\n  The river rose overnight.  \n", 2, null)));
        assertThat(chunks).singleElement().satisfies(chunk -> {
            assertThat(chunk.text()).isEqualTo("The river rose overnight.");
            assertThat(chunk.page()).isEqualTo(2);
            assertThat(chunk.origin()).isNull();
            assertThat(chunk.embeddingInput()).isEqualTo("Flood report\nThe river rose overnight.");
        });
    }

    @Test
    void theTitleGoesOnItsOwnLineOfTheEmbeddingInputOnly() {
        Chunker withoutTitle = new Chunker(tokenizer, new ChunkingPolicy(256, 32, false, 32));
        ExtractedDocument doc = document("  Annual\n  report  ", TextSection.of("Revenue grew."));
        assertThat(chunker.chunk(doc).get(0).embeddingInput()).isEqualTo("Annual report\nRevenue grew.");
        assertThat(withoutTitle.chunk(doc).get(0).embeddingInput()).isEqualTo("Revenue grew.");
        assertThat(chunker.chunk(document(null, TextSection.of("Revenue grew."))).get(0).embeddingInput())
                .isEqualTo("Revenue grew.");
    }

    @Test
    void aLongTitleIsCutAtAWordWithinItsBudget() {
        String title = words("title", 0, 100);
        String input = chunker.chunk(document(title, TextSection.of("Revenue grew."))).get(0).embeddingInput();
        assertThat(input).endsWith("\nRevenue grew.").startsWith("title0 title1 ");
        String kept = input.substring(0, input.indexOf('\n'));
        assertThat(tokenizer.countTokens(kept)).isLessThanOrEqualTo(32).isGreaterThan(20);
        assertThat(title).startsWith(kept + " ");
    }

    @Test
    void aChunkThatOpensWithTheTitleDoesNotRepeatItButTheNextChunksGetIt() {
        String body = "Flood report\n\n" + words("river", 0, 400);
        List<Chunk> chunks = chunker.chunk(document("Flood report", TextSection.of(body)));
        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks.get(0).embeddingInput()).isEqualTo(chunks.get(0).text()).startsWith("Flood report\n\nriver0 ");
        assertThat(chunks.get(1).embeddingInput()).isEqualTo("Flood report\n" + chunks.get(1).text());
    }

    @Test
    void policyRejectsNonsense() {
        assertThatThrownBy(() -> new ChunkingPolicy(8, 0, true, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkingPolicy(64, 40, true, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChunkingPolicy(64, -1, true, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The longest end of {@code first} that {@code second} starts with. */
    private static String sharedEdge(String first, String second) {
        for (int length = Math.min(first.length(), second.length()); length > 0; length--) {
            if (first.endsWith(second.substring(0, length))) {
                return second.substring(0, length);
            }
        }
        return "";
    }

    static String words(String prefix, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append(prefix).append(i).append(i % 17 == 16 ? "\n" : " ");
        }
        return text.toString().strip();
    }

    private static List<Integer> range(int n) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    static ExtractedDocument document(String title, TextSection... sections) {
        var header = new DocumentHeader("doc-1", "test", 3, Operation.UPSERT, title, "https://example.org/doc-1",
                "text/plain", Map.of("team", "docs"), Acl.publicAcl(), Instant.parse("2026-11-23T10:00:00Z"));
        return new ExtractedDocument(header, "hash-1", List.of(sections));
    }
}
