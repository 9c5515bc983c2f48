package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;
import io.freshet.ingest.TestDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The extractor on real files: structure for citations, clear rejections, and bounds on hostile input. */
class TextExtractorTest {

    private static TextExtractor extractor;
    private static TextExtractor withOcr;

    @BeforeAll
    static void createParserOnce() {
        extractor = new TextExtractor(ExtractionLimits.defaults());
        withOcr = new TextExtractor(ExtractionLimits.defaults(), OcrSettings.english());
    }

    @AfterAll
    static void stop() {
        extractor.close();
        withOcr.close();
    }

    /** OCR tests need the tesseract binary (apt-get install tesseract-ocr tesseract-ocr-eng); without it they are skipped. */
    private static TextExtractor ocr() {
        assumeTrue(withOcr.tesseractInstalled(), "tesseract is not installed");
        assertThat(withOcr.ocrActive()).isTrue();
        return withOcr;
    }

    private static Extraction extract(String file) {
        return extractor.extract(TestDocuments.bytes(file), null, file);
    }

    private static ExtractionRejectedException rejection(TextExtractor with, String file) {
        try {
            Extraction extraction = with.extract(TestDocuments.bytes(file), null, file);
            throw new AssertionError(file + " should have been rejected, got " + extraction.sections());
        } catch (ExtractionRejectedException expected) {
            return expected;
        }
    }

    @Test
    void pdfGivesOneSectionPerPageWithItsNumber() {
        Extraction pdf = extract("testPDF.pdf");

        assertThat(pdf.mediaType()).isEqualTo("application/pdf");
        assertThat(pdf.title()).isEqualTo("Apache Tika - Apache Tika");
        assertThat(pdf.sections()).extracting(TextSection::page).containsExactly(1);
        assertThat(pdf.sections().get(0).origin()).isNull();
        assertThat(pdf.text()).contains("Apache Tika is a toolkit for detecting and extracting metadata and structured text content");
        assertThat(pdf.truncated()).isFalse();

        Extraction twoPages = extract("testPDFVarious.pdf");
        assertThat(twoPages.sections()).extracting(TextSection::page).containsExactly(1, 2);
        assertThat(twoPages.sections().get(0).text()).contains("Here is a numbered list:").doesNotContain("Here is a citation");
        assertThat(twoPages.sections().get(1).text()).contains("Here is a citation:");
    }

    @Test
    void rotatedPdfTextIsReadAsWholeLines() {
        assertThat(extract("testPDF_rotated.pdf").text())
                .contains("Apache Tika is a toolkit for detecting and extracting metadata and structured text content");
    }

    @Test
    void textThatLooksLikeLatin1IsReadAsWindows1252() {
        assertThat(extract("testTXT_win-1252.txt").text())
                .isEqualTo("These smart quotes are the trigger for CharsetRecog_sbcs to think this is a “windows” encoding");
    }

    @Test
    void docxIsOneBodySectionWithParagraphBreaksAndItsTitle() {
        Extraction docx = extract("testWORD.docx");

        assertThat(docx.title()).isEqualTo("Sample Word Document");
        assertThat(docx.sections()).singleElement().satisfies(section -> {
            assertThat(section.page()).isNull();
            assertThat(section.origin()).isNull();
            assertThat(section.text()).contains("This is a sample Microsoft Word Document.")
                    .contains("\n\nThis document includes text that is BOLD and ITALIC.")
                    .doesNotContain("  ")
                    .doesNotContain("\n\n\n");
        });
    }

    @Test
    void htmlKeepsBodyTextAndDropsHeadAndScripts() {
        Extraction html = extract("testHTML.html");
        assertThat(html.title()).isEqualTo("Title : Test Indexation Html");
        assertThat(html.text()).isEqualTo("Test Indexation Html\n\nIndexation du fichier");

        assertThat(extract("testHTMLBadScript.html").text()).isEqualTo("This is a test.");
    }

    @Test
    void mailAttachmentsBecomeTheirOwnSectionsWithOrigin() {
        Extraction mail = extract("testRFC822_multipart_attachments.eml");

        assertThat(mail.title()).isEqualTo("EML 1");
        assertThat(mail.sections()).extracting(TextSection::origin, TextSection::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, "This is the html body of the main msg."),
                org.assertj.core.groups.Tuple.tuple("attachment: Test TxtA.txt", "This is Test TXTA File for parser"),
                org.assertj.core.groups.Tuple.tuple("attachment: Test TxtB.txt", "This is Test TXTB File for parser"));
    }

    @Test
    void embeddedPdfInAnOfficeDocumentKeepsItsPagesAndAName() {
        Extraction workbook = extract("testEXCEL_embeddedPDF_windows.xlsx");

        assertThat(workbook.sections().get(0).origin()).isNull();
        assertThat(workbook.sections()).anySatisfy(section -> {
            assertThat(section.origin()).isEqualTo("attachment: rId4.pdf");
            assertThat(section.page()).isEqualTo(1);
        });
    }

    @Test
    void nestedArchivesNameTheirWholePath() {
        Extraction nested = extract("test_recursive_embedded.docx");

        assertThat(nested.sections()).extracting(TextSection::origin).contains(
                "attachment: embed1.zip > embed1/embed1a.txt",
                "attachment: embed1.zip > embed1/embed2.zip > embed2/embed3.zip > embed3/embed3.txt");
    }

    @Test
    void encryptedDocumentsAreRejectedAsEncrypted() {
        for (String file : List.of("testWORD_protected_passtika.docx", "testEXCEL_protected_passtika.xlsx",
                "testODTEncrypted.odt", "test7Z_protected_passTika.7z")) {
            ExtractionRejectedException rejected = rejection(extractor, file);
            assertThat(rejected.kind()).as(file).isEqualTo(RejectionKind.ENCRYPTED);
            assertThat(rejected.getMessage()).as(file).isEqualTo("encrypted: a password is required");
        }
        assertThat(rejection(extractor, "testPGPEncrypted.gpg").getMessage())
                .isEqualTo("encrypted: a password is required (application/pgp-encrypted)");
    }

    @Test
    void anEncryptedAttachmentIsSkippedButTheMailIsKept() {
        Extraction mail = extract("testRFC822_encrypted_zip");

        assertThat(mail.sections().get(0).text()).contains("Includes encrypted zip file as attachment.");
        assertThat(mail.warnings()).containsExactly("attachment: test.zip: not read, encrypted");
    }

    @Test
    void corruptFilesAreRejectedAsUnreadableWithTheCause() {
        ExtractionRejectedException truncated = rejection(extractor, "testWORD_truncated.docx");
        assertThat(truncated.kind()).isEqualTo(RejectionKind.UNREADABLE);
        assertThat(truncated.getMessage()).isEqualTo("unreadable: Couldn't find core part");
    }

    @Test
    void withoutOcrScansAndImagesSayTheyHaveNoTextLayer() {
        assertThat(extractor.ocrActive()).isFalse();
        for (String file : List.of("testOCR.pdf", "testOCR.jpg", "testRotated+10.png")) {
            ExtractionRejectedException rejected = rejection(extractor, file);
            assertThat(rejected.kind()).as(file).isEqualTo(RejectionKind.NO_TEXT);
            assertThat(rejected.getMessage()).as(file).isEqualTo("no text layer: nothing extractable (a scan without OCR?)");
        }
        // The document's own text is kept; the text that is only in its image is not there.
        Extraction docx = extractor.extract(TestDocuments.bytes("testOCR.docx"), null, "testOCR.docx");
        assertThat(docx.text()).contains("Here is an embedded image:").doesNotContain("Happy New Year");
    }

    @Test
    void ocrReadsAnImage() {
        Extraction image = ocr().extract(TestDocuments.bytes("testOCR.jpg"), null, "testOCR.jpg");

        assertThat(image.mediaType()).isEqualTo("image/jpeg");
        assertThat(image.sections()).singleElement().satisfies(section -> {
            assertThat(section.text()).isEqualTo("Apache Tika OCR Testing");
            assertThat(section.page()).isNull();
            assertThat(section.origin()).isNull();
        });
    }

    @Test
    void ocrReadsAScannedPdfPageAndKeepsItsPageNumber() {
        Extraction scan = ocr().extract(TestDocuments.bytes("testOCR.pdf"), null, "testOCR.pdf");

        assertThat(scan.sections()).singleElement().satisfies(section -> {
            assertThat(section.text()).isEqualTo("Happy New Year 2003!");
            assertThat(section.page()).isEqualTo(1);
        });
    }

    @Test
    void ocrStraightensATiltedScanFirst() {
        Extraction tilted = ocr().extract(TestDocuments.bytes("testRotated+10.png"), null, "testRotated+10.png");

        // Tesseract alone reads nothing from this page, tilted by 10 degrees. Its printed lines are joined
        // back into paragraphs.
        assertThat(tilted.text()).startsWith("Its had resolving otherwise she contented therefore.")
                .contains("Humanity declared vicinity continue supplied no an.")
                .contains("room such just easy.\n\nAttachment apartments in delightful");
    }

    @Test
    void ocrReadsAnImageInsideAnOfficeDocumentAsItsOwnSection() {
        Extraction docx = ocr().extract(TestDocuments.bytes("testOCR.docx"), null, "testOCR.docx");

        assertThat(docx.sections()).extracting(TextSection::origin, TextSection::text).containsExactly(
                org.assertj.core.groups.Tuple.tuple(null, "This is some text.\n\nHere is an embedded image:"),
                org.assertj.core.groups.Tuple.tuple("attachment: image1.png", "Happy New Year 2003!"));
    }

    @Test
    void ocrLeavesPdfPagesWithATextLayerAlone() {
        // testPDF.pdf has a text layer: OCR would take seconds and duplicate the text.
        Extraction pdf = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> ocr().extract(TestDocuments.bytes("testPDF.pdf"), null, "testPDF.pdf"));

        assertThat(pdf.text()).isEqualTo(extract("testPDF.pdf").text());
    }

    @Test
    void straighteningFindsTheTiltOfTextLinesAndLeavesLevelImagesAlone() throws Exception {
        java.awt.image.BufferedImage tilted = javax.imageio.ImageIO.read(TestDocuments.path("testRotated+10.png").toFile());
        java.awt.image.BufferedImage grey = new java.awt.image.BufferedImage(tilted.getWidth(), tilted.getHeight(),
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        java.awt.Graphics2D g = grey.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, grey.getWidth(), grey.getHeight());
        g.drawImage(tilted, 0, 0, null);
        g.dispose();

        assertThat(SkewCorrectingOcrParser.skewDegrees(grey)).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.3));
        assertThat(SkewCorrectingOcrParser.straightened(TestDocuments.path("testOCR.jpg"))).isNull();
    }

    @Test
    void hostileArchivesEndQuicklyWithAClearOutcome() {
        // droste.zip contains itself: the depth limit ends the recursion, and nothing but zips is inside.
        ExtractionRejectedException droste = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> rejection(extractor, "droste.zip"));
        assertThat(droste.kind()).isEqualTo(RejectionKind.NO_TEXT);
        assertThat(droste.getMessage()).startsWith("no text: nothing extractable; attachment: droste.zip > ")
                .contains("not read, nested more than 5 levels deep");

        // A corrupt zip that once made parsers allocate without bound.
        ExtractionRejectedException oom = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> rejection(extractor, "testZIP_corrupted_oom.zip"));
        assertThat(oom.kind()).isEqualTo(RejectionKind.UNREADABLE);
        assertThat(oom.getMessage()).startsWith("unreadable: ");
    }

    @Test
    void limitsBoundSizeTextDepthAndTime() {
        ExtractionLimits tight = new ExtractionLimits(100 * 1024, 500, 1, Duration.ofSeconds(60), 1);
        try (TextExtractor bounded = new TextExtractor(tight)) {
            ExtractionRejectedException tooLarge = rejection(bounded, "testPDF_childAttachments.pdf");
            assertThat(tooLarge.kind()).isEqualTo(RejectionKind.TOO_LARGE);
            assertThat(tooLarge.getMessage()).isEqualTo("too large: 2.2 MB over the 100 KB limit");

            Extraction cut = bounded.extract(TestDocuments.bytes("testPDF.pdf"), "application/pdf", null);
            assertThat(cut.truncated()).isTrue();
            assertThat(cut.characters()).isLessThanOrEqualTo(500).isGreaterThan(400);
            assertThat(extract("testPDF.pdf").text()).startsWith(cut.text().substring(0, 300));

            Extraction shallow = bounded.extract(TestDocuments.bytes("test_recursive_embedded.docx"), null, null);
            assertThat(shallow.sections()).extracting(TextSection::origin).filteredOn(Objects::nonNull)
                    .allSatisfy(origin -> assertThat(origin).doesNotContain(" > "));
            assertThat(shallow.warnings()).contains("attachment: embed1.zip > embed1/embed1a.txt: not read, nested more than 1 levels deep");
        }

        ExtractionLimits impatient = new ExtractionLimits(50L * 1024 * 1024, 2_000_000, 5, Duration.ofMillis(50), 1);
        try (TextExtractor hurried = new TextExtractor(impatient)) {
            ExtractionRejectedException timeout = rejection(hurried, "testPDF_childAttachments.pdf");
            assertThat(timeout.kind()).isEqualTo(RejectionKind.TIMEOUT);
            assertThat(timeout.getMessage()).isEqualTo("parse timeout: no result within 50 ms");
        }
    }

    @Test
    void markupGivenAsTextGoesThroughTikaInItsRealCharset() {
        String html = "<html><head><meta charset=\"iso-8859-1\"><title>Menu</title><style>p{color:red}</style>"
                + "<script>var secret = 1;</script></head><body><p>Café   crème — naïve</p><p>Second</p></body></html>";

        Extraction extraction = extractor.extractText(html, "text/html; charset=UTF-8", null);

        assertThat(extraction.text()).isEqualTo("Café crème — naïve\n\nSecond");
        assertThat(extraction.title()).isEqualTo("Menu");
    }

    @Test
    void htmlSourceLineBreaksAreSpacesExceptInPre() {
        Extraction html = extractor.extractText("<html><body><p>one\ntwo\r\n  three</p><pre>a\nb</pre></body></html>",
                "text/html", null);

        assertThat(html.text()).isEqualTo("one two three\n\na\nb");
    }

    @Test
    void theSampleDocumentsExtractWithTitlesAndWholeSentences() throws Exception {
        Path samples = Path.of("../samples");
        Map<String, String> titles = new TreeMap<>();
        try (Stream<Path> files = Files.walk(samples)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("README.md")).toList()) {
                Extraction extraction = extractor.extract(Files.readAllBytes(file), null, file.getFileName().toString());
                assertThat(extraction.characters()).as(file.toString()).isGreaterThan(1500);
                titles.put(samples.relativize(file).toString().replace('\\', '/'), extraction.title());
            }
        }
        assertThat(titles).hasSizeBetween(7, 9).doesNotContainValue(null)
                .containsEntry("policies/information-security-policy.md", "Information Security Policy")
                .containsEntry("policies/remote-work-policy.docx", "Remote Work Policy")
                .containsEntry("products/pricing-and-plans.pdf", "Northwind Insight Pricing and Plans");

        Extraction travel = extractor.extract(Files.readAllBytes(samples.resolve("policies/travel-and-expense-policy.pdf")),
                "application/pdf", null);
        assertThat(travel.sections()).extracting(TextSection::page).containsExactly(1, 2);
        // Wrapped across two lines in the PDF: the lines are joined back into one sentence.
        assertThat(travel.sections().get(0).text()).contains(
                "Book domestic trips at least 14 days in advance and international trips at least 21 days in advance.");
    }

    @Test
    void plainTextIsUsedAsIsWithWhitespaceNormalised() {
        Extraction markdown = extractor.extractText("# Travel\t policy\r\n\r\n\r\n\r\nEconomy  class <b>only</b>.  \n",
                "text/markdown", null);

        assertThat(markdown.text()).isEqualTo("# Travel policy\n\nEconomy class <b>only</b>.");
        assertThat(markdown.mediaType()).isEqualTo("text/markdown");
        assertThat(extractor.extractText("plain", null, null).mediaType()).isEqualTo("text/plain");
        assertThatThrownBy(() -> extractor.extractText(" \n\t ", null, null))
                .isInstanceOf(ExtractionRejectedException.class).hasMessage("no text: the content is blank");
    }

    @Test
    void normalisingCollapsesSpacesAndKeepsParagraphs() {
        assertThat(SectionCollector.normalise("  a \u00A0 b\u200B\t c \n \n\n\n d\u0007e  \n")).isEqualTo("a b c\n\nd e");
    }

    @Test
    void sizesReadLikeAPersonWouldWriteThem() {
        assertThat(TextExtractor.humanSize(73L * 1024 * 1024)).isEqualTo("73 MB");
        assertThat(TextExtractor.humanSize(52_690_000L)).isEqualTo("50.2 MB");
        assertThat(TextExtractor.humanSize(2048)).isEqualTo("2 KB");
        assertThat(TextExtractor.humanSize(12)).isEqualTo("12 bytes");
    }
}
