package dev.ktstr.api.write;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import java.util.List;

/** The writer's use of the schema helpers: file name, bytes, flag order, test-name rule. */
final class SidecarFormat {
    private SidecarFormat() {
    }

    static String fileName(SidecarResult r) {
        // TEMPORARY until layout.SidecarNames lands from the schema branch.
        long h = java.util.Objects.hash(r.topology(), r.scheduler(), r.payload(), r.workType(), r.activeFlags(),
                new java.util.TreeSet<>(r.sysctls()), new java.util.TreeSet<>(r.kargs()));
        return r.testName() + "-" + String.format("%016x", h) + ".ktstr.json";
    }

    static byte[] encode(SidecarResult r) {
        return SidecarCodec.write(r);
    }

    static List<String> canonicalFlags(List<String> flags) {
        List<String> known = List.of("llc", "borrow", "steal", "rebal", "reject-pin", "no-ctrl");
        List<String> out = new java.util.ArrayList<>(flags);
        out.sort(java.util.Comparator.comparingInt((String f) -> known.indexOf(f) < 0 ? 99 : known.indexOf(f))
                .thenComparing(java.util.Comparator.naturalOrder()));
        return out;
    }

    /** Why {@code name} cannot be a test name, or the empty string. */
    static String testNameRefusal(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.contains("..")) {
            return "it contains '..'";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\') {
                return "it contains a path separator";
            }
            if (c == 0) {
                return "it contains NUL";
            }
            if (Character.isISOControl(c)) {
                return "it contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return "";
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }
}
