package io.freshet.query.mcp;

import java.util.Map;

/** A tool call's arguments, checked: a missing, mistyped or absurd one is an {@link IllegalArgumentException}. */
record ToolArguments(Map<String, Object> values) {

    ToolArguments {
        values = values == null ? Map.of() : values;
    }

    String requiredText(String name, int maxChars) {
        Object value = values.get(name);
        if (!(value instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException(name + " is required: a non-empty string");
        }
        if (text.length() > maxChars) {
            throw new IllegalArgumentException(name + " must be at most " + maxChars + " characters");
        }
        return text;
    }

    int optionalInt(String name, int min, int max, int fallback) {
        Object value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        double n = number.doubleValue();
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
        return (int) n;
    }
}
