package dev.ktstr.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Readable one-line text for file-system errors, whose Java messages are often just a path. */
final class FsErrors {
    private FsErrors() {
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
