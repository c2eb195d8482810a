package dev.ktstr.api.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Opens what a walk meets without hanging or exhausting the heap on hostile input: a FIFO, a
 * socket or a device named like a sidecar or given as a directory, a link to {@code /dev/zero},
 * a sidecar of several gigabytes, a file that grows while it is read.
 *
 * <p>Nothing is opened before a {@code stat} (symbolic links followed) says it is a regular file
 * (for {@link #readBounded}) or a directory (for {@link #newDirectoryStream}): opening a FIFO for
 * reading blocks until a writer comes, and the JDK cannot open with {@code O_NONBLOCK}. A file
 * replaced by a FIFO between the check and the open can still block; nothing else here waits.
 *
 * <p>A file is read up to {@link #maxBytes()} bytes, {@value #DEFAULT_MAX_BYTES} (256 MiB) by
 * default, set with the system property {@value #MAX_BYTES_PROPERTY}: one byte more and the read
 * stops with an error naming the file, whatever its size said. The largest real sidecars are
 * a few hundred kilobytes. Thread-safe.
 */
public final class SidecarFiles {

    /** The system property that sets {@link #maxBytes()}: a whole number of bytes, 1 or more. */
    public static final String MAX_BYTES_PROPERTY = "ktstr.maxSidecarBytes";

    /** The default of {@link #maxBytes()}: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;

    /** The largest array a JVM is sure to allocate, as {@code Files.readAllBytes} assumes. */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** Direct buffer each thread reads into: a typical sidecar fits in one read, and the JDK copies nothing. */
    private static final int READ_BUFFER = 64 * 1024;

    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(READ_BUFFER));

    private SidecarFiles() {
    }

    /**
     * The most bytes {@link #readBounded(Path)} reads: {@value #MAX_BYTES_PROPERTY} when set,
     * else {@value #DEFAULT_MAX_BYTES}; never above {@code Integer.MAX_VALUE - 8} (the largest array).
     *
     * @return the read limit in bytes, 1 or more
     * @throws IllegalArgumentException when the property is set but is not a whole number of 1 or more
     */
    public static long maxBytes() {
        String text = System.getProperty(MAX_BYTES_PROPERTY);
        if (text == null || text.isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            value = 0;
        }
        if (value < 1) {
            throw new IllegalArgumentException(MAX_BYTES_PROPERTY + "=" + text
                    + ": expected a whole number of bytes, 1 or more (default " + DEFAULT_MAX_BYTES + ")");
        }
        return Math.min(value, MAX_ARRAY);
    }

    /**
     * {@link #readBounded(Path, long)} with {@link #maxBytes()}.
     *
     * @param file the regular file to read (symbolic links followed)
     * @return the file's whole content
     * @throws IOException as {@link #readBounded(Path, long)} throws it, including for a file that is
     *     not regular or is larger than {@link #maxBytes()}
     */
    public static byte[] readBounded(Path file) throws IOException {
        return readBounded(file, maxBytes());
    }

    /**
     * The whole content of the regular file {@code file} (symbolic links followed), read until end
     * of file whatever size its {@code stat} said ({@code /proc} files say 0), but never more than
     * {@code maxBytes} bytes.
     *
     * @param file     the regular file to read
     * @param maxBytes the most bytes to accept, 1 or more; values above {@code Integer.MAX_VALUE - 8}
     *     count as that
     * @return the file's whole content, at most {@code maxBytes} bytes
     * @throws IllegalArgumentException when {@code maxBytes} is below 1
     * @throws FileSystemException (its {@link FileSystemException#getFile() file} is {@code file}) with
     *     reason {@code Is a directory}, {@code not a regular file} (FIFO, socket, device: not opened)
     *     or {@code larger than N bytes (ktstr.maxSidecarBytes)}
     * @throws IOException as {@code stat}, {@code open} or {@code read} fail (no such file, permission
     *     denied, symbolic link loop...)
     */
    public static byte[] readBounded(Path file, long maxBytes) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be 1 or more: " + maxBytes);
        }
        long max = Math.min(maxBytes, MAX_ARRAY);
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (attrs.isDirectory()) {
            throw new FileSystemException(file.toString(), null, "Is a directory");
        }
        if (!attrs.isRegularFile()) {
            throw new FileSystemException(file.toString(), null, "not a regular file");
        }
        if (attrs.size() > max) {
            throw tooLarge(file, max);
        }
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buf = BUFFER.get();
            byte[] out = new byte[(int) attrs.size()];
            long n = 0;
            while (true) {
                buf.clear();
                // Never ask for more than one byte past the limit: /dev/zero-like files end here.
                buf.limit((int) Math.min(buf.capacity(), max + 1 - n));
                int r = ch.read(buf);
                if (r < 0) {
                    break;
                }
                if (n + r > max) {
                    throw tooLarge(file, max);
                }
                if (n + r > out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(max, Math.max(n + r, 2L * out.length)));
                }
                buf.flip().get(out, (int) n, r);
                n += r;
            }
            return n == out.length ? out : Arrays.copyOf(out, (int) n);
        }
    }

    /**
     * A stream over the entries of the directory {@code dir} (symbolic links followed), opened only
     * after a {@code stat} says it is a directory.
     *
     * @param dir the directory to list (symbolic links followed)
     * @return an open stream over its entries; the caller closes it
     * @throws NotDirectoryException when {@code dir} is a regular file (as {@code opendir} says)
     * @throws FileSystemException with reason {@code not a directory (a FIFO, socket or device; not
     *     opened)} when it is another kind of file
     * @throws IOException as {@code stat} or {@code opendir} fail (no such file, permission denied...)
     */
    public static DirectoryStream<Path> newDirectoryStream(Path dir) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(dir, BasicFileAttributes.class);
        if (!attrs.isDirectory()) {
            if (attrs.isRegularFile()) {
                throw new NotDirectoryException(dir.toString());
            }
            throw new FileSystemException(dir.toString(), null, "not a directory (a FIFO, socket or device; not opened)");
        }
        return Files.newDirectoryStream(dir);
    }

    private static FileSystemException tooLarge(Path file, long max) {
        return new FileSystemException(file.toString(), null, "larger than " + max + " bytes (" + MAX_BYTES_PROPERTY + ")");
    }
}
