package dev.ktstr.api.store;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Optional;

/**
 * The one wording of I/O errors in this project. Java's file-system exceptions often carry only
 * a path as their message; this spells out the reason as the operating system words it
 * ({@code strerror}), and for the common causes one line of cause and remedy.
 *
 * <p>Three forms: {@link #reason} (the raw reason, as an {@link IoError} holds it),
 * {@link #describe} (an operator line, {@code <path>: no such file or directory}) and
 * {@link #causeAndRemedy} (what to do about it).
 */
public final class IoErrorText {

    /** The causes that have a better text than their errno's, with that text. */
    private enum Cause {
        ENOSPC("No space left on device", "no space left on device: free space on that filesystem"),
        EDQUOT("Disk quota exceeded", "disk quota exceeded: free space or raise the quota on that filesystem"),
        EROFS("Read-only file system", "read-only file system: choose a writable CARGO_TARGET_DIR/KTSTR_SIDECAR_DIR"),
        ENAMETOOLONG("File name too long", "name too long: shorten the kernel version/test name or the target path"),
        ENOTDIR("Not a directory", "a path component is not a directory: remove the file in the way or choose"
                + " another CARGO_TARGET_DIR/KTSTR_SIDECAR_DIR"),
        ELOOP("Too many levels of symbolic links", "symbolic link loop on the path: fix or remove the link");

        final String strerror;
        final String text;

        Cause(String strerror, String text) {
            this.strerror = strerror;
            this.text = text;
        }
    }

    private IoErrorText() {
    }

    /**
     * The reason of {@code e} as the operating system words it ({@code No such file or
     * directory}, {@code Permission denied}): a file-system exception's own reason, else the one
     * its type stands for; another {@link java.io.IOException}'s message; else the exception's
     * simple class name and message. An {@link UncheckedIOException} is read through.
     *
     * @param e the failure
     * @return one line, never empty
     */
    public static String reason(Throwable e) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return reason(e.getCause());
        }
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null) {
                return fse.getReason();
            }
            if (e instanceof NoSuchFileException) {
                return "No such file or directory";
            } else if (e instanceof AccessDeniedException) {
                return "Permission denied";
            } else if (e instanceof FileAlreadyExistsException) {
                return "File exists";
            } else if (e instanceof NotDirectoryException) {
                return "Not a directory";
            } else if (e instanceof DirectoryNotEmptyException) {
                return "Directory not empty";
            } else if (e instanceof FileSystemLoopException) {
                return Cause.ELOOP.strerror;
            }
            return e.getClass().getSimpleName();
        }
        String m = e.getMessage();
        if (e instanceof java.io.IOException && m != null) {
            return m;
        }
        return m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }

    /**
     * {@code e} as an operator reads it: for a file-system exception, its path (and other path)
     * then the {@link #reason} in lower case ({@code /x: no such file or directory}); for any
     * other exception its message, or its class name when it has none.
     *
     * @param e the failure
     * @return one line, never empty
     */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof FileSystemException fse) {
            String why = reason(e);
            why = Character.toLowerCase(why.charAt(0)) + why.substring(1);
            String file = fse.getFile() == null ? "" : fse.getFile();
            String other = fse.getOtherFile() == null ? "" : " -> " + fse.getOtherFile();
            return file.isEmpty() ? why : file + other + ": " + why;
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getName() : m;
    }

    /**
     * One line of cause and remedy for a reason (as {@link #reason} gives it) that names one of
     * the common causes: no space, quota, read-only file system, name too long, a path component
     * that is not a directory, a symbolic link loop.
     *
     * @param reason the reason text, possibly null
     * @return the cause and remedy, or empty when there is no better text than the reason
     */
    public static Optional<String> causeAndRemedy(String reason) {
        if (reason != null) {
            for (Cause c : Cause.values()) {
                if (reason.contains(c.strerror)) {
                    return Optional.of(c.text);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@link #causeAndRemedy(String)} for an errno by its symbolic name ({@code ENOSPC}).
     *
     * @param errnoName the errno's name
     * @return the cause and remedy, or empty for an errno without a better text
     */
    public static Optional<String> causeAndRemedyOfErrno(String errnoName) {
        for (Cause c : Cause.values()) {
            if (c.name().equals(errnoName)) {
                return Optional.of(c.text);
            }
        }
        return Optional.empty();
    }
}
