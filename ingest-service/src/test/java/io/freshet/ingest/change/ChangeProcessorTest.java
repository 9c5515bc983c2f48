package io.freshet.ingest.change;

import io.freshet.contract.event.Acl;
import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.contract.event.Operation;
import io.freshet.contract.event.TextSection;
import io.freshet.ingest.TestDocuments;
import io.freshet.ingest.extraction.ExtractionLimits;
import io.freshet.ingest.extraction.ExtractionRejectedException;
import io.freshet.ingest.extraction.RejectionKind;
import io.freshet.ingest.extraction.TextExtractor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeProcessorTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static TextExtractor extractor;
    private static ChangeProcessor processor;

    @BeforeAll
    static void createOnce() {
        extractor = new TextExtractor(ExtractionLimits.defaults());
        processor = new ChangeProcessor(extractor, uri -> {
            throw new AssertionError("nothing is fetched here: " + uri);
        });
    }

    @AfterAll
    static void stop() {
        extractor.close();
    }

    private static DocumentChange upsert(String id, String title, String url, String contentType, Content content) {
        return DocumentChange.of(id, "cms", 3, Operation.UPSERT, title, url, contentType, content,
                Map.of("department", "finance"), Acl.restrictedTo("group:employees"), AT);
    }

    @Test
    void aDeleteBecomesADeletionWithTheSameHeader() {
        DocumentChange delete = DocumentChange.delete("policies/travel", "cms", 4, AT);

        ExtractedDocument deletion = processor.apply(delete);

        assertThat(deletion).isEqualTo(ExtractedDocument.deletion(delete.header()));
        assertThat(deletion.sections()).isEmpty();
        assertThat(deletion.contentHash()).isNull();
    }

    @Test
    void textContentKeepsTheHeaderAndHashesTheExtractedText() {
        DocumentChange change = upsert("policies/travel", "Travel policy", "https://cms.example.com/policies/travel",
                "text/markdown", Content.ofText("# Travel\n\nEconomy   class for flights under 6 hours."));

        ExtractedDocument extracted = processor.apply(change);

        String text = "# Travel\n\nEconomy class for flights under 6 hours.";
        assertThat(extracted.sections()).containsExactly(TextSection.of(text));
        // SHA-256 of the UTF-8 bytes of that text, computed outside Java:
        // printf '# Travel\n\nEconomy class for flights under 6 hours.' | sha256sum
        assertThat(extracted.contentHash()).isEqualTo("192645e180161942ecc87285c76c65226e36efc042d031c0509702aebde5862a");
        assertThat(extracted.document()).isEqualTo(change.header());
    }

    @Test
    void theSameTextGivesTheSameHashAndADifferentTextAnother() {
        ExtractedDocument a = processor.apply(upsert("a", "A", null, null, Content.ofText("one two")));
        ExtractedDocument b = processor.apply(upsert("b", "B", null, null, Content.ofText("one   two\n")));
        ExtractedDocument c = processor.apply(upsert("c", "C", null, null, Content.ofText("one three")));

        assertThat(a.contentHash()).isEqualTo(b.contentHash()).isNotEqualTo(c.contentHash());
    }

    @Test
    void titleFallsBackToTheDocumentsOwnThenTheFileNameThenTheId() {
        Content docx = Content.ofBytes(TestDocuments.bytes("testWORD.docx"));
        assertThat(processor.apply(upsert("d1", null, "https://files.example.com/q3.docx", DOCX, docx))
                .document().title()).isEqualTo("Sample Word Document");

        Content untitledHtml = Content.ofBytes(TestDocuments.bytes("testHTMLBadScript.html"));
        assertThat(processor.apply(upsert("d2", " ", "https://files.example.com/kb/Bad%20Script.html?web=1", null,
                untitledHtml)).document().title()).isEqualTo("Bad Script.html");
        assertThat(processor.apply(upsert("d3", null, null, null, untitledHtml)).document().title()).isEqualTo("d3");
    }

    @Test
    void aMissingContentTypeIsFilledInFromDetection() {
        ExtractedDocument pdf = processor.apply(upsert("p", "P", null, null,
                Content.ofBytes(TestDocuments.bytes("testPDF.pdf"))));

        assertThat(pdf.document().contentType()).isEqualTo("application/pdf");
        assertThat(pdf.sections()).extracting(TextSection::page).containsExactly(1);
    }

    @Test
    void contentByReferenceIsFetchedAndExtracted() {
        DocumentChange byReference = upsert("kb-7", null, null, null, Content.ofUri("https://files.example.com/kb-7.pdf"));

        ContentFetcher localFiles = uri -> {
            assertThat(uri).isEqualTo("https://files.example.com/kb-7.pdf");
            return new ContentFetcher.FetchedContent(TestDocuments.bytes("testPDF.pdf"), "application/pdf");
        };
        ExtractedDocument fetched = new ChangeProcessor(extractor, localFiles).apply(byReference);
        assertThat(fetched.document().title()).isEqualTo("Apache Tika - Apache Tika");
        assertThat(fetched.document().contentType()).isEqualTo("application/pdf");
        assertThat(fetched.sections()).extracting(TextSection::page).containsExactly(1);
    }

    @Test
    void aRefusedFetchRejectsTheDocumentWithTheFetchersReason() {
        DocumentChange byReference = upsert("kb-8", null, null, null, Content.ofUri("http://169.254.169.254/latest/meta-data/"));
        ContentFetcher refusing = uri -> {
            throw new ExtractionRejectedException(RejectionKind.FETCH_REFUSED, "fetch refused: 169.254.169.254 is link-local");
        };

        assertThatThrownBy(() -> new ChangeProcessor(extractor, refusing).apply(byReference))
                .isInstanceOfSatisfying(ExtractionRejectedException.class,
                        e -> assertThat(e.kind()).isEqualTo(RejectionKind.FETCH_REFUSED))
                .hasMessage("fetch refused: 169.254.169.254 is link-local");
    }

    @Test
    void rejectionsCarryTheExtractorsReason() {
        DocumentChange encrypted = upsert("secret", "Secret", null, DOCX,
                Content.ofBytes(TestDocuments.bytes("testWORD_protected_passtika.docx")));

        assertThatThrownBy(() -> processor.apply(encrypted)).hasMessage("encrypted: a password is required");
    }

    @Test
    void truncationIsMarkedInTheHeaderMetadata() {
        try (TextExtractor small = new TextExtractor(new ExtractionLimits(1024 * 1024, 10, 5, Duration.ofSeconds(10), 1))) {
            ExtractedDocument cut = new ChangeProcessor(small, processorsFetcher())
                    .apply(upsert("long", "Long", null, "text/plain", Content.ofText("0123456789abcdef")));

            assertThat(cut.sections()).containsExactly(TextSection.of("0123456789"));
            assertThat(cut.document().metadata()).containsEntry("department", "finance")
                    .containsEntry(ChangeProcessor.TRUNCATED_METADATA_KEY, "first 10 characters kept");
        }
    }

    private static ContentFetcher processorsFetcher() {
        return uri -> {
            throw new AssertionError("nothing is fetched here: " + uri);
        };
    }

    @Test
    void fileNamesComeFromTheUrlPath() {
        assertThat(ChangeProcessor.fileName("https://h/sites/a/Q3%20report.docx?x=1#top")).isEqualTo("Q3 report.docx");
        assertThat(ChangeProcessor.fileName("https://h/sites/")).isNull();
        assertThat(ChangeProcessor.fileName("not a uri/with spaces.pdf")).isEqualTo("with spaces.pdf");
        assertThat(ChangeProcessor.fileName(null)).isNull();
    }
}
