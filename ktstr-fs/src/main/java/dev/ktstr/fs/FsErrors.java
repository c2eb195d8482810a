package dev.ktstr.fs;

import dev.ktstr.api.store.IoErrorText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Cause and remedy of a failed file-system write, naming the owner on a permission refusal (wording: {@link IoErrorText}). */
final class FsErrors {
    private FsErrors() {
    }

    /**
     * One line of cause and remedy for a failure on {@code path}: the common errno-like causes
     * each get their own ({@code no space left on device: free space on that filesystem}), a
     * permission refusal names the owner of the nearest existing directory, and anything else
     * is {@link IoErrorText#reason} followed by {@code "; " + fallbackRemedy}.
     */
    static String explain(Throwable e, Path path, String fallbackRemedy) {
        String reason = IoErrorText.reason(e);
        Optional<String> known = IoErrorText.causeAndRemedy(reason);
        if (known.isPresent()) {
            return known.get();
        }
        if (reason.contains("Permission denied") || reason.contains("Operation not permitted")) {
            Path dir = nearestExisting(path);
            String owner = dir == null ? "" : ownerText(dir);
            if (!owner.isEmpty()) {
                return "permission denied: " + dir + " is owned by " + owner
                        + ", run as that user or choose a writable CARGO_TARGET_DIR/KTSTR_SIDECAR_DIR";
            }
            return "permission denied: check permissions of its parent directories";
        }
        return reason + "; " + fallbackRemedy;
    }

    /** The path itself or its nearest ancestor that exists (links not followed), or null. */
    private static Path nearestExisting(Path path) {
        if (path == null) {
            return null;
        }
        for (Path p = path.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
        return null;
    }

    /** {@code uid N (name)} of the owner of {@code p}, or empty when it cannot be read. */
    private static String ownerText(Path p) {
        try {
            Object uid = Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            String name = Files.getOwner(p, LinkOption.NOFOLLOW_LINKS).getName();
            return name.equals(String.valueOf(uid)) ? "uid " + uid : "uid " + uid + " (" + name + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
