package io.freshet.ingest.extraction;

import io.freshet.contract.event.TextSection;
import io.freshet.contract.failure.TransientFailureException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a document's bytes into sections of plain text with Apache Tika's standard parsers: one section per
 * PDF page, one per embedded document (mail attachment, archive member, embedded object), within the
 * {@link ExtractionLimits}. With OCR on (and Tesseract installed) images and image-only PDF pages are read
 * too; PDF pages that have a text layer are not OCRed. Every failure becomes an
 * {@link ExtractionRejectedException} with a reason a person can act on. Thread-safe; build one and share it
 * (creating the parser takes most of a second).
 */
public final class TextExtractor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TextExtractor.class);

    /** Markup given as {@code content.text} that Tika should turn into text; any other text is used as is. */
    private static final Set<String> MARKUP_TYPES = Set.of("text/html", "application/xhtml+xml", "text/xml",
            "application/xml", "application/rtf", "text/rtf");
    private static final String EMPTY_PARSER = EmptyParser.class.getName();
    private static final Pattern MARKDOWN_TITLE = Pattern.compile("#[ \\t]+([^\\n]+)");

    private final ExtractionLimits limits;
    private final OcrSettings ocr;
    private final boolean tesseractInstalled;
    private final Parser parser;
    private final EncodingDetector encodings;
    private final ThreadPoolExecutor parsers;
    private final AtomicInteger busy = new AtomicInteger();

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
        this.ocr = ocr;
        TikaConfig tika = TikaConfig.getDefaultConfig();
        this.encodings = latin1AsWindows1252(tika.getEncodingDetector());
        Parser standard = tika.getParser();
        Parser tesseract = tesseractIn(standard);
        // Tika's Tesseract parser claims no types when it found no tesseract binary at start-up.
        this.tesseractInstalled = tesseract != null && !tesseract.getSupportedTypes(new ParseContext()).isEmpty();
        if (tesseractInstalled) {
            // Later parsers win a media type: the OCR types (image/ocr-*) go to the skew-correcting wrapper.
            AutoDetectParser withDeskew = new AutoDetectParser(tika.getDetector(), standard,
                    new SkewCorrectingOcrParser(tesseract));
            withDeskew.setAutoDetectParserConfig(tika.getAutoDetectParserConfig());
            this.parser = withDeskew;
        } else {
            this.parser = new AutoDetectParser(tika);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        // No queue: when every parser thread is busy (or stuck in a parser that ignores interrupts) the caller
        // hears so at once instead of waiting out its own timeout behind them.
        this.parsers = new ThreadPoolExecutor(limits.parserThreads(), limits.parserThreads(), 1, TimeUnit.MINUTES,
                new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, "tika-parser-" + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        parsers.allowCoreThreadTimeOut(true);
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /** True when images and scanned pages are OCRed: OCR is enabled and the tesseract binary was found. */
    public boolean ocrActive() {
        return ocr.enabled() && tesseractInstalled;
    }

    /** Whether Tika found a working tesseract binary (on the PATH) when this extractor was built. */
    public boolean tesseractInstalled() {
        return tesseractInstalled;
    }

    public OcrSettings ocrSettings() {
        return ocr;
    }

    /** Parser threads currently inside a parse, including ones whose parse was abandoned after a timeout. */
    public int busyParsers() {
        return busy.get();
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
     * Hands a parse to a parser thread. A thread that has just finished a parse takes a moment to be ready for
     * the next one, so a rejection is retried for a short while before the parsers count as saturated (stuck).
     */
    private Future<Extraction> submit(java.util.concurrent.Callable<Extraction> task) {
        long deadline = System.nanoTime() + SUBMIT_PATIENCE.toNanos();
        while (true) {
            try {
                return parsers.submit(task);
            } catch (RejectedExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new TransientFailureException("extraction saturated: all " + limits.parserThreads()
                            + " parser threads are busy (" + busy.get() + " inside a parse)", e);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TransientFailureException("interrupted while waiting for a parser thread", interrupted);
                }
            }
        }
    }

    private static final java.time.Duration SUBMIT_PATIENCE = java.time.Duration.ofMillis(500);

    /** {@code knownCharset}: the bytes are known to be in this charset, whatever a meta tag inside claims. */
    private Extraction extract(byte[] bytes, String contentType, String fileName, Charset knownCharset) {
        if (bytes.length > limits.maxDocumentBytes()) {
            throw tooLarge(bytes.length);
        }
        Future<Extraction> parse = submit(() -> parseInBudget(bytes, contentType, fileName, knownCharset));
        try {
            return parse.get(limits.parseTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            parse.cancel(true); // a parser that ignores the interrupt keeps its thread; busyParsers() shows it
            throw new ExtractionRejectedException(RejectionKind.TIMEOUT,
                    "parse timeout: no result within " + seconds(limits.parseTimeout()), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ExtractionRejectedException rejection) {
                throw rejection;
            }
            throw ExtractionRejectedException.unreadable(e.getCause());
        } catch (InterruptedException e) {
            parse.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransientFailureException("extraction interrupted (the service is stopping)", e);
        }
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
            throw tooLarge(bytes.length);
        }
        boolean truncated = text.length() > limits.maxCharacters();
        String kept = SectionCollector.normalise(truncated ? text.substring(0, limits.maxCharacters()) : text);
        if (kept.isEmpty()) {
            throw new ExtractionRejectedException(RejectionKind.NO_TEXT, "no text: the content is blank");
        }
        TextSection section = TextSection.of(kept);
        return new Extraction(List.of(section), markdownTitle(type, fileName, section),
                type == null ? "text/plain" : type, truncated, List.of());
    }

    @Override
    public void close() {
        parsers.shutdownNow();
    }

    private Extraction parseInBudget(byte[] bytes, String contentType, String fileName, Charset knownCharset) {
        busy.incrementAndGet();
        try {
            return parse(bytes, contentType, fileName, knownCharset);
        } catch (OutOfMemoryError e) {
            // A corrupt header that asks for a huge buffer: the allocation failed, nothing is held, carry on.
            throw new ExtractionRejectedException(RejectionKind.UNREADABLE,
                    "unreadable: the parser ran out of memory on this file", e);
        } catch (StackOverflowError e) {
            throw new ExtractionRejectedException(RejectionKind.UNREADABLE,
                    "unreadable: the parser overflowed its stack (nested too deeply)", e);
        } finally {
            busy.decrementAndGet();
        }
    }

    private Extraction parse(byte[] bytes, String contentType, String fileName, Charset knownCharset) {
        Metadata metadata = new Metadata();
        if (fileName != null && !fileName.isBlank()) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        if (contentType != null && !contentType.isBlank()) {
            metadata.set(Metadata.CONTENT_TYPE, contentType);
        }
        TextBudget budget = new TextBudget(limits.maxCharacters());
        EmbeddedDocumentSplitter splitter = new EmbeddedDocumentSplitter(parser, budget, limits.maxEmbeddingDepth());
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        context.set(EmbeddedDocumentExtractor.class, splitter);
        context.set(TesseractOCRConfig.class, tesseractConfig());
        context.set(PDFParserConfig.class, pdfConfig());
        context.set(EncodingDetector.class, knownCharset != null ? (input, ignored) -> knownCharset : encodings);
        splitter.bind(context);

        try (TikaInputStream input = TikaInputStream.get(bytes)) {
            parser.parse(input, splitter.containerHandler(metadata), metadata, context);
        } catch (Exception e) {
            if (isEncrypted(e)) {
                throw new ExtractionRejectedException(RejectionKind.ENCRYPTED, "encrypted: a password is required", e);
            }
            if (!WriteLimitReachedException.isWriteLimitReached(e)) {
                throw ExtractionRejectedException.unreadable(e);
            }
        }

        String mediaType = baseType(metadata.get(Metadata.CONTENT_TYPE));
        splitter.containerType(mediaType);
        List<TextSection> sections = splitter.sections();
        if (sections.isEmpty()) {
            throw nothingExtracted(metadata, mediaType, splitter.warnings(), ocrActive());
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        title = title == null || title.isBlank() ? markdownTitle(mediaType, fileName, sections.get(0))
                : SectionCollector.normalise(title).replace('\n', ' ');
        if (budget.exhausted()) {
            log.debug("Extraction of {} stopped at the {} character limit", fileName, limits.maxCharacters());
        }
        return new Extraction(sections, title, mediaType, budget.exhausted(), splitter.warnings());
    }

    /** Markdown has no title field, but its first line is by convention a "# Title" heading. */
    private static String markdownTitle(String mediaType, String fileName, TextSection first) {
        boolean markdown = (mediaType != null && mediaType.contains("markdown"))
                || (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".md"));
        if (!markdown || first.origin() != null) {
            return null;
        }
        Matcher heading = MARKDOWN_TITLE.matcher(first.text());
        return heading.lookingAt() ? heading.group(1).strip() : null;
    }

    private static ExtractionRejectedException nothingExtracted(Metadata metadata, String mediaType,
                                                                List<String> skipped, boolean ocrActive) {
        String[] parsedBy = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
        boolean noParser = parsedBy.length == 0 || Arrays.stream(parsedBy).allMatch(EMPTY_PARSER::equals);
        if (mediaType != null && mediaType.contains("encrypted")) {
            return new ExtractionRejectedException(RejectionKind.ENCRYPTED,
                    "encrypted: a password is required (" + mediaType + ")");
        }
        if (noParser) {
            return new ExtractionRejectedException(RejectionKind.UNSUPPORTED,
                    "unsupported format: no parser for " + (mediaType == null ? "this file" : mediaType));
        }
        if (!skipped.isEmpty()) {
            // An archive whose members were all skipped says why, rather than guessing at a scan.
            return new ExtractionRejectedException(RejectionKind.NO_TEXT, "no text: nothing extractable; "
                    + skipped.get(0) + (skipped.size() > 1 ? " (and " + (skipped.size() - 1) + " more)" : ""));
        }
        if (ocrActive) {
            return new ExtractionRejectedException(RejectionKind.NO_TEXT,
                    "no text: no text layer, and OCR found no readable text");
        }
        return new ExtractionRejectedException(RejectionKind.NO_TEXT,
                "no text layer: nothing extractable (a scan without OCR?)");
    }

    private static boolean isEncrypted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return true;
            }
        }
        return false;
    }

    /** Per parse: Tika's parsers read these from the context, so nothing global is changed. */
    private TesseractOCRConfig tesseractConfig() {
        TesseractOCRConfig config = new TesseractOCRConfig();
        if (!ocrActive()) {
            config.setSkipOcr(true);
            return config;
        }
        config.setLanguage(ocr.language());
        // Tesseract runs as a process per image or page; its own timeout ends a stuck run, and the parse
        // timeout still bounds the whole document.
        Duration timeout = ocr.timeout().compareTo(limits.parseTimeout()) < 0 ? ocr.timeout() : limits.parseTimeout();
        config.setTimeoutSeconds((int) Math.max(1, timeout.toSeconds()));
        config.setMaxFileSizeToOcr(limits.maxDocumentBytes());
        return config;
    }

    /**
     * AUTO: a page is rendered and OCRed only when its text layer is (nearly) empty or unreadable, so born-digital
     * PDFs cost nothing extra, and OCRed text lands inside its page, keeping the page number.
     */
    private PDFParserConfig pdfConfig() {
        PDFParserConfig config = new PDFParserConfig();
        // Text set at an angle (a rotated page, a sideways table) is read as whole lines, not letter by letter.
        config.setDetectAngles(true);
        if (ocrActive()) {
            config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
            config.setOcrDPI(ocr.pdfDpi());
        } else {
            config.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
        }
        return config;
    }

    /**
     * Text that detects as ISO-8859-1 is nearly always Windows-1252 (curly quotes, dashes, the euro sign in
     * 0x80-0x9F), as browsers assume too; read as Latin-1 those characters would come out as garbage.
     */
    private static EncodingDetector latin1AsWindows1252(EncodingDetector detector) {
        Charset windows1252 = Charset.forName("windows-1252");
        return (input, metadata) -> {
            Charset detected = detector.detect(input, metadata);
            return StandardCharsets.ISO_8859_1.equals(detected) ? windows1252 : detected;
        };
    }

    private static Parser tesseractIn(Parser parser) {
        if (parser instanceof TesseractOCRParser) {
            return parser;
        }
        if (parser instanceof CompositeParser composite) {
            for (Parser component : composite.getAllComponentParsers()) {
                Parser found = tesseractIn(component);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private ExtractionRejectedException tooLarge(long size) {
        return new ExtractionRejectedException(RejectionKind.TOO_LARGE,
                "too large: " + humanSize(size) + " over the " + humanSize(limits.maxDocumentBytes()) + " limit");
    }

    /** "73 MB", "2.2 MB", "100 KB": how rejection reasons state sizes. */
    public static String humanSize(long bytes) {
        if (bytes >= 1024L * 1024) {
            return decimal(bytes / (1024.0 * 1024)) + " MB";
        }
        if (bytes >= 1024) {
            return decimal(bytes / 1024.0) + " KB";
        }
        return bytes + " bytes";
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() < 1000 ? duration.toMillis() + " ms" : decimal(duration.toMillis() / 1000.0) + " s";
    }

    /** 73 → "73", 50.25 → "50.3": whole numbers without a needless ".0". */
    private static String decimal(double value) {
        double rounded = Math.round(value * 10) / 10.0;
        return rounded == Math.rint(rounded) ? String.valueOf((long) rounded) : String.format(Locale.ROOT, "%.1f", rounded);
    }

    private static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        MediaType type = MediaType.parse(contentType.strip());
        return type == null ? contentType.strip().toLowerCase(Locale.ROOT) : type.getBaseType().toString();
    }
}
