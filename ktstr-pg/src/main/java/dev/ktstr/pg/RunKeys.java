package dev.ktstr.pg;

import dev.ktstr.api.layout.SidecarNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Run names as the database keys them: the advisory-lock key of a run, and the checks a run
 * name and a sidecar file name must pass to be stored.
 */
final class RunKeys {

    private RunKeys() {
    }

    /**
     * The advisory-lock key of run {@code name}: the first 8 bytes (big-endian) of SHA-256 of
     * {@code "ktstr-run:" + name} in UTF-8. Stable across versions, processes and machines;
     * the prefix keeps it apart from keys other applications derive from the same names.
     */
    static long advisoryKey(String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] d = sha.digest(("ktstr-run:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Why {@code name} cannot be a run name here, or the empty string: empty, a {@code /}
     * (locations are {@code <root>/<run>}), a backslash, a control character (NUL included,
     * which PostgreSQL text cannot hold), a leading {@code .} (dot-names are not runs, as on the
     * filesystem), or a lone surrogate (not encodable as UTF-8).
     */
    static String runNameRefusal(String name) {
        if (name.isEmpty()) {
            return "it is empty";
        }
        if (name.startsWith(".")) {
            return "it starts with '.'";
        }
        String bad = badCharacter(name);
        return bad.isEmpty() ? "" : "it contains " + bad;
    }

    /** Why {@code fileName} cannot name a sidecar here, or the empty string. */
    static String fileNameRefusal(String fileName) {
        int slash = fileName.indexOf('/');
        if (slash >= 0) {
            // One subdirectory level (repeat-2/x.ktstr.json), as the filesystem runs that push imports have.
            String sub = fileName.substring(0, slash);
            if (sub.isEmpty() || sub.startsWith(".")) {
                return "its subdirectory part is empty or starts with '.'";
            }
            String badSub = badCharacter(sub);
            if (!badSub.isEmpty()) {
                return "its subdirectory part contains " + badSub;
            }
            return plainFileNameRefusal(fileName.substring(slash + 1)).replace("it is", "its file part is")
                    .replace("it contains", "its file part contains");
        }
        return plainFileNameRefusal(fileName);
    }

    private static String plainFileNameRefusal(String fileName) {
        if (!SidecarNames.isSidecarFile(fileName) || !fileName.endsWith(".ktstr.json")) {
            return "it is not a sidecar file name (one plain name ending in .ktstr.json)";
        }
        String bad = badCharacter(fileName);
        return bad.isEmpty() ? "" : "it contains " + bad;
    }

    private static String badCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == '\\') {
                return "'" + c + "'";
            }
            if (Character.isISOControl(c)) {
                return String.format("a control character (\\u%04x)", (int) c);
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "a lone surrogate (not UTF-8 encodable)";
            }
        }
        return "";
    }
}
