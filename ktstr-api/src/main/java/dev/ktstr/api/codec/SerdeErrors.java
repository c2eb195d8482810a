package dev.ktstr.api.codec;

import java.util.List;

/**
 * serde_json's and serde-derive's error wording, in one place: the reasons a sidecar reader
 * gives ({@code invalid type: ..., expected ...}, {@code missing field}, {@code duplicate field},
 * the EOF family), Rust's {@code Debug} quoting of strings inside them, and serde's position
 * convention (1-based line; column = bytes of that line consumed when the error was found).
 * The texts were taken from serde_json 1.0.149 itself, over the same inputs; the
 * {@code SerdeSyntaxErrorTest} and {@code ReaderVerdictTest} suites hold them to it.
 */
final class SerdeErrors {
    /** The input ends where a value should start or inside a number or literal. */
    static final String EOF_VALUE = "EOF while parsing a value";
    /** The input ends inside a string literal. */
    static final String EOF_STRING = "EOF while parsing a string";
    /** The input ends inside an object. */
    static final String EOF_OBJECT = "EOF while parsing an object";
    /** The input ends inside an array. */
    static final String EOF_LIST = "EOF while parsing a list";
    /** A byte that cannot start a value where one is due. */
    static final String EXPECTED_VALUE = "expected value";
    /** Something other than whitespace after the document's value. */
    static final String TRAILING = "trailing characters";

    private SerdeErrors() {
    }

    /** The exception for {@code reason} found when {@code index} bytes of {@code src} were consumed. */
    static SidecarParseException at(byte[] src, String reason, long index, String path) {
        int[] lc = lineColumn(src, index);
        return new SidecarParseException(reason, lc[0], lc[1], path);
    }

    /** serde's {@code {line, column}} after {@code index} bytes: column counts the bytes consumed on that line. */
    static int[] lineColumn(byte[] src, long index) {
        int end = (int) Math.min(Math.max(index, 0), src.length);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < end; i++) {
            if (src[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, end - lineStart};
    }

    /** A field path as the exception shows it: keys joined by dots, list indexes as {@code [i]}. */
    static String path(List<String> segments) {
        StringBuilder sb = new StringBuilder();
        for (String s : segments) {
            if (!s.startsWith("[") && sb.length() > 0) {
                sb.append('.');
            }
            sb.append(s);
        }
        return sb.toString();
    }

    /** A list index as a {@link #path} segment. */
    static String index(int i) {
        return "[" + i + "]";
    }

    /** A value of the wrong JSON type: {@code unexpected} as {@link #string}, {@link #integer} and the like word it. */
    static String invalidType(String unexpected, String expected) {
        return "invalid type: " + unexpected + ", expected " + expected;
    }

    /** An integer of the right type but out of the slot's range; {@code digits} as the document gives it. */
    static String invalidInteger(String digits, String expected) {
        return "invalid value: integer `" + digits + "`, expected " + expected;
    }

    /** An integer as serde names an unexpected one. */
    static String integer(String digits) {
        return "integer `" + digits + "`";
    }

    /** A float as serde names an unexpected one, in serde's float text. */
    static String floatingPoint(double f) {
        return "floating point `" + SerdeFloats.format(f) + "`";
    }

    /** A string as serde names an unexpected one: Rust's {@code Debug} form. */
    static String string(String s) {
        return "string " + debugQuote(s);
    }

    /** serde-derive: the same struct key twice. */
    static String duplicateField(String key) {
        return "duplicate field `" + key + "`";
    }

    /** serde-derive: a required struct key absent. */
    static String missingField(String key) {
        return "missing field `" + key + "`";
    }

    /** serde-derive: a struct in array form that stops before field {@code missingAt}. */
    static String invalidLength(int missingAt, String struct, int fields) {
        return "invalid length " + missingAt + ", expected struct " + struct + " with " + fields + " elements";
    }

    /** A map key that should hold a decimal number and does not. */
    static String expectedNumericKey(String key) {
        return "expected numeric key, got " + debugQuote(key);
    }

    /** serde-derive: an enum variant name not among {@code variants}. */
    static String unknownVariant(String name, List<String> variants) {
        StringBuilder sb = new StringBuilder("unknown variant `").append(name).append("`, ");
        if (variants.size() == 2) {
            sb.append("expected `").append(variants.get(0)).append("` or `").append(variants.get(1)).append('`');
        } else {
            sb.append("expected one of ");
            for (int i = 0; i < variants.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('`').append(variants.get(i)).append('`');
            }
        }
        return sb.toString();
    }

    /**
     * serde_json's verdict on a decoded string with a UTF-16 surrogate that has no partner, or
     * null when it has none: a high one waits for its low escape, a low one cannot lead.
     */
    static String lonelySurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isHighSurrogate(c)) {
                return "unexpected end of hex escape";
            } else if (Character.isLowSurrogate(c)) {
                return "lone leading surrogate in hex escape";
            }
        }
        return null;
    }

    /** Rust's {@code {:?}} of a string: quotes, backslash escapes, {@code \\u{..}} for other controls. */
    static String debugQuote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c < 0x20 || c == 0x7F) {
                sb.append("\\u{").append(Integer.toHexString(c)).append('}');
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
