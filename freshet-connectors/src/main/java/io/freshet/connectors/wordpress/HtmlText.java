package io.freshet.connectors.wordpress;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain text from WordPress's rendered titles: tags dropped, character references decoded (wptexturize's quotes). */
final class HtmlText {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    private static final Map<String, String> NAMED = Map.ofEntries(
            Map.entry("amp", "&"), Map.entry("lt", "<"), Map.entry("gt", ">"), Map.entry("quot", "\""),
            Map.entry("apos", "'"), Map.entry("nbsp", "\u00a0"), Map.entry("hellip", "\u2026"),
            Map.entry("ndash", "\u2013"), Map.entry("mdash", "\u2014"), Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"), Map.entry("ldquo", "\u201c"), Map.entry("rdquo", "\u201d"),
            Map.entry("laquo", "\u00ab"), Map.entry("raquo", "\u00bb"), Map.entry("copy", "\u00a9"),
            Map.entry("reg", "\u00ae"), Map.entry("trade", "\u2122"), Map.entry("euro", "\u20ac"));

    private HtmlText() {
    }

    static String toPlain(String html) {
        String text = TAG.matcher(html == null ? "" : html).replaceAll("");
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
        }
        m.appendTail(out);
        return out.toString().replace('\u00a0', ' ').strip();
    }

    private static String decode(String reference, String original) {
        if (reference.charAt(0) != '#') {
            return NAMED.getOrDefault(reference, original);
        }
        boolean hex = reference.length() > 1 && (reference.charAt(1) == 'x' || reference.charAt(1) == 'X');
        int code = Integer.parseInt(reference.substring(hex ? 2 : 1), hex ? 16 : 10);
        // A reference to a control character or a surrogate stays as written: it is not text.
        if (!Character.isValidCodePoint(code) || Character.isISOControl(code)
                || (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
            return original;
        }
        return new String(Character.toChars(code));
    }

    /** Text safe inside an HTML element. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
