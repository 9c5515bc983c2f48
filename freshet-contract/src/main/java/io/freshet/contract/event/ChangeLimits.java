package io.freshet.contract.event;

/**
 * The bounds of a {@link DocumentChange}'s descriptive fields, stated once: the codec enforces them (a change
 * outside them is refused with the reason, whether it arrives over HTTP or Kafka) and the JSON Schema repeats them
 * for connector authors. Identifiers never carry control characters: an id with a newline forged a log line.
 */
public final class ChangeLimits {

    /**
     * The largest version: 2^53 - 1, the largest integer every JSON parser reads exactly (a JavaScript connector
     * cannot even write Long.MAX_VALUE), and far beyond a millisecond clock or a counter. Versions are per document and
     * per source (index-service refuses another source's events), so no one can use them to lock others out.
     */
    public static final long MAX_VERSION = 9_007_199_254_740_991L;
    public static final int MAX_ID_CHARS = 512;
    public static final int MAX_SOURCE_CHARS = 128;
    public static final int MAX_TITLE_CHARS = 1_024;
    public static final int MAX_URL_CHARS = 4_096;
    public static final int MAX_CONTENT_TYPE_CHARS = 255;
    public static final int MAX_METADATA_ENTRIES = 64;
    public static final int MAX_METADATA_KEY_CHARS = 128;
    public static final int MAX_METADATA_VALUE_CHARS = 8_192;
    public static final int MAX_PRINCIPALS = 1_024;
    public static final int MAX_PRINCIPAL_CHARS = 256;

    private ChangeLimits() {
    }

    /** Null when fine, else what is wrong with the field. */
    static String check(String field, String value, int maxChars, boolean identifier) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxChars) {
            return "'" + field + "' is " + value.length() + " characters, over the limit of " + maxChars;
        }
        if (identifier && value.chars().anyMatch(Character::isISOControl)) {
            return "'" + field + "' must not contain control characters (newlines, tabs, NUL...)";
        }
        return null;
    }
}
