package dev.ktstr.fs;

import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.layout.VariantHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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

    /** Longest file name, in bytes, that Linux file systems take (NAME_MAX). */
    static final int NAME_MAX = 255;

    /** Room left in a staging name for the {@code .<attempt>} retry suffix. */
    private static final int ATTEMPT_ROOM = 3;

    /**
     * The staging name: {@link SidecarNames#stagingName} ({@code <final>.tmp.<pid>.<run_id>},
     * never a sidecar name). When that would not fit in {@link #NAME_MAX} bytes, the final name
     * is replaced by a hash of it: {@code <hash16>.ktstr.json.tmp.<pid>.<run_id>}, still unique
     * per final name and still reaped by the pre-clear, so every final name that fits can be
     * written.
     */
    static String stagingName(String fileName, long pid, String runId) {
        String staging = SidecarNames.stagingName(fileName, pid, runId);
        if (utf8Length(staging) + ATTEMPT_ROOM <= NAME_MAX) {
            return staging;
        }
        String shortFinal = VariantHash.hex(VariantHash.sipHash13(fileName.getBytes(StandardCharsets.UTF_8)))
                + SidecarNames.SUFFIX;
        staging = SidecarNames.stagingName(shortFinal, pid, runId);
        if (utf8Length(staging) + ATTEMPT_ROOM <= NAME_MAX) {
            return staging;
        }
        return SidecarNames.stagingName(shortFinal, pid, ""); // a run id too long to keep: the pid alone
    }

    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Writes {@code content} to {@code dir/fileName}.
     *
     * @return the target path
     */
    static Path write(Path dir, String fileName, byte[] content, String runId) throws IOException {
        Path target;
        try {
            target = dir.resolve(fileName);
        } catch (InvalidPathException e) {
            // The JVM encodes file names with the locale's charset (sun.jnu.encoding), not UTF-8.
            throw new IOException("write sidecar '" + fileName + "' in " + dir + ": this JVM cannot spell the name as a"
                    + " file name (its file-name charset is " + System.getProperty("sun.jnu.encoding")
                    + "); run it under a UTF-8 locale, e.g. LC_ALL=C.UTF-8", e);
        }
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
                throw new IOException("create staging file " + staging + ": " + IoErrorText.reason(e)
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
                throw new IOException("write staging file " + staging + ": " + IoErrorText.reason(e), e);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                moved = true;
            } catch (IOException e) {
                throw new IOException("rename " + staging + " to " + target + ": " + IoErrorText.reason(e), e);
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
            throw new IOException("fsync directory " + dir + ": " + IoErrorText.reason(e), e);
        }
    }
}
