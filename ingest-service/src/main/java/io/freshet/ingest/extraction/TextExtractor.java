package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;
import io.freshet.contract.failure.TransientFailureException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.ParseContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a document's bytes into sections of plain text with Apache Tika's standard parsers: one section per
 * PDF page, one per embedded document (mail attachment, archive member, embedded object), within the
 * {@link ExtractionLimits}. With OCR on (and Tesseract installed) images and image-only PDF pages are read
 * too; PDF pages that have a text layer are not OCRed. Every failure becomes an
 * {@link ExtractionRejectedException} with a reason a person can act on. Thread-safe; build one and share it
 * (creating the parser takes most of a second).
 *
 * <p>Coordinates its parts: {@link TikaSetup} (the parser and each parse's configuration), {@link ExtractionPool}
 * (the parser threads and the timeout), {@link EmbeddedDocumentSplitter} (the sections), {@link TitleResolver}
 * and {@link RejectionReasons}.
 */
public final class TextExtractor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TextExtractor.class);

    /** Markup given as {@code content.text} that Tika should turn into text; any other text is used as is. */
    private static final Set<String> MARKUP_TYPES = Set.of("text/html", "application/xhtml+xml", "text/xml",
            "application/xml", "application/rtf", "text/rtf");

    private final ExtractionLimits limits;
    private final TikaSetup tika;
    private final ExtractionPool pool;

    /** An extractor without OCR: image-only content is rejected as having no text layer. */
    public TextExtractor(ExtractionLimits limits) {
        this(limits, OcrSettings.disabled());
    }

    /**
     * @param ocr whether to OCR; OCR happens only when it is enabled AND Tesseract is installed (see
     *            {@link #ocrActive()})
     */
    public TextExtractor(ExtractionLimits limits, OcrSettings ocr) {
        this.limits = limits;
        this.tika = new TikaSetup(limits, ocr);
        this.pool = new ExtractionPool(limits.parserThreads(), limits.parseTimeout());
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /** True when images and scanned pages are OCRed: OCR is enabled and the tesseract binary was found. */
    public boolean ocrActive() {
        return tika.ocrActive();
    }

    /** Whether Tika found a working tesseract binary (on the PATH) when this extractor was built. */
    public boolean tesseractInstalled() {
        return tika.tesseractInstalled();
    }

    public OcrSettings ocrSettings() {
        return tika.ocrSettings();
    }

    /** Parser threads currently inside a parse, including ones whose parse was abandoned after a timeout. */
    public int busyParsers() {
        return pool.busy();
    }

    /**
     * Extracts the text of a file.
     *
     * @param bytes       the file
     * @param contentType the sender's MIME type, a hint only (Tika also looks at the bytes); may be null
     * @param fileName    the file's name, a hint for type detection; may be null
     * @throws ExtractionRejectedException  when the file cannot be turned into text
     * @throws TransientFailureException   when every parser thread is busy: retry later
     */
    public Extraction extract(byte[] bytes, String contentType, String fileName) {
        return extract(bytes, contentType, fileName, null);
    }

    /**
     * Extracts the text of content sent as a string: markup (HTML, XML, RTF) goes through Tika, anything
     * else (plain text, Markdown, a null type) is used as is, with whitespace normalised.
     */
    public Extraction extractText(String text, String contentType, String fileName) {
        String type = baseType(contentType);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (type != null && (MARKUP_TYPES.contains(type) || type.endsWith("+xml"))) {
            return extract(bytes, type + "; charset=UTF-8", fileName, StandardCharsets.UTF_8);
        }
        if (bytes.length > limits.maxDocumentBytes()) {
            throw RejectionReasons.tooLarge(bytes.length, limits.maxDocumentBytes());
        }
        boolean truncated = text.length() > limits.maxCharacters();
        String kept = SectionCollector.normalise(truncated ? text.substring(0, limits.maxCharacters()) : text);
        if (kept.isEmpty()) {
            throw new ExtractionRejectedException(RejectionKind.NO_TEXT, "no text: the content is blank");
        }
        TextSection section = TextSection.of(kept);
        return new Extraction(List.of(section), TitleResolver.resolve(null, type, fileName, section),
                type == null ? "text/plain" : type, truncated, List.of());
    }

    /** "73 MB", "2.2 MB", "100 KB": how rejection reasons state sizes. */
    public static String humanSize(long bytes) {
        return HumanReadable.size(bytes);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** {@code knownCharset}: the bytes are known to be in this charset, whatever a meta tag inside claims. */
    private Extraction extract(byte[] bytes, String contentType, String fileName, Charset knownCharset) {
        if (bytes.length > limits.maxDocumentBytes()) {
            throw RejectionReasons.tooLarge(bytes.length, limits.maxDocumentBytes());
        }
        return pool.run(() -> parse(bytes, contentType, fileName, knownCharset));
    }

    /** On a parser thread: one parse, its sections, title and warnings. */
    private Extraction parse(byte[] bytes, String contentType, String fileName, Charset knownCharset) {
        Metadata metadata = new Metadata();
        if (fileName != null && !fileName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        if (contentType != null && !contentType.isBlank()) {
            metadata.set(Metadata.CONTENT_TYPE, contentType);
        }
        TextBudget budget = new TextBudget(limits.maxCharacters());
        EmbeddedDocumentSplitter splitter = new EmbeddedDocumentSplitter(tika.parser(), budget, limits.maxEmbeddingDepth());
        ParseContext context = tika.context(splitter, knownCharset);
        splitter.bind(context);

        try (TikaInputStream input = TikaInputStream.get(bytes)) {
            tika.parser().parse(input, splitter.containerHandler(metadata), metadata, context);
        } catch (Exception e) {
            if (RejectionReasons.isEncrypted(e)) {
                throw RejectionReasons.encrypted(e);
            }
            // The text budget ends a parse with a write-limit exception: the text so far is the result.
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw ExtractionRejectedException.unreadable(e);
            }
        }

        String mediaType = baseType(metadata.get(Metadata.CONTENT_TYPE));
        splitter.containerType(mediaType);
        List<TextSection> sections = splitter.sections();
        if (sections.isEmpty()) {
            throw RejectionReasons.nothingExtracted(metadata, mediaType, splitter.warnings(), ocrActive());
        }
        String title = TitleResolver.resolve(metadata.get(TikaCoreProperties.TITLE), mediaType, fileName, sections.get(0));
        if (budget.exhausted()) {
            log.debug("Extraction of {} stopped at the {} character limit", fileName, limits.maxCharacters());
        }
        return new Extraction(sections, title, mediaType, budget.exhausted(), splitter.warnings());
    }

    private static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        MediaType type = MediaType.parse(contentType.strip());
        return type == null ? contentType.strip().toLowerCase(Locale.ROOT) : type.getBaseType().toString();
    }
}
