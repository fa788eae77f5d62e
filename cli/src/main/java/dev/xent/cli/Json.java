package dev.xent.cli;

import dev.xent.text.Decimals;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One flat JSON object, written on one line (so that several results form JSON Lines).
 *
 * <p>Why not Jackson: the command writes only flat objects of strings, numbers, booleans, arrays of
 * numbers or strings ({@code --per-event}) and (for {@code loss}) one nested object of numbers; a 60-line writer that follows RFC 8259 §7 for strings
 * keeps the jar small and its start fast. Numbers: a finite {@code double} is written as
 * {@link Decimals#shortest(double)} (always a valid JSON number); ±∞ and NaN, which RFC 8259 cannot
 * hold, are written as the strings {@code "Infinity"}, {@code "-Infinity"}, {@code "NaN"}. Peers
 * differ: Jackson does the same with {@code JsonWriteFeature.WRITE_NAN_AS_STRINGS} (and log4j2's
 * JSON layout adopted it for that reason); Python's {@code json} writes them bare, which strict
 * parsers reject; Ruby's ActiveSupport and nlohmann/json write {@code null}, which loses the
 * difference between +∞ and NaN. A cross-entropy of +∞ is a real answer (Q calls a possible event
 * impossible), so xent keeps it readable and valid.
 */
final class Json {

    private final Map<String, String> fields = new LinkedHashMap<>();

    /** Adds a string field. */
    Json put(String name, String value) {
        fields.put(name, value == null ? "null" : quote(value));
        return this;
    }

    /** Adds a number field: a JSON number when finite, else the string "Infinity", "-Infinity" or "NaN". */
    Json put(String name, double value) {
        fields.put(name, number(value));
        return this;
    }

    /** Adds an integer field. */
    Json put(String name, long value) {
        fields.put(name, Long.toString(value));
        return this;
    }

    /** Adds a boolean field. */
    Json put(String name, boolean value) {
        fields.put(name, Boolean.toString(value));
        return this;
    }

    /** Adds a field whose value is {@code null} (e.g. the mean of a class without examples). */
    Json putNull(String name) {
        fields.put(name, "null");
        return this;
    }

    /** Adds an array of numbers, each as {@link #number(double)}. */
    Json put(String name, double[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(number(values[i]));
        }
        fields.put(name, b.append(']').toString());
        return this;
    }

    /** Adds an array of strings. */
    Json put(String name, String[] values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            b.append(i == 0 ? "" : ", ").append(quote(values[i]));
        }
        fields.put(name, b.append(']').toString());
        return this;
    }

    /** Adds a nested object field. */
    Json put(String name, Json value) {
        fields.put(name, value.toString());
        return this;
    }

    /** A JSON value for a double, as described in the class documentation. */
    static String number(double value) {
        String text = Decimals.shortest(value);
        return Double.isFinite(value) ? text : quote(text);
    }

    /** A JSON string literal (RFC 8259 §7): quote, backslash and control characters escaped. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    /** The object on one line, fields in insertion order, {@code ": "} and {@code ", "} as separators. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, String> e : fields.entrySet()) {
            b.append(sep).append(quote(e.getKey())).append(": ").append(e.getValue());
            sep = ", ";
        }
        return b.append('}').toString();
    }
}
