package dev.ktstr.report.text;

/**
 * Text bound for a terminal, with every control character a sidecar or a file name may carry
 * shown instead of obeyed: an escape sequence in a test name, a scheduler name, a kernel version
 * or a path cannot move the cursor, retitle the window, hide text or forge a line.
 *
 * <p>Each C0 control (U+0000–U+001F), DEL (U+007F) and C1 control (U+0080–U+009F) becomes
 * {@code \xHH} with two lowercase hex digits ({@code ESC} is {@code \x1b}); a backslash stays
 * as is. Text without control characters, all normal input, comes back unchanged (the same
 * instance), so upstream's byte-exact formats hold. JSON output needs none of this: its encoder
 * escapes control characters already.
 */
public final class TerminalText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TerminalText() {
    }

    /**
     * One value (a cell, a name, a path, a message): every control character escaped, newlines too.
     *
     * @param value the text to show
     * @return the text with every control character escaped
     */
    public static String visible(String value) {
        return escape(value, false);
    }

    /**
     * A whole report whose own line breaks are {@code \n}: every control character but {@code \n}
     * escaped. A newline inside a value cannot be told from the report's own here; values that
     * must stay on one line go through {@link #visible(String)} first.
     *
     * @param text the report text
     * @return the text with every control character but {@code \n} escaped
     */
    public static String visibleLines(String text) {
        return escape(text, true);
    }

    private static String escape(String s, boolean keepNewlines) {
        int i = 0;
        int n = s.length();
        while (i < n && !needsEscape(s.charAt(i), keepNewlines)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder b = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (needsEscape(c, keepNewlines)) {
                b.append('\\').append('x').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean needsEscape(char c, boolean keepNewlines) {
        return (c < 0x20 || (c >= 0x7F && c <= 0x9F)) && !(keepNewlines && c == '\n');
    }
}
