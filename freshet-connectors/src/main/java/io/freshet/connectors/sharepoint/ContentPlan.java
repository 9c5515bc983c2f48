package io.freshet.connectors.sharepoint;

import io.freshet.connectors.sharepoint.SharePointConfig.ContentMode;

/**
 * How a file's content travels (pure): inline as bytes up to the limit, else by reference to Graph's pre-authenticated
 * download URL, which ingest fetches (its host must be in freshet.ingest.fetch.allowed-hosts), or not at all when
 * 'bytes' mode meets a file over the limit.
 */
final class ContentPlan {

    enum Way { INLINE, REFERENCE, TOO_LARGE }

    private ContentPlan() {
    }

    /** {@code size} is what Graph reported, null when it did not. */
    static Way decide(ContentMode mode, Long size, long inlineMaxBytes) {
        boolean fits = size == null || size <= inlineMaxBytes;
        return switch (mode) {
            case REFERENCE -> Way.REFERENCE;
            case BYTES -> fits ? Way.INLINE : Way.TOO_LARGE;
            case AUTO -> fits ? Way.INLINE : Way.REFERENCE;
        };
    }

    /** What to do when a download turned out longer than the limit (the reported size was wrong or missing). */
    static Way whenLarger(ContentMode mode) {
        return mode == ContentMode.AUTO ? Way.REFERENCE : Way.TOO_LARGE;
    }
}
