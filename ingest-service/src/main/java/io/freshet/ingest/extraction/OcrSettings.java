package io.freshet.ingest.extraction;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how image-only content (photos of text, scanned PDF pages, images inside office documents and
 * mails) is read with Tesseract.
 *
 * @param enabled  false: such content yields no text and the document is rejected as having no text layer
 * @param language Tesseract language(s), e.g. "eng" or "eng+deu"; each needs its traineddata installed
 * @param timeout  the longest one Tesseract run (one image or page) may take; must fit in the parse timeout
 * @param pdfDpi   resolution scanned PDF pages are rendered at before OCR (300 suits Tesseract; lower is
 *                 faster and smaller)
 */
public record OcrSettings(boolean enabled, String language, Duration timeout, int pdfDpi) {

    public OcrSettings {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(timeout, "timeout");
        if (language.isBlank() || timeout.toSeconds() < 1 || pdfDpi < 72) {
            throw new IllegalArgumentException("OCR settings out of range: '" + language + "', " + timeout + ", "
                    + pdfDpi + " dpi");
        }
    }

    public static OcrSettings disabled() {
        return new OcrSettings(false, "eng", Duration.ofSeconds(30), 300);
    }

    /** English, 30 s per image, 300 dpi: what {@code freshet.ingest.ocr} defaults to once Tesseract is found. */
    public static OcrSettings english() {
        return new OcrSettings(true, "eng", Duration.ofSeconds(30), 300);
    }
}
