package dev.ktstr.cli;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One-line operator wording for exceptions: what failed and on which path. */
public final class CliErrors {
    private CliErrors() {
    }

    /**
     * The message of {@code e} as an operator reads it. {@code java.nio} exceptions carry only a
     * path as their message; they get the reason spelled out ({@code x: no such file or directory}).
     */
    public static String describe(Throwable e) {
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (e instanceof FileSystemException fse) {
            String file = fse.getFile() == null ? "" : fse.getFile();
            String other = fse.getOtherFile() == null ? "" : " -> " + fse.getOtherFile();
            String why;
            if (e instanceof NoSuchFileException) {
                why = "no such file or directory";
            } else if (e instanceof AccessDeniedException) {
                why = "permission denied";
            } else if (e instanceof NotDirectoryException) {
                why = "not a directory";
            } else if (e instanceof FileAlreadyExistsException) {
                why = "already exists";
            } else if (e instanceof DirectoryNotEmptyException) {
                why = "directory not empty";
            } else if (e instanceof FileSystemLoopException) {
                why = "symbolic link loop";
            } else {
                why = fse.getReason() == null ? e.getClass().getSimpleName() : fse.getReason();
            }
            return file.isEmpty() ? why : file + other + ": " + why;
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getName();
        }
        return m;
    }
}
