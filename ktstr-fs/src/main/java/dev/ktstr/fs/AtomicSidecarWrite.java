package dev.ktstr.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The durable atomic write of one file: an exclusively created staging file next to the
 * target, written fully and fsync'd, renamed over the target, then the directory fsync'd.
 */
final class AtomicSidecarWrite {

    /** Attempts at a fresh staging name when one is taken (same pid and run id, or a stale orphan). */
    private static final int MAX_STAGING_ATTEMPTS = 64;

    private AtomicSidecarWrite() {
    }

    /** The staging name {@code <final>.tmp.<pid>.<runId>} (run id reduced to safe characters). */
    static String stagingName(String fileName, long pid, String runId) {
        StringBuilder safe = new StringBuilder(runId.length());
        for (int i = 0; i < runId.length(); i++) {
            char c = runId.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            safe.append(ok ? c : '_');
        }
        // An empty run id still yields a staging name the pre-clear recognizes (".tmp.<pid>.").
        return fileName + ".tmp." + pid + "." + (safe.length() == 0 ? "0" : safe);
    }

    /**
     * Writes {@code content} to {@code dir/fileName}.
     *
     * @return the target path
     */
    static Path write(Path dir, String fileName, byte[] content, String runId) throws IOException {
        Path target = dir.resolve(fileName);
        String base = stagingName(fileName, ProcessHandle.current().pid(), runId);
        Path staging = null;
        FileChannel channel = null;
        for (int attempt = 0; channel == null; attempt++) {
            staging = dir.resolve(attempt == 0 ? base : base + "." + attempt);
            try {
                // CREATE_NEW refuses an existing file and an existing symlink alike: we never write through a link.
                channel = FileChannel.open(staging, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException e) {
                if (attempt + 1 >= MAX_STAGING_ATTEMPTS) {
                    throw new IOException("create staging file for " + target + ": " + MAX_STAGING_ATTEMPTS
                            + " staging names taken (last " + staging + "); remove stale *.tmp.* files there", e);
                }
            } catch (IOException e) {
                throw new IOException("create staging file " + staging + ": " + FsErrors.describe(e)
                        + "; check that the directory exists and is writable", e);
            }
        }
        boolean moved = false;
        try {
            try (FileChannel ch = channel) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            } catch (IOException e) {
                throw new IOException("write staging file " + staging + ": " + FsErrors.describe(e), e);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
            } catch (IOException e) {
                throw new IOException("rename " + staging + " to " + target + ": " + FsErrors.describe(e), e);
            }
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(staging);
                } catch (IOException ignored) {
                    // The orphan is reaped by the next pre-clear of this run.
                }
            }
        }
        fsyncDirectory(dir);
        return target;
    }

    /** Makes a rename in {@code dir} durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            throw new IOException("fsync directory " + dir + ": " + FsErrors.describe(e), e);
        }
    }
}
