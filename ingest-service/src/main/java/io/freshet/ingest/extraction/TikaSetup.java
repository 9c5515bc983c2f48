package io.freshet.ingest.extraction;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.CompositeParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.ocr.TesseractOCRParser;
import org.apache.tika.parser.pdf.PDFParserConfig;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Tika's standard parsers as the extractor uses them: one AutoDetectParser, built once (it takes most of a
 * second), with Tesseract's OCR behind a deskewing wrapper when the binary is installed; and, per parse, the
 * context that sets OCR, PDF and charset behaviour for that parse only.
 */
final class TikaSetup {

    private final ExtractionLimits limits;
    private final OcrSettings ocr;
    private final boolean tesseractInstalled;
    private final Parser parser;
    private final EncodingDetector encodings;

    TikaSetup(ExtractionLimits limits, OcrSettings ocr) {
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
    }

    Parser parser() {
        return parser;
    }

    boolean tesseractInstalled() {
        return tesseractInstalled;
    }

    /** OCR is enabled AND the tesseract binary was found. */
    boolean ocrActive() {
        return ocr.enabled() && tesseractInstalled;
    }

    OcrSettings ocrSettings() {
        return ocr;
    }

    /**
     * The context of one parse. Tika's parsers read their configuration from it, so nothing global is changed.
     *
     * @param embedded     what handles embedded documents (attachments, archive members)
     * @param knownCharset the bytes are known to be in this charset, whatever a meta tag inside claims; or null
     */
    ParseContext context(EmbeddedDocumentExtractor embedded, Charset knownCharset) {
        ParseContext context = new ParseContext();
        context.set(Parser.class, parser);
        context.set(EmbeddedDocumentExtractor.class, embedded);
        context.set(TesseractOCRConfig.class, tesseractConfig(ocrActive(), ocr, limits));
        context.set(PDFParserConfig.class, pdfConfig(ocrActive(), ocr));
        context.set(EncodingDetector.class, knownCharset != null ? (input, ignored) -> knownCharset : encodings);
        return context;
    }

    static TesseractOCRConfig tesseractConfig(boolean ocrActive, OcrSettings ocr, ExtractionLimits limits) {
        TesseractOCRConfig config = new TesseractOCRConfig();
        if (!ocrActive) {
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
    static PDFParserConfig pdfConfig(boolean ocrActive, OcrSettings ocr) {
        PDFParserConfig config = new PDFParserConfig();
        // Text set at an angle (a rotated page, a sideways table) is read as whole lines, not letter by letter.
        config.setDetectAngles(true);
        if (ocrActive) {
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
    static EncodingDetector latin1AsWindows1252(EncodingDetector detector) {
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
}
