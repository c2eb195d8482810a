package dev.ktstr.api.codec;

import dev.ktstr.api.KtstrException;
import java.nio.charset.StandardCharsets;

/**
 * A JSON writer laid out exactly like serde_json's {@code PrettyFormatter}: two-space indent,
 * {@code "key": value}, members separated by {@code ,} and a newline, {@code {}} and {@code []}
 * for empty containers, no trailing newline.
 */
final class PrettyJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder(4096);
    /** hasMembers[d]: whether the container at depth d already has a member. */
    private boolean[] hasMembers = new boolean[16];
    private int depth;

    byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    void beginObject() {
        open('{');
    }

    void endObject() {
        close('}');
    }

    void beginArray() {
        open('[');
    }

    void endArray() {
        close(']');
    }

    /** Starts an object member: separator, newline, indent, the quoted key and {@code ": "}. */
    void key(String key) {
        element();
        string(key);
        out.append(": ");
    }

    /** Starts an array element: separator, newline and indent. */
    void element() {
        if (hasMembers[depth]) {
            out.append(',');
        }
        hasMembers[depth] = true;
        out.append('\n');
        indent(depth);
    }

    void nullValue() {
        out.append("null");
    }

    void bool(boolean v) {
        out.append(v);
    }

    void i64(long v) {
        out.append(v);
    }

    void u64(long bits) {
        out.append(Long.toUnsignedString(bits));
    }

    void f64(double v) {
        out.append(SerdeFloats.format(v));
    }

    void string(String s) {
        out.append('"');
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isSurrogate(c)) {
                        if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            throw new KtstrException("cannot write a sidecar string with an unpaired UTF-16 surrogate"
                                    + " (U+" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT) + " at index " + i
                                    + "): Rust strings hold only Unicode scalar values; fix the value before writing");
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void open(char bracket) {
        out.append(bracket);
        depth++;
        if (depth == hasMembers.length) {
            hasMembers = java.util.Arrays.copyOf(hasMembers, depth * 2);
        }
        hasMembers[depth] = false;
    }

    private void close(char bracket) {
        if (hasMembers[depth]) {
            out.append('\n');
            indent(depth - 1);
        }
        depth--;
        out.append(bracket);
    }

    private void indent(int level) {
        for (int i = 0; i < level; i++) {
            out.append("  ");
        }
    }
}
