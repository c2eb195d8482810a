package dev.ktstr.pg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Run names as the database keys them: the advisory-lock key of a run. (The checks a run name
 * and a sidecar file name must pass are the api's, {@code SidecarNames}.)
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
}
