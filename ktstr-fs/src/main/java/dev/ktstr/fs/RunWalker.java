package dev.ktstr.fs;

import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.api.read.SidecarFiles;
import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.api.store.WalkProblem;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Walks runs in two phases: list (which files to load, which problems met), then load (read each
 * file's bytes, parse, drop the bytes). With many files both phases run on the calling thread and
 * a few pool threads that claim work in chunks; results land in an array by index, so they come
 * back in location order whoever read them.
 */
final class RunWalker {

    /** Below this many files a walk is loaded on the calling thread alone. */
    private static final int PARALLEL_THRESHOLD = 32;

    private final ExecutorService pool;
    private final int helpers;

    /** {@code helpers}: how many pool threads may work beside the caller (0: the caller alone). */
    RunWalker(ExecutorService pool, int helpers) {
        this.pool = pool;
        this.helpers = pool == null ? 0 : Math.max(0, helpers);
    }

    /** One file to load. */
    static final class Entry {
        final Path path;
        final String location;
        /**
         * A top-level entry not checked for being a directory while listing (its name is a
         * sidecar name, and the load's stat tells); a directory found there means the run must
         * be listed again, checking every entry.
         */
        final boolean unchecked;

        Entry(Path path, boolean unchecked) {
            this.path = path;
            this.location = path.toString();
            this.unchecked = unchecked;
        }
    }

    /** What the listing phase found in one run. */
    static final class Plan {
        final Path dir;
        final String location;
        final List<Entry> files = new ArrayList<>();
        final List<WalkProblem> problems = new ArrayList<>();

        Plan(Path dir) {
            this.dir = dir;
            this.location = dir.toString();
        }
    }

    /**
     * Lists {@code dir} and one level of its subdirectories. A top-level entry with a sidecar
     * name is not stat'ed here: the load stats it anyway, and the rare directory among them
     * sends the run back through {@link #planChecked}.
     */
    Plan plan(Path dir) {
        return plan(dir, true);
    }

    /** Lists {@code dir} checking every top-level entry for being a directory first. */
    static Plan planChecked(Path dir) {
        return plan(dir, false);
    }

    private static Plan plan(Path dir, boolean quick) {
        Plan plan = new Plan(dir);
        List<Path> subdirs = new ArrayList<>();
        if (!list(dir, plan, entry -> {
            Path name = entry.getFileName();
            if (quick && name != null && FsNames.isSidecarName(name.toString()) && FsNames.isFaithful(name)) {
                plan.files.add(new Entry(entry, true));
            } else if (Files.isDirectory(entry)) {
                subdirs.add(entry);
            } else {
                consider(entry, plan);
            }
        })) {
            return plan;
        }
        Utf8Order.sort(subdirs, Path::toString);
        Set<Object> seen = new HashSet<>();
        Object rootKey = subdirs.isEmpty() ? null : fileKey(dir);
        if (rootKey != null) {
            seen.add(rootKey);
        }
        for (Path sub : subdirs) {
            Object key = fileKey(sub);
            if (key != null && !seen.add(key)) {
                plan.problems.add(new WalkProblem(sub.toString(), WalkProblem.Kind.SYMLINK_LOOP,
                        "resolves to a directory already walked; not walked again"));
                continue;
            }
            // At depth one every predicate-matching entry is tried, directories included (as upstream).
            list(sub, plan, entry -> consider(entry, plan));
        }
        Utf8Order.sort(plan.files, e -> e.location);
        return plan;
    }

    private interface EntryVisitor {
        void visit(Path entry);
    }

    /** Lists one directory; false (with a problem recorded unless it is simply missing) when it cannot be. */
    private static boolean list(Path dir, Plan plan, EntryVisitor visitor) {
        // Never opens a FIFO, socket or device given as a run (opening one blocks): that is a problem.
        try (DirectoryStream<Path> stream = SidecarFiles.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                visitor.visit(entry);
            }
            return true;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false; // a run that does not exist (or vanished) is empty, as upstream
        } catch (IOException | DirectoryIteratorException e) {
            Throwable cause = e instanceof DirectoryIteratorException ? e.getCause() : e;
            plan.problems.add(new WalkProblem(dir.toString(), WalkProblem.Kind.UNREADABLE_DIRECTORY,
                    IoErrorText.reason(cause)));
            return false;
        }
    }

    private static void consider(Path entry, Plan plan) {
        Path name = entry.getFileName();
        if (name == null) {
            return;
        }
        String text = name.toString();
        if (!FsNames.isFaithful(name)) {
            // Upstream's predicate is false for a non-UTF-8 name; report the ones that look like sidecars.
            if (FsNames.isSidecarName(text)) {
                plan.problems.add(new WalkProblem(entry.toString(), WalkProblem.Kind.NON_UTF8_NAME,
                        "file name is not valid UTF-8; not read as a sidecar"));
            }
            return;
        }
        if (FsNames.isSidecarName(text)) {
            plan.files.add(new Entry(entry, false));
        }
    }

    private static Object fileKey(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Plans several runs, in parallel when there are several; the plans are in the order of {@code dirs}. */
    List<Plan> planAll(List<Path> dirs) {
        Plan[] plans = new Plan[dirs.size()];
        forEach(dirs.size(), 1, dirs.size() > 1, i -> plans[i] = plan(dirs.get(i)));
        return Arrays.asList(plans);
    }

    /** Loads every planned file of one run into a collection. */
    <T> RunCollection<T> load(Plan plan, SidecarParser<T> parser) {
        return loadAll(List.of(plan), parser).get(0);
    }

    /** Loads several plans, sharing the threads across all their files. */
    <T> List<RunCollection<T>> loadAll(List<Plan> plans, SidecarParser<T> parser) {
        return loadAll(plans, parser, null);
    }

    /** {@link #loadAll(List, SidecarParser)}, taking unchanged files from {@code cache} when given. */
    <T> List<RunCollection<T>> loadAll(List<Plan> plans, SidecarParser<T> parser, PoolCache.Session<T> cache) {
        int total = 0;
        for (Plan p : plans) {
            total += p.files.size();
        }
        Entry[] all = new Entry[total];
        int at = 0;
        for (Plan p : plans) {
            for (Entry e : p.files) {
                all[at++] = e;
            }
        }
        Outcome<T>[] outcomes = loadFiles(all, parser, cache);
        List<RunCollection<T>> result = new ArrayList<>(plans.size());
        int from = 0;
        for (Plan p : plans) {
            int to = from + p.files.size();
            if (needsReplan(outcomes, from, to)) {
                // A top-level directory with a sidecar name: list the run again as upstream does,
                // a directory check per entry, and read what that finds.
                Plan checked = planChecked(p.dir);
                Outcome<T>[] again = loadFiles(checked.files.toArray(new Entry[0]), parser, cache);
                result.add(assemble(checked, again, 0, again.length));
            } else {
                result.add(assemble(p, outcomes, from, to));
            }
            from = to;
        }
        return result;
    }

    private static boolean needsReplan(Outcome<?>[] outcomes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (outcomes[i] == Outcome.REPLAN) {
                return true;
            }
        }
        return false;
    }

    private static <T> RunCollection<T> assemble(Plan plan, Outcome<T>[] outcomes, int from, int to) {
        List<StoredSidecar<T>> valid = new ArrayList<>(to - from);
        List<ParseError> parseErrors = new ArrayList<>();
        List<IoError> ioErrors = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Outcome<T> o = outcomes[i];
            if (o.value != null) {
                valid.add(new StoredSidecar<>(o.location, o.value));
            } else if (o.parseError != null) {
                parseErrors.add(o.parseError);
            } else {
                ioErrors.add(o.ioError);
            }
        }
        return new RunCollection<>(plan.location, to - from, valid, parseErrors, ioErrors, plan.problems);
    }

    @SuppressWarnings("unchecked") // a generic array: created raw, holds only Outcome<T>
    private <T> Outcome<T>[] loadFiles(Entry[] files, SidecarParser<T> parser, PoolCache.Session<T> cache) {
        Outcome<T>[] out = (Outcome<T>[]) new Outcome<?>[files.length];
        boolean parallel = files.length >= PARALLEL_THRESHOLD;
        // Chunks small enough to balance the threads, large enough that claiming costs nothing.
        int chunk = Math.max(1, Math.min(64, files.length / (8 * (helpers + 1))));
        forEach(files.length, chunk, parallel, i -> {
            Entry f = files[i];
            if (!parallel) {
                out[i] = loadOne(f, parser, cache);
                return;
            }
            try {
                out[i] = loadOne(f, parser, cache);
            } catch (Throwable t) {
                // loadOne catches everything it can meet; an Error here is a JVM or parser problem.
                out[i] = Outcome.io(f.location, "read failed: " + IoErrorText.reason(t));
            }
        });
        return out;
    }

    /**
     * Runs {@code body} for every index below {@code n}, on the caller and (when {@code parallel})
     * up to {@code helpers} pool threads, each claiming {@code chunk} indexes at a time. Returns
     * when every index is done; rethrows what a body threw.
     */
    private void forEach(int n, int chunk, boolean parallel, IntConsumer body) {
        int chunks = (n + chunk - 1) / chunk;
        int extra = parallel ? Math.min(helpers, chunks - 1) : 0;
        if (extra <= 0) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        Work work = new Work(n, chunk, chunks, body);
        List<Future<?>> started = new ArrayList<>(extra);
        for (int h = 0; h < extra; h++) {
            started.add(pool.submit(work::drain));
        }
        try {
            work.drain();
            work.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading sidecars", e);
        } finally {
            work.cancelled = true;
            // A helper still queued behind other work has nothing left to claim.
            started.forEach(f -> f.cancel(false));
        }
        Throwable failed = work.failure.get();
        if (failed instanceof RuntimeException) {
            throw (RuntimeException) failed;
        }
        if (failed instanceof Error) {
            throw (Error) failed;
        }
    }

    /** Indexes handed out in chunks to whichever thread asks next. */
    private static final class Work {
        final int n;
        final int chunk;
        final IntConsumer body;
        final AtomicInteger next = new AtomicInteger();
        final CountDownLatch done;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile boolean cancelled;

        Work(int n, int chunk, int chunks, IntConsumer body) {
            this.n = n;
            this.chunk = chunk;
            this.body = body;
            this.done = new CountDownLatch(chunks);
        }

        void drain() {
            Thread self = Thread.currentThread();
            for (int c; !cancelled && (c = next.getAndIncrement() * chunk) < n;) {
                try {
                    if (self.isInterrupted() && failure.get() == null) {
                        failure.compareAndSet(null, new IllegalStateException("interrupted while reading sidecars"));
                    }
                    if (failure.get() == null) {
                        for (int i = c, end = Math.min(n, c + chunk); i < end; i++) {
                            body.accept(i);
                        }
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }
    }

    /** Reads one file's bytes (bounded: {@link SidecarFiles#readBounded}), parses them, and lets the bytes go. */
    static <T> Outcome<T> loadOne(Entry file, SidecarParser<T> parser) {
        return loadOne(file, parser, null);
    }

    /**
     * {@link #loadOne(Entry, SidecarParser)} through the pool index: a regular file whose
     * identity matches its entry (and is not racy) gives the cached outcome without being read;
     * any other is read and parsed as without the index, and what its parse gave is recorded
     * under the identity stat'ed before the read. Errors reading the file are never recorded.
     */
    static <T> Outcome<T> loadOne(Entry file, SidecarParser<T> parser, PoolCache.Session<T> cache) {
        if (cache == null) {
            return read(file, parser);
        }
        String rel = cache.relative(file.location);
        PoolCache.Stat st = rel == null ? null : PoolCache.stat(file.path);
        if (st == null) {
            return read(file, parser);
        }
        Outcome<T> hit = cache.hit(rel, st, file.location);
        if (hit != null) {
            return hit;
        }
        Outcome<T> o = read(file, parser);
        if (o.parsed) {
            cache.record(rel, st, o);
        }
        return o;
    }

    private static <T> Outcome<T> read(Entry file, SidecarParser<T> parser) {
        String location = file.location;
        byte[] bytes;
        try {
            // Symlinks followed; a FIFO, socket or device is never opened (opening a FIFO blocks);
            // a file above the limit (or /proc, /dev/zero growing forever) stops at limit + 1 bytes.
            bytes = SidecarFiles.readBounded(file.path);
        } catch (IOException e) {
            if (file.unchecked && Files.isDirectory(file.path)) {
                return Outcome.replan();
            }
            return Outcome.io(location, IoErrorText.reason(e));
        } catch (RuntimeException e) {
            return Outcome.io(location, IoErrorText.reason(e));
        } catch (OutOfMemoryError e) {
            return Outcome.io(location, "file too large to read: " + e.getMessage());
        }
        try {
            T value = parser.parse(location, bytes);
            if (value == null) {
                return Outcome.<T>parse(location, "parser returned no value").fromParse();
            }
            return Outcome.ok(location, value).fromParse();
        } catch (IOException e) {
            // The parser could not read the bytes as text (upstream: read_to_string fails on invalid UTF-8).
            return Outcome.<T>io(location, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    .fromParse();
        } catch (Exception e) {
            String msg = e.getMessage();
            return Outcome.<T>parse(location, msg == null || msg.isEmpty() ? e.getClass().getSimpleName() : msg)
                    .fromParse();
        } catch (OutOfMemoryError e) {
            // A file under the read limit whose records still do not fit this heap: one entry, the walk goes on.
            bytes = null;
            return Outcome.io(location, "too large to parse in this JVM's heap (raise -Xmx or lower "
                    + SidecarFiles.MAX_BYTES_PROPERTY + ")");
        }
    }

    /** Exactly one of value, parse error, IO error; or the marker that the run must be listed again. */
    static final class Outcome<T> {
        static final Outcome<Object> REPLAN = new Outcome<>("", null, null, null);

        final String location;
        final T value;
        final ParseError parseError;
        final IoError ioError;
        /** What the parser gave for the file's bytes (value or its error): what the pool index may record. */
        boolean parsed;

        Outcome<T> fromParse() {
            parsed = true;
            return this;
        }

        private Outcome(String location, T value, ParseError parseError, IoError ioError) {
            this.location = location;
            this.value = value;
            this.parseError = parseError;
            this.ioError = ioError;
        }

        @SuppressWarnings("unchecked")
        static <T> Outcome<T> replan() {
            return (Outcome<T>) REPLAN;
        }

        static <T> Outcome<T> ok(String location, T value) {
            return new Outcome<>(location, value, null, null);
        }

        static <T> Outcome<T> parse(String location, String raw) {
            return new Outcome<>(location, null, ParseError.of(location, raw), null);
        }

        static <T> Outcome<T> io(String location, String raw) {
            return new Outcome<>(location, null, null, new IoError(location, raw));
        }
    }
}
