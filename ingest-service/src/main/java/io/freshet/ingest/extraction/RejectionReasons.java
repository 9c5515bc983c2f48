package io.freshet.ingest.extraction;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.EmptyParser;

import java.util.Arrays;
import java.util.List;

/** Why a file gave no text, in words its owner can act on: a password, a format, a scan without OCR ... */
final class RejectionReasons {

    private static final String EMPTY_PARSER = EmptyParser.class.getName();

    private RejectionReasons() {
    }

    static ExtractionRejectedException tooLarge(long size, long limit) {
        return new ExtractionRejectedException(RejectionKind.TOO_LARGE,
                "too large: " + HumanReadable.size(size) + " over the " + HumanReadable.size(limit) + " limit");
    }

    static ExtractionRejectedException encrypted(Exception failure) {
        return new ExtractionRejectedException(RejectionKind.ENCRYPTED, "encrypted: a password is required", failure);
    }

    /**
     * A parse that ended without any text.
     *
     * @param metadata  the parse's metadata, which names the parsers that ran
     * @param skipped   the warnings about embedded documents that were not read
     * @param ocrActive whether image-only content was OCRed
     */
    static ExtractionRejectedException nothingExtracted(Metadata metadata, String mediaType, List<String> skipped,
                                                        boolean ocrActive) {
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

    /** Whether a password problem is somewhere in the failure's causes (parsers wrap it). */
    static boolean isEncrypted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EncryptedDocumentException) {
                return true;
            }
        }
        return false;
    }
}
