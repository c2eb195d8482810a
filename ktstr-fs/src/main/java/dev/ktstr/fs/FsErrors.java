package dev.ktstr.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Readable one-line text for file-system errors, whose Java messages are often just a path. */
final class FsErrors {
    private FsErrors() {
    }

    /**
     * One line of cause and remedy for a failure on {@code path}: the common errno-like causes
     * each get their own ({@code no space left on device: free space on that filesystem}), a
     * permission refusal names the owner of the nearest existing directory, and anything else
     * is {@link #describe} followed by {@code "; " + fallbackRemedy}.
     */
    static String explain(Throwable e, Path path, String fallbackRemedy) {
        String reason = describe(e);
        if (reason.contains("No space left on device")) {
            return "no space left on device: free space on that filesystem";
        }
        if (reason.contains("Disk quota exceeded")) {
            return "disk quota exceeded: free space or raise the quota on that filesystem";
        }
        if (reason.contains("Read-only file system")) {
            return "read-only file system: choose a writable CARGO_TARGET_DIR/KTSTR_SIDECAR_DIR";
        }
        if (reason.contains("File name too long")) {
            return "name too long: shorten the kernel version/test name or the target path";
        }
        if (reason.contains("Not a directory")) {
            return "a path component is not a directory: remove the file in the way or choose another"
                    + " CARGO_TARGET_DIR/KTSTR_SIDECAR_DIR";
        }
        if (reason.contains("Too many levels of symbolic links")) {
            return "symbolic link loop on the path: fix or remove the link";
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

    static String describe(Throwable e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (f instanceof NoSuchFileException) {
                return "No such file or directory";
            }
            if (f instanceof AccessDeniedException) {
                return "Permission denied";
            }
            if (f instanceof FileAlreadyExistsException) {
                return "File exists";
            }
            if (f instanceof NotDirectoryException) {
                return "Not a directory";
            }
            if (f instanceof DirectoryNotEmptyException) {
                return "Directory not empty";
            }
            return f.getClass().getSimpleName();
        }
        if (e instanceof IOException && e.getMessage() != null) {
            return e.getMessage();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }
}
