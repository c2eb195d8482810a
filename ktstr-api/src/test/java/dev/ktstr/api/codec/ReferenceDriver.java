package dev.ktstr.api.codec;

/** The Python driver that serves the reference tools to property tests, one line per request. */
public final class ReferenceDriver {
    /**
     * Commands: {@code f <16 hex: f64 bits, big-endian>} gives serde's float text;
     * {@code h <hex utf-8 json of variant_hash kwargs>} and {@code s <hex bytes>} give hashes;
     * {@code p <hex utf-8 sidecar>} gives {@code same|diff} (re-emit identical?) and the hex of the
     * production file name.
     */
    public static final String SOURCE = String.join("\n",
            "import sys, json, struct",
            "from serde_pretty import fmt_f64, pretty, sidecar_filename",
            "from siphash13 import variant_hash, siphash13",
            "for line in sys.stdin:",
            "    cmd, _, arg = line.rstrip('\\n').partition(' ')",
            "    if cmd == 'f':",
            "        print(fmt_f64(struct.unpack('>d', bytes.fromhex(arg))[0]))",
            "    elif cmd == 'h':",
            "        print('%016x' % variant_hash(**json.loads(bytes.fromhex(arg).decode('utf-8'))))",
            "    elif cmd == 's':",
            "        print('%016x' % siphash13(bytes.fromhex(arg)))",
            "    elif cmd == 'p':",
            "        raw = bytes.fromhex(arg).decode('utf-8')",
            "        doc = json.loads(raw)",
            "        print(('same ' if pretty(doc) == raw else 'diff ') + sidecar_filename(doc).encode('utf-8').hex())",
            "    sys.stdout.flush()",
            "");

    private ReferenceDriver() {
    }

    /** A JSON string literal that is pure ASCII (everything else as \\u escapes). */
    public static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    public static String jsonList(java.util.List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(jsonString(items.get(i)));
        }
        return sb.append(']').toString();
    }
}
