package dev.ktstr.report.render;

/** Text that XML 1.0 can carry. */
final class Xml {
    private Xml() {
    }

    /**
     * {@code value} with the characters XML 1.0 forbids (C0 controls other than tab, newline and
     * carriage return; unpaired surrogates; U+FFFE, U+FFFF) replaced by {@code U+FFFD}; escaping
     * of {@code & < > "} is the writer's.
     */
    static String text(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok;
            if (Character.isHighSurrogate(c)) {
                ok = i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
                if (ok) {
                    if (out != null) {
                        out.append(c).append(value.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else if (Character.isLowSurrogate(c)) {
                ok = false;
            } else {
                ok = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
            }
            if (!ok && out == null) {
                out = new StringBuilder(value.length());
                out.append(value, 0, i);
            }
            if (out != null) {
                out.append(ok ? c : '\uFFFD');
            }
        }
        return out == null ? value : out.toString();
    }
}
