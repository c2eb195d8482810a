package dev.ktstr.fs;

import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.layout.Utf8Order;
import java.nio.file.Path;
import java.util.Comparator;

/** File-name rules of the filesystem store: the sidecar predicate, staging names, byte order. */
final class FsNames {

    static final String SIDECAR_SUFFIX = ".ktstr.json";
    static final String STAGING_INFIX = ".ktstr.json.tmp.";
    static final String LOCKS_DIR = ".locks";

    /** Orders strings by their UTF-8 bytes, unsigned: the order upstream's byte-wise sorts use. */
    static final Comparator<String> UTF8_ORDER = Utf8Order.INSTANCE;

    private FsNames() {
    }

    /**
     * Upstream's predicate: the extension (text after the last dot, a leading dot alone not
     * counting) is exactly {@code json} and the name contains {@code .ktstr.}.
     */
    static boolean isSidecarName(String name) {
        return SidecarNames.isSidecarFile(name);
    }

    /** A staging file of the atomic write: {@code <final>.ktstr.json.tmp.<anything>}. */
    static boolean isStagingName(String name) {
        return SidecarNames.isStagingFile(name);
    }

    /**
     * Whether the JVM's string form of {@code name} denotes the same bytes on disk; false for a
     * name that is not valid UTF-8 (decoded with replacement characters).
     */
    static boolean isFaithful(Path name) {
        if (isAscii(name.toString())) {
            return true; // ASCII text comes only from the same ASCII bytes (the JVM's file name charsets are ASCII-based)
        }
        try {
            return name.equals(Path.of(name.toString()));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why {@code fileName} is not a plain sidecar file name, or the empty string when it is:
     * one component, no separator, no NUL or control character, not {@code .} or {@code ..},
     * ending in {@code .ktstr.json}, at most 255 bytes of UTF-8.
     */
    static String refusal(String fileName) {
        if (fileName.isEmpty()) {
            return "it is empty";
        }
        if (fileName.equals(".") || fileName.equals("..") || fileName.contains("..")) {
            return "it contains '..'";
        }
        for (int i = 0; i < fileName.length(); i++) {
            char c = fileName.charAt(i);
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
        if (!fileName.endsWith(SIDECAR_SUFFIX) || !isSidecarName(fileName)) {
            return "it does not end in " + SIDECAR_SUFFIX;
        }
        int bytes = AtomicSidecarWrite.utf8Length(fileName);
        if (bytes > AtomicSidecarWrite.NAME_MAX) {
            return "it is " + bytes + " bytes long, more than the " + AtomicSidecarWrite.NAME_MAX
                    + " a file name can hold; shorten the test name";
        }
        return "";
    }
}
