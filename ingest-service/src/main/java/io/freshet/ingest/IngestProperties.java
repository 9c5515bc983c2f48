package io.freshet.ingest;

import io.freshet.ingest.extraction.ExtractionLimits;
import io.freshet.ingest.extraction.OcrSettings;
import io.freshet.ingest.fetch.FetchLimits;
import io.freshet.ingest.fetch.FetchPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * How ingest-service extracts and publishes.
 *
 * @param maxDocumentSize   larger documents are rejected ("too large: 73 MB over the 50 MB limit")
 * @param maxCharacters     extracted text beyond this is dropped and the document marked truncated
 * @param maxEmbeddingDepth how deep attachments inside attachments are read (archive bombs stop here)
 * @param parseTimeout      a document whose parse gives no result by then is rejected
 * @param parserThreads     parses that may run at once (each listener thread uses one)
 * @param consumerGroup     the Kafka consumer group of the change listener
 * @param ocr               reading images and scanned pages with Tesseract
 * @param fetch             fetching content sent by reference ({@code content.uri})
 */
@Validated
@ConfigurationProperties("freshet.ingest")
public record IngestProperties(
        @NotNull @DefaultValue("50MB") DataSize maxDocumentSize,
        @Min(1) @DefaultValue("2000000") int maxCharacters,
        @Min(0) @Max(20) @DefaultValue("5") int maxEmbeddingDepth,
        @NotNull @DefaultValue("60s") Duration parseTimeout,
        @Min(1) @Max(64) @DefaultValue("2") int parserThreads,
        @NotBlank @DefaultValue("ingest-service") String consumerGroup,
        @Valid @NotNull @DefaultValue Ocr ocr,
        @Valid @NotNull @DefaultValue Fetch fetch) {

    public ExtractionLimits extractionLimits() {
        return new ExtractionLimits(maxDocumentSize.toBytes(), maxCharacters, maxEmbeddingDepth, parseTimeout,
                parserThreads);
    }

    /** What the configuration asks for; whether OCR really runs also depends on Tesseract being installed. */
    public OcrSettings ocrSettings() {
        return new OcrSettings(ocr.enabled() != OcrSwitch.OFF, ocr.language(), ocr.timeout(), ocr.pdfDpi());
    }

    public FetchPolicy fetchPolicy() {
        return new FetchPolicy(fetch.allowedHosts(), fetch.allowedPrivateHosts());
    }

    public FetchLimits fetchLimits() {
        long maxBytes = fetch.maxSize() != null ? fetch.maxSize().toBytes() : maxDocumentSize.toBytes();
        return new FetchLimits(maxBytes, fetch.connectTimeout(), fetch.timeout(), fetch.maxRedirects(),
                fetch.attempts(), fetch.retryWait());
    }

    /** One image's OCR must end before the whole document's parse times out, or its result would be lost. */
    @AssertTrue(message = "freshet.ingest.ocr.timeout must be shorter than freshet.ingest.parse-timeout")
    public boolean isOcrTimeoutWithinParseTimeout() {
        return ocr == null || ocr.timeout() == null || parseTimeout == null || ocr.timeout().compareTo(parseTimeout) < 0;
    }

    /** {@code auto}: on when a tesseract binary is found; {@code true}: required (start-up fails without it); {@code false}: off. */
    public enum OcrSwitch {
        AUTO, ON, OFF
    }

    /**
     * @param enabled  auto (default), true or false
     * @param language Tesseract language(s) ("eng", "eng+deu"); each needs its tesseract-ocr-LANG package
     * @param timeout  longest Tesseract run for one image or PDF page
     * @param pdfDpi   resolution scanned PDF pages are rendered at for OCR
     */
    public record Ocr(
            @NotNull @DefaultValue("auto") OcrSwitch enabled,
            @NotBlank @DefaultValue("eng") String language,
            @NotNull @DefaultValue("30s") Duration timeout,
            @Min(72) @Max(600) @DefaultValue("300") int pdfDpi) {
    }

    /**
     * @param allowedHosts        origins content may be fetched from, {@code [http[s]://]host[:port]}
     *                            ("files.example.com", "*.example.com", "https://files.example.com:8443"); without a
     *                            port only the scheme's default port; empty (the default): every reference is refused
     * @param allowedPrivateHosts origins that may also be at loopback, link-local, private or CGNAT addresses (an
     *                            intranet server); every other host must resolve to public addresses only
     * @param maxSize             largest body read; default: max-document-size
     * @param connectTimeout      to open a connection
     * @param timeout             one attempt as a whole (redirects and body included)
     * @param maxRedirects        redirects followed, each re-checked
     * @param attempts            attempts for timeouts, connection errors, HTTP 5xx/408/429 before the record waits
     *                            and is retried later (never dead-lettered)
     * @param retryWait           first wait between attempts, doubled each time
     */
    public record Fetch(
            @NotNull @DefaultValue List<String> allowedHosts,
            @NotNull @DefaultValue List<String> allowedPrivateHosts,
            DataSize maxSize,
            @NotNull @DefaultValue("5s") Duration connectTimeout,
            @NotNull @DefaultValue("30s") Duration timeout,
            @Min(0) @Max(20) @DefaultValue("5") int maxRedirects,
            @Min(1) @Max(10) @DefaultValue("3") int attempts,
            @NotNull @DefaultValue("1s") Duration retryWait) {
    }
}
