package dev.ktstr.fs;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
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
 *
 * <p>In memory the index stays the file's bytes, with the entries' offsets and a hash table of
 * their paths: a repeated walk of 100,000 files then makes no object per entry (it made four,
 * and copying them through the young generation was a fifth of the walk), and an unchanged
 * entry is written back as the bytes it was read as.
 */
final class PoolIndex {
    static final byte[] MAGIC = "KTSTRIDX".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;

    static final byte VALUE = 0;
    static final byte PARSE_ERROR = 1;
    static final byte IO_ERROR = 2;

    /** Bytes of an entry after its path: six longs, the kind, the payload length. */
    private static final int FIXED = 6 * Long.BYTES + 1 + Integer.BYTES;

    /** A file as it was read this walk, before it is written to an index. */
    record Entry(long dev, long ino, long size, long mtimeNs, long ctimeNs, long stampNs, byte kind, byte[] payload) {
    }

    final String key;
    final String root;
    final Map<String, Long> runsSeen;
    /** The index file's bytes (empty for an empty index), read through {@link #view}. */
    private final byte[] data;
    private final ByteBuffer view;
    /** Where each entry starts; {@code offsets[size()]} is where the entries end. */
    private final int[] offsets;
    /** Open addressing over the paths' bytes: entry number + 1, 0 for a free slot. */
    private final int[] table;

    private PoolIndex(String key, String root, Map<String, Long> runsSeen, byte[] data, int[] offsets) {
        this.key = key;
        this.root = root;
        this.runsSeen = runsSeen;
        this.data = data;
        this.view = ByteBuffer.wrap(data);
        this.offsets = offsets;
        int n = offsets.length - 1;
        this.table = new int[Math.max(2, Integer.highestOneBit(Math.max(1, n) * 2) << 1)];
        int mask = table.length - 1;
        for (int i = 0; i < n; i++) {
            int slot = hash(data, offsets[i] + 4, view.getInt(offsets[i])) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
    }

    static PoolIndex empty(String key, String root) {
        return new PoolIndex(key, root, new HashMap<>(), new byte[0], new int[] {0});
    }

    /** The index in {@code file} for {@code key} and {@code root}; empty when it is missing or does not check out. */
    static PoolIndex load(Path file, String key, String root, long maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes || size < MAGIC.length + 12) {
                return empty(key, root);
            }
            PoolIndex read = parse(Files.readAllBytes(file), key, root);
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
        return i == null ? 0 : i.size();
    }

    /** Null when the bytes are not an index of this version, key and root ({@code key} null: any). */
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
        int end = all.length - 8;
        try {
            if (!Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
                return null;
            }
            b.position(MAGIC.length);
            if (b.getInt() != VERSION) {
                return null;
            }
            String k = string(b, end);
            String r = string(b, end);
            if (key != null && (!key.equals(k) || !root.equals(r))) {
                return null;
            }
            need(b, Long.BYTES, end);
            b.getLong(); // saved at
            int runs = count(b, end);
            Map<String, Long> seen = new HashMap<>(runs * 2);
            for (int i = 0; i < runs; i++) {
                String run = string(b, end);
                need(b, Long.BYTES, end);
                seen.put(run, b.getLong());
            }
            int n = count(b, end);
            int[] offsets = new int[n + 1];
            int at = b.position();
            for (int i = 0; i < n; i++) {
                offsets[i] = at;
                int rel = length(b, at, end);
                int fixed = at + 4 + rel;
                if (end - fixed < FIXED) {
                    return null;
                }
                byte kind = all[fixed + 6 * Long.BYTES];
                if (kind < VALUE || kind > IO_ERROR) {
                    return null;
                }
                int payload = length(b, fixed + 6 * Long.BYTES + 1, end);
                at = fixed + FIXED + payload;
            }
            offsets[n] = at;
            return at == end ? new PoolIndex(k, r, seen, all, offsets) : null;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The length at {@code at}, checked to fit before {@code end} after its own four bytes. */
    private static int length(ByteBuffer b, int at, int end) {
        if (end - at < 4) {
            throw new IllegalArgumentException("short");
        }
        int n = b.getInt(at);
        if (n < 0 || n > end - at - 4) {
            throw new IllegalArgumentException("bad length " + n);
        }
        return n;
    }

    private static void need(ByteBuffer b, int n, int end) {
        if (end - b.position() < n) {
            throw new IllegalArgumentException("short");
        }
    }

    private static int count(ByteBuffer b, int end) {
        int n = length(b, b.position(), end);
        b.position(b.position() + 4);
        return n;
    }

    private static String string(ByteBuffer b, int end) {
        int n = count(b, end);
        String s = new String(b.array(), b.position(), n, StandardCharsets.UTF_8);
        b.position(b.position() + n);
        return s;
    }

    private static int hash(byte[] bytes, int from, int length) {
        int h = 1;
        for (int i = from, to = from + length; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 16);
    }

    /** {@return how many entries the index holds} */
    int size() {
        return offsets.length - 1;
    }

    /**
     * The entry of a relative path.
     *
     * @param rel the path's UTF-8 bytes
     * @return its entry number, or -1 when the index has none
     */
    int find(byte[] rel) {
        int mask = table.length - 1;
        for (int slot = hash(rel, 0, rel.length) & mask;; slot = (slot + 1) & mask) {
            int e = table[slot] - 1;
            if (e < 0) {
                return -1;
            }
            int at = offsets[e];
            if (view.getInt(at) == rel.length && Arrays.equals(data, at + 4, at + 4 + rel.length, rel, 0, rel.length)) {
                return e;
            }
        }
    }

    /** {@return entry {@code e}'s relative path} */
    String rel(int e) {
        return new String(data, offsets[e] + 4, view.getInt(offsets[e]), StandardCharsets.UTF_8);
    }

    /** {@return the run (first path segment) of entry {@code e}; empty for a file in the root} */
    String run(int e) {
        int at = offsets[e] + 4;
        int len = view.getInt(offsets[e]);
        for (int i = at; i < at + len; i++) {
            if (data[i] == '/') {
                return new String(data, at, i - at, StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    private int fixed(int e) {
        return offsets[e] + 4 + view.getInt(offsets[e]);
    }

    /** {@return whether entry {@code e} was recorded for a file with exactly this identity} */
    boolean sameFile(int e, long dev, long ino, long size, long mtimeNs, long ctimeNs) {
        int f = fixed(e);
        return view.getLong(f) == dev && view.getLong(f + 8) == ino && view.getLong(f + 16) == size
                && view.getLong(f + 24) == mtimeNs && view.getLong(f + 32) == ctimeNs;
    }

    /**
     * Git's racy-clean rule: a file changed less than {@code racyNs} before it was stat'ed may
     * change again within the same timestamp tick without its identity changing, so its entry is
     * never trusted; the file is parsed again.
     */
    boolean racy(int e, long racyNs) {
        int f = fixed(e);
        long safe = view.getLong(f + 40) - racyNs;
        return view.getLong(f + 24) >= safe || view.getLong(f + 32) >= safe;
    }

    /** {@return entry {@code e}'s kind: {@link #VALUE}, {@link #PARSE_ERROR} or {@link #IO_ERROR}} */
    byte kind(int e) {
        return data[fixed(e) + 6 * Long.BYTES];
    }

    /** {@return a copy of entry {@code e}'s payload} */
    byte[] payload(int e) {
        int at = fixed(e) + 6 * Long.BYTES + 1;
        return Arrays.copyOfRange(data, at + 4, at + 4 + view.getInt(at));
    }

    /** {@return every relative path in the index, in file order (tests)} */
    Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (int e = 0; e < size(); e++) {
            keys.add(rel(e));
        }
        return keys;
    }

    /**
     * Writes an index atomically (see {@link #save}): the entries of this one that {@code keep}
     * accepts, as the bytes they were read as, then {@code fresh}.
     *
     * @param file           where the index lives
     * @param runs           the runs with their last-seen times
     * @param keep           which of this index's entries to keep, by number
     * @param fresh          entries recorded by this walk, by relative path
     * @param savedAtMillis  the save time
     * @throws IOException   when the file cannot be written
     */
    void save(Path file, Map<String, Long> runs, IntPredicate keep, Map<String, Entry> fresh, long savedAtMillis)
            throws IOException {
        save(file, out -> write(out, runs, keep, fresh, savedAtMillis));
    }

    /** Writes the index, its checksum last, streaming (an index is never held twice in memory). */
    private void write(OutputStream sink, Map<String, Long> runs, IntPredicate keep, Map<String, Entry> fresh,
            long savedAtMillis) throws IOException {
        CRC32C crc = new CRC32C();
        java.util.zip.CheckedOutputStream checked = new java.util.zip.CheckedOutputStream(sink, crc);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(checked, 1 << 16));
        out.write(MAGIC);
        out.writeInt(VERSION);
        writeString(out, key);
        writeString(out, root);
        out.writeLong(savedAtMillis);
        out.writeInt(runs.size());
        for (Map.Entry<String, Long> r : runs.entrySet()) {
            writeString(out, r.getKey());
            out.writeLong(r.getValue());
        }
        int kept = 0;
        for (int e = 0; e < size(); e++) {
            if (keep.test(e)) {
                kept++;
            }
        }
        out.writeInt(kept + fresh.size());
        for (int e = 0; e < size(); e++) {
            if (keep.test(e)) {
                out.write(data, offsets[e], offsets[e + 1] - offsets[e]);
            }
        }
        for (Map.Entry<String, Entry> f : fresh.entrySet()) {
            Entry v = f.getValue();
            writeString(out, f.getKey());
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

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes an index to {@code file} atomically: a fresh temporary file beside it, renamed over
     * it (not fsync'd: the checksum catches what a crash leaves). Two processes saving at once
     * each rename a whole file; the last one wins and the index stays valid.
     */
    private static void save(Path file, Writer writer) throws IOException {
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString() + ".tmp.", "");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream os = Channels.newOutputStream(ch);
                writer.write(os);
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
