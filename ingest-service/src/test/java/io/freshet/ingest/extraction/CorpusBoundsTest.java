package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;
import io.freshet.ingest.IngestProperties;
import io.freshet.ingest.TestDocuments;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of shared/data/documents, hostile ones included, extracted one after another with the limits
 * the service is configured with (application.yml), in a JVM with a deliberately small heap (-Xmx384m, see the
 * corpus-bounds execution in the pom): each ends with text or a specific rejection, none takes longer than the
 * parse timeout, and the heap stays bounded. Writes the outcome table to target/corpus-outcomes.md.
 */
class CorpusBoundsTest {

    private static final long MB = 1024 * 1024;
    /** What the files may retain between garbage collections; the rest of the 384 MB is headroom. */
    private static final long LIVE_HEAP_BOUND = 200 * MB;

    /** A phrase a reader would look for in each readable file, or the start of the rejection reason. */
    private static final Map<String, String> EXPECTED = expectedOutcomes();

    private record Outcome(String file, String text, List<TextSection> sections, String rejection, RejectionKind kind,
                           long millis) {

        String describe() {
            if (rejection != null) {
                return "rejected: " + rejection;
            }
            long pages = sections.stream().map(TextSection::page).filter(Objects::nonNull).distinct().count();
            long attachments = sections.stream().map(TextSection::origin).filter(Objects::nonNull).distinct().count();
            List<String> parts = new ArrayList<>();
            if (pages > 0) {
                parts.add(pages + (pages == 1 ? " page" : " pages"));
            }
            if (attachments > 0) {
                parts.add(attachments + (attachments == 1 ? " attachment" : " attachments"));
            }
            return "text" + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
        }
    }

    @Test
    void everyFileEndsWithTextOrASpecificReasonWithinTheLimits() throws Exception {
        IngestProperties configured = configuredProperties();
        ExtractionLimits limits = configured.extractionLimits();
        List<Path> files = corpus();
        assertThat(files).hasSize(54);

        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        List<Outcome> outcomes = new ArrayList<>();
        AtomicLong sampledPeak = new AtomicLong();
        AtomicLong retainedPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                sampledPeak.accumulateAndGet(used, Math::max);
                // What the last collection could not free: the memory the files really held on to.
                retainedPeak.accumulateAndGet(afterLastCollection(heapPools), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        boolean ocrActive;
        long maxHeap = Runtime.getRuntime().maxMemory();
        try (TextExtractor extractor = new TextExtractor(limits, configured.ocrSettings())) {
            ocrActive = extractor.ocrActive();
            // Parser creation and class loading are the service's start-up, not the corpus.
            extractor.extract("warm up".getBytes(), "text/plain", null);
            System.gc();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            sampler.start();
            for (Path file : files) {
                outcomes.add(extract(extractor, file));
            }
        } finally {
            sampler.interrupt();
        }
        long poolPeaks = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        long liveAfterGc = Math.max(retainedPeak.get(), afterLastCollection(heapPools));

        String table = table(outcomes, limits, ocrActive, maxHeap, sampledPeak.get(), poolPeaks, liveAfterGc);
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "corpus-outcomes.md"), table);

        for (Outcome outcome : outcomes) {
            assertThat(outcome.millis()).as(outcome.file() + " took").isLessThan(limits.parseTimeout().toMillis());
            String expected = expectedFor(outcome.file(), ocrActive);
            if (expected.startsWith("rejected: ")) {
                assertThat(outcome.rejection()).as(outcome.file()).isNotNull().startsWith(expected.substring("rejected: ".length()));
            } else {
                assertThat(outcome.rejection()).as(outcome.file() + " rejected").isNull();
                assertThat(outcome.text()).as(outcome.file()).contains(expected);
            }
            if (outcome.rejection() != null) {
                // Specific reasons only: running out of memory would mean a limit did not hold.
                assertThat(outcome.rejection()).as(outcome.file())
                        .doesNotContain("out of memory").doesNotContain("overflowed its stack")
                        .doesNotContainIgnoringCase("unexpected").doesNotContain("NullPointerException");
            }
        }
        assertThat(liveAfterGc).as("heap retained after a collection").isLessThan(LIVE_HEAP_BOUND);
        assertThat(poolPeaks).as("peak heap").isLessThanOrEqualTo(maxHeap);
    }

    private static long afterLastCollection(List<MemoryPoolMXBean> heapPools) {
        return heapPools.stream().map(MemoryPoolMXBean::getCollectionUsage).filter(Objects::nonNull)
                .mapToLong(MemoryUsage::getUsed).sum();
    }

    private static Outcome extract(TextExtractor extractor, Path file) throws IOException {
        String name = file.getFileName().toString();
        byte[] bytes = Files.readAllBytes(file);
        long started = System.nanoTime();
        try {
            Extraction extraction = extractor.extract(bytes, null, name);
            return new Outcome(name, extraction.text(), extraction.sections(), null, null, millisSince(started));
        } catch (ExtractionRejectedException rejected) {
            return new Outcome(name, "", List.of(), rejected.getMessage(), rejected.kind(), millisSince(started));
        }
    }

    private static long millisSince(long started) {
        return Duration.ofNanos(System.nanoTime() - started).toMillis();
    }

    /** freshet.ingest.* as the service binds it from its application.yml. */
    static IngestProperties configuredProperties() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"));
        Binder binder = new Binder(ConfigurationPropertySources.from(yaml), null,
                ApplicationConversionService.getSharedInstance());
        return binder.bindOrCreate("freshet.ingest", IngestProperties.class);
    }

    private static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(TestDocuments.path("MANIFEST.tsv").getParent())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().equals("MANIFEST.tsv"))
                    .sorted()
                    .toList();
        }
    }

    private static String expectedFor(String file, boolean ocrActive) {
        if (!ocrActive) {
            switch (file) {
                case "testOCR.jpg", "testOCR.pdf", "testRotated+10.png" -> {
                    return "rejected: no text layer: nothing extractable (a scan without OCR?)";
                }
                case "testOCR.docx" -> {
                    return "Here is an embedded image:";
                }
                default -> {
                }
            }
        }
        String expected = EXPECTED.get(file);
        assertThat(expected).as("an expected outcome for " + file).isNotNull();
        return expected;
    }

    private static String table(List<Outcome> outcomes, ExtractionLimits limits, boolean ocrActive, long maxHeap,
                                long sampledPeak, long poolPeaks, long liveAfterGc) {
        StringBuilder table = new StringBuilder();
        table.append("## Corpus outcomes (ingest-service extractor, ").append(outcomes.size()).append(" files)\n\n");
        table.append(String.format(Locale.ROOT, "Limits: %s per document, %,d characters, embedding depth %d, parse timeout %d s; OCR %s.%n",
                TextExtractor.humanSize(limits.maxDocumentBytes()), limits.maxCharacters(), limits.maxEmbeddingDepth(),
                limits.parseTimeout().toSeconds(), ocrActive ? "on (Tesseract)" : "off"));
        table.append(String.format(Locale.ROOT, "Heap: max %d MB (-Xmx); peak used %d MB (sampled every 5 ms), %d MB (sum of pool peaks, an upper bound); "
                        + "at most %d MB retained after a garbage collection.%n%n",
                maxHeap / MB, sampledPeak / MB, poolPeaks / MB, liveAfterGc / MB));
        table.append("| # | file | outcome | chars | ms |\n|---|---|---|---:|---:|\n");
        int n = 0;
        long indexed = 0;
        Map<RejectionKind, Integer> rejected = new LinkedHashMap<>();
        for (Outcome outcome : outcomes) {
            table.append(String.format(Locale.ROOT, "| %d | %s | %s | %d | %d |%n", ++n, outcome.file(),
                    outcome.describe().replace("|", "\\|"), outcome.text().length(), outcome.millis()));
            if (outcome.rejection() == null) {
                indexed++;
            } else {
                rejected.merge(outcome.kind(), 1, Integer::sum);
            }
        }
        table.append("\nWith text: ").append(indexed).append("; rejected: ").append(outcomes.size() - indexed);
        rejected.forEach((kind, count) -> table.append(", ").append(kind.tag()).append(' ').append(count));
        table.append(".\n");
        return table.toString();
    }

    private static Map<String, String> expectedOutcomes() {
        String encrypted = "rejected: encrypted: a password is required";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("boilerplate.html", "This is the real meat of the page");
        expected.put("droste.zip", "rejected: no text: nothing extractable; attachment: droste.zip > droste.zip");
        expected.put("test-documents.zip", "Sample Excel Worksheet - Numbers and their Squares");
        expected.put("test.doc", "test");
        expected.put("test7Z_protected_passTika.7z", encrypted);
        expected.put("testCSV.csv", "Sample CSV File - Numbers and their Squares");
        expected.put("testComment.docx", "Here is a comment");
        expected.put("testEPUB.epub", "This is the text for chapter One");
        expected.put("testEXCEL.xlsx", "Sample Excel Worksheet - Numbers and their Squares");
        expected.put("testEXCEL_embeddedPDF_windows.xlsx", "Apache Tika is a toolkit for detecting and extracting metadata");
        expected.put("testEXCEL_protected_passtika.xlsx", encrypted);
        expected.put("testEmailWithPNGAtt.eml", "This email has a PNG attachment included in it");
        expected.put("testHTML.html", "Indexation du fichier");
        expected.put("testHTMLBadScript.html", "This is a test.");
        expected.put("testHTMLNoisyMetaEncoding_1.html", "الاتحاد الجزائري");
        expected.put("testMARKDOWN.md", "Some **bold** and *italic*");
        expected.put("testMSG.msg", "making the type detection code more");
        expected.put("testMasterFooter.odp", "Master footer is here");
        expected.put("testOCR.docx", "Happy New Year 2003!");
        expected.put("testOCR.jpg", "Apache Tika OCR Testing");
        expected.put("testOCR.pdf", "Happy New Year 2003!");
        expected.put("testODTEncrypted.odt", encrypted);
        expected.put("testODTnotaZipFile.odt", "This is not a zip file!");
        expected.put("testOpenOffice2.odt", "This is a sample Open Office document");
        expected.put("testPDF.pdf", "Apache Tika is a toolkit for detecting and extracting metadata and structured text content");
        expected.put("testPDFVarious.pdf", "Here is a numbered list");
        expected.put("testPDF_angles.pdf", "In the 21st century, the seas remain an");
        expected.put("testPDF_bad_page_303226.pdf", "Drug Enforcement Administration, Justice");
        expected.put("testPDF_childAttachments.pdf", "Department of the Treasury");
        expected.put("testPDF_malformedXFA.pdf", "rejected: no text");
        expected.put("testPDF_protected.pdf", "RETHINKING THE FINANCIAL NETWORK");
        expected.put("testPDF_rotated.pdf", "Apache Tika is a toolkit for detecting and extracting metadata");
        expected.put("testPGPEncrypted.gpg", encrypted);
        expected.put("testPPT.pptx", "This is a test file data with the same content as every other file");
        expected.put("testPPT_protected_passtika.pptx", encrypted);
        expected.put("testPPT_various.pptx", "Here is a text box");
        expected.put("testRFC822_encrypted_zip", "Includes encrypted zip file as attachment.");
        expected.put("testRFC822_multipart_attachments.eml", "This is Test TXTA File for parser");
        expected.put("testRTF.rtf", "Test d’indexation Word");
        expected.put("testRTFCorruptListOverride.rtf", "Apples can be green or red.");
        expected.put("testRTFVarious.rtf", "This is a footnote.");
        expected.put("testRotated+10.png", "Its had resolving otherwise she contented therefore.");
        expected.put("testTXT_win-1252.txt", "this is a “windows” encoding");
        expected.put("testThunderbirdEml.eml", "Dear Vladimir");
        expected.put("testWORD.docx", "This is a sample Microsoft Word Document.");
        expected.put("testWORD_embedded_pdf.docx", "Here is the pdf file");
        expected.put("testWORD_protected_passtika.docx", encrypted);
        expected.put("testWORD_text_box.docx", "This text is inside of a text box in the body of the document.");
        expected.put("testWORD_truncated.docx", "rejected: unreadable: Couldn't find core part");
        expected.put("testWORD_various.docx", "Here is a text box");
        expected.put("testZIP_corrupted_oom.zip", "rejected: unreadable: Truncated ZIP entry: hello.txt");
        expected.put("testZ_oom.Z", "rejected: unreadable: Could not create CompressorInputStream");
        expected.put("testZipEncrypted.zip", "hello world");
        expected.put("test_recursive_embedded.docx", "When in the Course of human events");
        return expected;
    }
}
