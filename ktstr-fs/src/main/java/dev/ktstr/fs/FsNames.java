package dev.ktstr.fs;

import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.Utf8Order;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

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
     * Why {@code name} cannot name a sidecar here, as a phrase ({@code contains '/'}), or the
     * empty string: the api's rules ({@link SidecarNames#storedNameProblem}: a plain sidecar
     * file name, or {@code subdir/name} one level down), and a file part of at most 255 bytes
     * of UTF-8.
     */
    static String refusal(String name) {
        Optional<String> problem = SidecarNames.storedNameProblem(name);
        if (problem.isPresent()) {
            return problem.get();
        }
        int bytes = AtomicSidecarWrite.utf8Length(name.substring(name.indexOf('/') + 1));
        if (bytes > AtomicSidecarWrite.NAME_MAX) {
            return "is " + bytes + " bytes long, more than the " + AtomicSidecarWrite.NAME_MAX
                    + " a file name can hold; shorten the test name";
        }
        return "";
    }
}
