package dev.ktstr.cli;

/** Text bound for a terminal: control characters from files and records shown, never obeyed. */
final class Terminal {
    private Terminal() {
    }

    /**
     * {@code s} with every C0 and C1 control character and DEL written as {@code \x1b}-style
     * escapes (a backslash itself stays as is), so an escape sequence in a test name or path
     * cannot move the cursor, retitle the window or hide text.
     */
    static String visible(String s) {
        int i = 0;
        while (i < s.length() && !Character.isISOControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
