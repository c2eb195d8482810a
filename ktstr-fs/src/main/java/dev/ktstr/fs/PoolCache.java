package dev.ktstr.fs;

import dev.ktstr.api.spi.StoreCache;
import dev.ktstr.api.store.CacheableParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The filesystem store's pool index: one {@link PoolIndex} file per runs root and parser key
 * under {@code $XDG_CACHE_HOME/ktstr-java/} (default {@code ~/.cache/ktstr-java/}), never in the
 * run directories. A pool walk through a {@link CacheableParser} takes a file's cached result
 * only when its device, inode, size, mtime and ctime (nanoseconds) all match and the file was
 * not changed within {@link #racyNanos} before it was stat'ed (git's racy-clean rule); every
 * other file is read and parsed as without the index, and its result recorded.
 *
 * <p>Configuration (system properties, then variables): {@code ktstr.cache=off} /
 * {@code KTSTR_CACHE=off} turns it off; {@code ktstr.cache.dir} moves it (tests);
 * {@code ktstr.cache.maxBytes} bounds the directory (default 1 GiB; least recently written
 * indexes go first); {@code ktstr.cache.racyMillis} widens or narrows the racy window (default
 * 2000: timestamps of 1 s and 2 s granularity stay exact). Runs not seen for 14 days are dropped
 * from an index.
 */
final class PoolCache implements StoreCache {
    static final String DIR_PROPERTY = "ktstr.cache.dir";
    static final String MAX_BYTES_PROPERTY = "ktstr.cache.maxBytes";
    static final String RACY_PROPERTY = "ktstr.cache.racyMillis";
    static final long DEFAULT_MAX_BYTES = 1L << 30;
    static final long EVICT_AFTER_MS = TimeUnit.DAYS.toMillis(14);
    /** A walk that changes nothing still rewrites the index this often, to keep its runs' last-seen times. */
    private static final long RESEEN_MS = TimeUnit.DAYS.toMillis(1);
    private static final long STALE_TEMP_MS = TimeUnit.HOURS.toMillis(1);

    /** Files found, files taken from the index, since this store was made (tests, benchmarks). */
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger misses = new AtomicInteger();

    Path directory() {
        String p = System.getProperty(DIR_PROPERTY);
        if (p != null && !p.isEmpty()) {
            return Path.of(p);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "ktstr-java");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "ktstr-java");
    }

    static boolean enabled() {
        return !isOff(System.getProperty("ktstr.cache")) && !isOff(System.getenv("KTSTR_CACHE"));
    }

    private static boolean isOff(String v) {
        if (v == null) {
            return false;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        return t.equals("off") || t.equals("0") || t.equals("false") || t.equals("no");
    }

    static long maxBytes() {
        return Long.getLong(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES);
    }

    static long racyNanos() {
        return TimeUnit.MILLISECONDS.toNanos(Long.getLong(RACY_PROPERTY, 2000L));
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** A session for one pool walk, or null when the cache is off or the root cannot be resolved. */
    <T> Session<T> open(Path root, CacheableParser<T> parser) {
        if (!enabled()) {
            return null;
        }
        String canonical;
        try {
            canonical = root.toRealPath().toString();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        Path file = directory().resolve("pool-" + digest(parser.cacheKey() + "\0" + canonical) + ".idx");
        PoolIndex index = PoolIndex.load(file, parser.cacheKey(), canonical, maxBytes());
        String spelled = root.toString();
        String prefix = spelled.isEmpty() ? "" : spelled.endsWith("/") ? spelled : spelled + "/";
        return new Session<>(this, file, index, parser, prefix);
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file's identity, and the wall-clock time just before it was taken. */
    record Stat(long dev, long ino, long size, long mtimeNs, long ctimeNs, long stampNs) {
    }

    /** The identity of a regular file (symlinks followed, as the read); null for anything else or on failure. */
    static Stat stat(Path path) {
        long stamp = nowNanos();
        try {
            Map<String, Object> a = Files.readAttributes(path, "unix:dev,ino,size,lastModifiedTime,ctime,mode");
            int mode = (Integer) a.get("mode");
            if ((mode & 0170000) != 0100000) {
                return null;
            }
            return new Stat((Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"),
                    nanos(a.get("lastModifiedTime")), nanos(a.get("ctime")), stamp);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long nanos(Object t) {
        return ((FileTime) t).to(TimeUnit.NANOSECONDS);
    }

    /** One pool walk's use of one index. Thread-safe: the walk's threads look up and record at once. */
    static final class Session<T> {
        private final PoolCache cache;
        private final Path file;
        private final PoolIndex index;
        final CacheableParser<T> parser;
        private final String prefix;
        private final long racyNs = racyNanos();
        /**
         * Which entries this walk took, by number. Each file is looked up by one thread, and
         * {@link #finish} runs after the walk has joined its threads, so plain writes suffice.
         */
        private final boolean[] taken;
        /** What this walk read and parsed, by relative path. */
        private final Map<String, PoolIndex.Entry> fresh = new ConcurrentHashMap<>();

        Session(PoolCache cache, Path file, PoolIndex index, CacheableParser<T> parser, String prefix) {
            this.cache = cache;
            this.file = file;
            this.index = index;
            this.parser = parser;
            this.prefix = prefix;
            this.taken = new boolean[index.size()];
        }

        /** {@code location} relative to the walked root, or null when it is not under it as spelled. */
        String relative(String location) {
            return location.startsWith(prefix) && location.length() > prefix.length()
                    ? location.substring(prefix.length()) : null;
        }

        /** The cached outcome of an unchanged file, or null (then read and parse it). */
        RunWalker.Outcome<T> hit(String rel, Stat st, String location) {
            int e = index.find(rel.getBytes(StandardCharsets.UTF_8));
            if (e < 0 || !index.sameFile(e, st.dev(), st.ino(), st.size(), st.mtimeNs(), st.ctimeNs())
                    || index.racy(e, racyNs)) {
                cache.misses.incrementAndGet();
                return null;
            }
            RunWalker.Outcome<T> o;
            byte kind = index.kind(e);
            if (kind == PoolIndex.VALUE) {
                T value;
                try {
                    value = parser.decode(index.payload(e));
                } catch (Exception | StackOverflowError x) {
                    cache.misses.incrementAndGet();
                    return null;
                }
                if (value == null) {
                    cache.misses.incrementAndGet();
                    return null;
                }
                o = RunWalker.Outcome.ok(location, value);
            } else {
                String raw = new String(index.payload(e), StandardCharsets.UTF_8);
                o = kind == PoolIndex.PARSE_ERROR ? RunWalker.Outcome.parse(location, raw)
                        : RunWalker.Outcome.io(location, raw);
            }
            taken[e] = true;
            cache.hits.incrementAndGet();
            return o;
        }

        /** Records what reading and parsing the file stat'ed as {@code st} gave. */
        void record(String rel, Stat st, RunWalker.Outcome<T> o) {
            byte kind;
            byte[] payload;
            try {
                if (o.value != null) {
                    kind = PoolIndex.VALUE;
                    payload = parser.encode(o.value);
                } else if (o.parseError != null) {
                    kind = PoolIndex.PARSE_ERROR;
                    payload = o.parseError.rawError().getBytes(StandardCharsets.UTF_8);
                } else {
                    kind = PoolIndex.IO_ERROR;
                    payload = o.ioError.rawError().getBytes(StandardCharsets.UTF_8);
                }
            } catch (RuntimeException | StackOverflowError e) {
                return; // not cached: read again next time
            }
            fresh.put(rel, new PoolIndex.Entry(st.dev(), st.ino(), st.size(), st.mtimeNs(), st.ctimeNs(),
                    st.stampNs(), kind, payload));
        }

        /**
         * Saves the index when this walk changed it: the entries this walk took or recorded, and
         * those of runs it did not walk that were seen within {@link #EVICT_AFTER_MS}. A walk that
         * took every entry and recorded nothing writes nothing. A failure to save is not the
         * walk's: the next walk simply reads more files.
         */
        void finish(Set<String> walkedRuns) {
            long now = System.currentTimeMillis();
            Map<String, Long> runs = new HashMap<>();
            boolean dirty = !fresh.isEmpty();
            for (String run : walkedRuns) {
                runs.put(run, now);
                Long before = index.runsSeen.get(run);
                dirty |= before == null || now - before > RESEEN_MS;
            }
            boolean[] keep = taken.clone();
            for (int e = 0; e < keep.length; e++) {
                if (keep[e]) {
                    continue;
                }
                String run = index.run(e);
                Long last = index.runsSeen.get(run);
                if (!walkedRuns.contains(run) && last != null && now - last < EVICT_AFTER_MS) {
                    keep[e] = true;
                    runs.put(run, last);
                } else {
                    dirty = true; // a file gone or changed in a walked run, or a run not seen for too long
                }
            }
            for (String run : index.runsSeen.keySet()) {
                dirty |= !runs.containsKey(run);
            }
            if (!dirty) {
                return;
            }
            if (!fresh.isEmpty()) {
                for (int e = 0; e < keep.length; e++) {
                    // A file taken once and read again (its run listed twice) keeps what was read last.
                    keep[e] &= !fresh.containsKey(index.rel(e));
                }
            }
            try {
                index.save(file, runs, e -> keep[e], fresh, now);
                cache.trim(file);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // Best effort; the data is untouched either way.
            }
        }
    }

    /** Keeps the directory under {@link #maxBytes()}: oldest index files go first; stale temporaries go. */
    void trim(Path keep) throws IOException {
        Path dir = directory();
        List<Path> indexes = new ArrayList<>();
        long total = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "pool-*")) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                try {
                    if (n.contains(".tmp.")) {
                        if (now - Files.getLastModifiedTime(p).toMillis() > STALE_TEMP_MS) {
                            Files.deleteIfExists(p);
                        }
                    } else if (n.endsWith(".idx")) {
                        indexes.add(p);
                        total += Files.size(p);
                    }
                } catch (NoSuchFileException e) {
                    // another process removed it
                }
            }
        }
        if (total <= maxBytes()) {
            return;
        }
        indexes.sort((a, b) -> Long.compare(mtime(a), mtime(b)));
        for (Path p : indexes) {
            if (total <= maxBytes()) {
                break;
            }
            if (p.equals(keep)) {
                continue;
            }
            long size = sizeOf(p);
            if (Files.deleteIfExists(p)) {
                total -= size;
            }
        }
    }

    private static long mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public Info info() throws IOException {
        Path dir = directory();
        int files = 0;
        long bytes = 0;
        long entries = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "pool-*.idx")) {
            for (Path p : s) {
                try {
                    files++;
                    bytes += Files.size(p);
                    entries += PoolIndex.countEntries(p, maxBytes());
                } catch (NoSuchFileException e) {
                    files--;
                }
            }
        } catch (NoSuchFileException e) {
            // no cache yet
        }
        return new Info(dir.toString(), enabled(), files, bytes, entries, maxBytes());
    }

    @Override
    public int clear() throws IOException {
        Path dir = directory();
        int removed = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "pool-*")) {
            for (Path p : s) {
                if (Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return removed;
    }
}
