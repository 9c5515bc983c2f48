package io.freshet.ingest.change;

import io.freshet.contract.event.Content;
import io.freshet.contract.event.DocumentChange;
import io.freshet.contract.event.DocumentHeader;
import io.freshet.contract.event.ExtractedDocument;
import io.freshet.ingest.extraction.Extraction;
import io.freshet.ingest.extraction.ExtractionRejectedException;
import io.freshet.ingest.extraction.TextExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * The ingest stage as a function: a {@link DocumentChange} becomes the {@link ExtractedDocument} the next
 * stage consumes. A DELETE passes through as a deletion; an UPSERT is extracted to text. A document that
 * cannot be extracted throws {@link ExtractionRejectedException} with the reason.
 */
public final class ChangeProcessor implements Function<DocumentChange, ExtractedDocument> {

    /** Header metadata key set when the character limit cut the text short, so later stages can say so. */
    public static final String TRUNCATED_METADATA_KEY = "freshet.truncated";

    private static final Logger log = LoggerFactory.getLogger(ChangeProcessor.class);

    private final TextExtractor extractor;
    private final ContentFetcher fetcher;

    public ChangeProcessor(TextExtractor extractor, ContentFetcher fetcher) {
        this.extractor = extractor;
        this.fetcher = fetcher;
    }

    /**
     * The stage's decision for one change. A transient failure (a remote server down while fetching) is not an
     * outcome: it is thrown, so the change is retried.
     */
    public IngestOutcome process(DocumentChange change) {
        if (change.isDelete()) {
            return new IngestOutcome.Deletion(ExtractedDocument.deletion(change.header()));
        }
        try {
            ExtractedDocument extracted = apply(change);
            return new IngestOutcome.Extracted(extracted, extracted.document().metadata().containsKey(TRUNCATED_METADATA_KEY));
        } catch (ExtractionRejectedException rejection) {
            return new IngestOutcome.Rejected(change.header(), rejection);
        }
    }

    @Override
    public ExtractedDocument apply(DocumentChange change) {
        DocumentHeader header = change.header();
        if (header.isDelete()) {
            return ExtractedDocument.deletion(header);
        }
        Extraction extraction = extract(change);
        for (String warning : extraction.warnings()) {
            log.info("Document {} v{}: {}", change.header().id(), change.header().version(), warning);
        }
        Map<String, String> metadata = header.metadata();
        if (extraction.truncated()) {
            log.warn("Document {} v{}: text cut at the {} character limit; the rest is not searchable",
                    change.header().id(), change.header().version(), extractor.limits().maxCharacters());
            metadata = new HashMap<>(metadata);
            metadata.put(TRUNCATED_METADATA_KEY, "first " + extractor.limits().maxCharacters() + " characters kept");
        }
        DocumentHeader extracted = new DocumentHeader(header.id(), header.source(), header.version(), header.op(),
                title(change, extraction), header.url(),
                header.contentType() != null ? header.contentType() : extraction.mediaType(),
                metadata, header.acl(), header.occurredAt());
        return new ExtractedDocument(extracted, sha256Hex(extraction.text()), extraction.sections());
    }

    private Extraction extract(DocumentChange change) {
        Content content = change.content();
        String fileName = fileName(change.header().url());
        if (content.text() != null) {
            return extractor.extractText(content.text(), change.header().contentType(), fileName);
        }
        if (content.base64() != null) {
            return extractor.extract(Base64.getMimeDecoder().decode(content.base64()), change.header().contentType(), fileName);
        }
        ContentFetcher.FetchedContent fetched = fetcher.fetch(content.uri());
        String type = change.header().contentType() != null ? change.header().contentType() : fetched.contentType();
        return extractor.extract(fetched.bytes(), type, fileName != null ? fileName : fileName(content.uri()));
    }

    /** The sender's title, else the document's own (dc:title, a mail's subject), else the file name, else the id. */
    private static String title(DocumentChange change, Extraction extraction) {
        if (change.header().title() != null && !change.header().title().isBlank()) {
            return change.header().title();
        }
        if (extraction.title() != null) {
            return extraction.title();
        }
        String fileName = fileName(change.header().url());
        return fileName != null ? fileName : change.header().id();
    }

    /** "q3 report.docx" from "https://host/sites/q3%20report.docx?web=1"; null when the url names no file. */
    static String fileName(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String path;
        try {
            path = new URI(url.strip()).getRawPath();
        } catch (URISyntaxException e) {
            path = url.strip().replaceFirst("[?#].*$", "");
        }
        if (path == null) {
            return null;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.isBlank()) {
            return null;
        }
        try {
            return URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return last;
        }
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
