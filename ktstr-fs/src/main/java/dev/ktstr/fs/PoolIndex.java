package dev.ktstr.fs;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One persistent index of a pool: for every sidecar file seen under one runs root with one
 * {@link dev.ktstr.api.store.CacheableParser cacheKey}, the file's identity when it was read and
 * what parsing it gave (the encoded value, or the parse or IO error's raw message), plus when
 * each run was last seen.
 *
 * <p>File format (big-endian): magic {@code KTSTRIDX}, format version, the cache key and the
 * canonical root (so a hash collision of file names is never trusted), the save time, the runs
 * (name, last seen), the entries (relative path, device, inode, size, mtime ns, ctime ns, the
 * wall-clock ns just before the file was stat'ed, kind, payload), then a CRC32C of everything
 * before it. Anything that does not check out (short, corrupt, another version, another key)
 * reads as an empty index, which the next walk rebuilds.
 */
final class PoolIndex {
    static final byte[] MAGIC = "KTSTRIDX".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    static final byte VALUE = 0;
    static final byte PARSE_ERROR = 1;
    static final byte IO_ERROR = 2;

    /** One file as it was read. */
    record Entry(long dev, long ino, long size, long mtimeNs, long ctimeNs, long stampNs, byte kind, byte[] payload) {
        boolean sameFile(long dev, long ino, long size, long mtimeNs, long ctimeNs) {
            return this.dev == dev && this.ino == ino && this.size == size && this.mtimeNs == mtimeNs
                    && this.ctimeNs == ctimeNs;
        }

        /**
         * Git's racy-clean rule: a file changed less than {@code racyNs} before it was stat'ed
         * may change again within the same timestamp tick without its identity changing, so its
         * entry is never trusted; the file is parsed again.
         */
        boolean racy(long racyNs) {
            long safe = stampNs - racyNs;
            return mtimeNs >= safe || ctimeNs >= safe;
        }
    }

    final String key;
    final String root;
    final Map<String, Entry> entries;
    final Map<String, Long> runsSeen;

    PoolIndex(String key, String root, Map<String, Entry> entries, Map<String, Long> runsSeen) {
        this.key = key;
        this.root = root;
        this.entries = entries;
        this.runsSeen = runsSeen;
    }

    static PoolIndex empty(String key, String root) {
        return new PoolIndex(key, root, new HashMap<>(), new HashMap<>());
    }

    /** The index in {@code file} for {@code key} and {@code root}; empty when it is missing or does not check out. */
    static PoolIndex load(Path file, String key, String root, long maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes || size < MAGIC.length + 12) {
                return empty(key, root);
            }
            byte[] all = Files.readAllBytes(file);
            PoolIndex read = parse(all, key, root);
            return read != null ? read : empty(key, root);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            return empty(key, root);
        }
    }

    /** How many entries the index file holds; 0 when it does not check out. */
    static long countEntries(Path file, long maxBytes) throws IOException {
        if (Files.size(file) > maxBytes) {
            return 0;
        }
        PoolIndex i = parse(Files.readAllBytes(file), null, null);
        return i == null ? 0 : i.entries.size();
    }

    /** Null when the bytes are not an index of this version, key and root. */
    static PoolIndex parse(byte[] all, String key, String root) {
        if (all.length < MAGIC.length + 12) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(all, 0, all.length - 8);
        ByteBuffer b = ByteBuffer.wrap(all);
        if (b.getLong(all.length - 8) != crc.getValue()) {
            return null;
        }
        b.limit(all.length - 8);
        try {
            for (byte m : MAGIC) {
                if (b.get() != m) {
                    return null;
                }
            }
            if (b.getInt() != VERSION) {
                return null;
            }
            String k = string(b);
            String r = string(b);
            if (key != null && (!key.equals(k) || !root.equals(r))) {
                return null;
            }
            b.getLong(); // saved at
            int runs = count(b);
            Map<String, Long> seen = new HashMap<>(runs * 2);
            for (int i = 0; i < runs; i++) {
                seen.put(string(b), b.getLong());
            }
            int n = count(b);
            Map<String, Entry> entries = new HashMap<>(n + n / 2);
            for (int i = 0; i < n; i++) {
                String rel = string(b);
                long dev = b.getLong();
                long ino = b.getLong();
                long size = b.getLong();
                long mtime = b.getLong();
                long ctime = b.getLong();
                long stamp = b.getLong();
                byte kind = b.get();
                if (kind < VALUE || kind > IO_ERROR) {
                    return null;
                }
                byte[] payload = new byte[count(b)];
                b.get(payload);
                entries.put(rel, new Entry(dev, ino, size, mtime, ctime, stamp, kind, payload));
            }
            return b.hasRemaining() ? null : new PoolIndex(k, r, entries, seen);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            return null;
        }
    }

    private static int count(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("bad count " + n);
        }
        return n;
    }

    private static String string(ByteBuffer b) {
        int n = count(b);
        String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

    byte[] toBytes(long savedAtMillis) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + entries.size() * 128);
        write(bytes, savedAtMillis);
        return bytes.toByteArray();
    }

    /** Writes the index, its checksum last, streaming (an index is never held twice in memory). */
    void write(java.io.OutputStream sink, long savedAtMillis) throws IOException {
        CRC32C crc = new CRC32C();
        java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(sink, crc);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(checked, 1 << 16));
        out.write(MAGIC);
        out.writeInt(VERSION);
        writeString(out, key);
        writeString(out, root);
        out.writeLong(savedAtMillis);
        out.writeInt(runsSeen.size());
        for (Map.Entry<String, Long> r : runsSeen.entrySet()) {
            writeString(out, r.getKey());
            out.writeLong(r.getValue());
        }
        out.writeInt(entries.size());
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            Entry v = e.getValue();
            writeString(out, e.getKey());
            out.writeLong(v.dev());
            out.writeLong(v.ino());
            out.writeLong(v.size());
            out.writeLong(v.mtimeNs());
            out.writeLong(v.ctimeNs());
            out.writeLong(v.stampNs());
            out.writeByte(v.kind());
            out.writeInt(v.payload().length);
            out.write(v.payload());
        }
        out.flush();
        new DataOutputStream(sink).writeLong(crc.getValue());
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Writes the index to {@code file} atomically: a fresh temporary file beside it, renamed
     * over it (not fsync'd: the checksum catches what a crash leaves). Two processes saving at once each rename a whole file; the last one wins
     * and the index stays valid.
     */
    void save(Path file, long savedAtMillis) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString() + ".tmp.", "");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                java.io.OutputStream os = java.nio.channels.Channels.newOutputStream(ch);
                write(os, savedAtMillis);
                os.flush();
                // No fsync: after a crash a half-written index fails its checksum and is rebuilt,
                // and fsync'ing tens of megabytes cost the first walk more than the index saves it.
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
