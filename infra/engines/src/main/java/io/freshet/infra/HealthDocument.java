package io.freshet.infra;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a service's /actuator/health document without a JSON library (the launcher's classpath stays small). */
final class HealthDocument {

    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private HealthDocument() {
    }

    /**
     * The "status" of the health document itself, not of one of its components: the services' JSON lists its
     * properties alphabetically, so "components" (each with its own "status") comes before the overall one.
     */
    static Optional<String> overallStatus(String body) {
        int depth = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '"') {
                if (depth == 1) {
                    Matcher m = STATUS.matcher(body).region(i, body.length());
                    if (m.lookingAt()) {
                        return Optional.of(m.group(1));
                    }
                }
                i = endOfString(body, i);
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return Optional.empty();
    }

    /** The index of the quote that closes the JSON string opened at {@code start}. */
    private static int endOfString(String json, int start) {
        for (int i = start + 1; i < json.length(); i++) {
            if (json.charAt(i) == '\\') {
                i++;
            } else if (json.charAt(i) == '"') {
                return i;
            }
        }
        return json.length();
    }
}
