package dev.ktstr.report.render;

import dev.ktstr.report.text.TerminalText;

/** Escaping for GitHub-flavoured Markdown. */
final class Markdown {
    private Markdown() {
    }

    /**
     * {@code value} as literal text in a table cell or a line: control characters shown
     * ({@link TerminalText#visible}), HTML's {@code & < >} as entities (GitHub renders inline
     * HTML), inline Markdown punctuation backslash-escaped, {@code |} escaped so it cannot end a cell.
     */
    static String text(String value) {
        String v = TerminalText.visible(value);
        StringBuilder out = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\\', '|', '`', '*', '_', '[', ']', '~' -> {
                    out.append('\\').append(c);
                }
                case '\n', '\r' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code value} inside a code span: backticks cannot occur (shown as {@code '}), pipes escaped. */
    static String code(String value) {
        String v = TerminalText.visible(value).replace('`', '\'').replace("|", "\\|")
                .replace('\n', ' ').replace('\r', ' ');
        return "`" + v + "`";
    }
}
