package io.freshet.connectors.wordpress;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain text from WordPress's rendered titles: tags dropped, character references decoded (wptexturize's quotes and
 * dashes, numeric references, the Latin-1 names); an unknown name stays as written.
 */
final class HtmlText {

    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});");
    /** ISO 8859-1's names, U+00A0 to U+00FF in order (HTML 4's Latin-1 entities). */
    private static final String LATIN_1 = "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg "
            + "macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave "
            + "Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde "
            + "Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute "
            + "acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve "
            + "oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";
    private static final Map<String, String> NAMED = named();

    private HtmlText() {
    }

    private static Map<String, String> named() {
        Map<String, String> named = new HashMap<>(Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'",
                "hellip", "\u2026", "ndash", "\u2013", "mdash", "\u2014", "lsquo", "\u2018", "rsquo", "\u2019"));
        named.putAll(Map.of("ldquo", "\u201c", "rdquo", "\u201d", "trade", "\u2122", "euro", "\u20ac", "bull", "\u2022"));
        String[] latin1 = LATIN_1.split(" ");
        for (int i = 0; i < latin1.length; i++) {
            named.put(latin1[i], String.valueOf((char) (0xA0 + i)));
        }
        return Map.copyOf(named);
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
