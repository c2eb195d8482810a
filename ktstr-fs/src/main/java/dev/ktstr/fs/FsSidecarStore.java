package dev.ktstr.fs;

import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.api.env.Env;
import dev.ktstr.api.layout.SidecarDirs;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.read.SidecarFiles;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.StoreCache;
import dev.ktstr.api.store.CacheableParser;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.WalkProblem;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The filesystem sidecar store, name {@code fs}: runs are directories, sidecars are
 * {@code *.ktstr.json} files written through an exclusively created, fsync'd staging file
 * {@code <final>.tmp.<pid>.<run_id>} that is renamed into place, after which the directory is
 * fsync'd. Locations are path strings as the JVM spells them (relative stays relative).
 */
public final class FsSidecarStore implements SidecarStore {

    /** Threads that read and parse during a walk, the calling thread included. */
    private static final int WALK_THREADS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /**
     * The other walk threads, shared by every walk of this store; daemon threads so an idle
     * pool never holds the JVM open. Created at the first walk that needs them, shut down by
     * {@link #close}. Not created at all when the caller walks alone.
     */
    private ExecutorService parsePool;
    private boolean closed;
    /** The persistent pool index (see {@link PoolCache}); written at the end of each cached pool walk. */
    private final PoolCache poolCache = new PoolCache();

    /** The pool index under {@code $XDG_CACHE_HOME/ktstr-java/}: pool walks through a {@link CacheableParser} use it. */
    @Override
    public Optional<StoreCache> cache() {
        return Optional.of(poolCache);
    }

    /** Files taken from the pool index and files read, since this store was made. */
    int[] cacheCounts() {
        return new int[] {poolCache.hits.get(), poolCache.misses.get()};
    }

    private synchronized RunWalker walker() {
        if (WALK_THREADS == 1) {
            return new RunWalker(null, 0);
        }
        if (closed) {
            throw new IllegalStateException("the fs store was closed; get a new one from Providers");
        }
        if (parsePool == null) {
            parsePool = Executors.newFixedThreadPool(WALK_THREADS - 1, r -> {
                Thread t = new Thread(r, "ktstr-fs-parse");
                t.setDaemon(true);
                return t;
            });
        }
        return new RunWalker(parsePool, WALK_THREADS - 1);
    }

    /** Shuts the walk threads down (walks in progress finish first). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (parsePool != null) {
            parsePool.shutdown();
            parsePool = null;
        }
    }

    @Override
    public String name() {
        return "fs";
    }

    @Override
    public int priority() {
        return 100;
    }

    /** {@code {CARGO_TARGET_DIR or target}/ktstr}, relative when the target directory is. */
    @Override
    public String defaultRoot(Env env) {
        return SidecarDirs.runsRoot(env);
    }

    @Override
    public String runLocation(String runsRoot, String runName) {
        refuseBadRunName(runName);
        return Path.of(runsRoot).resolve(runName).toString();
    }

    /**
     * Opens {@code {root}/{name}}: refuses a lock that is not on this run, creates the directory
     * (refusing a linked one, see {@link #createRunUnder}), and returns a session that may
     * pre-clear. The lock itself is the lock provider's ({@code flock} on
     * {@code {root}/.locks/{name}.lock}, as the Rust tool).
     */
    @Override
    public WriteSession openRun(RunRef run, RunLock.Held held) throws IOException {
        if (!held.run().equals(run)) {
            throw new IllegalArgumentException("the held lock is on run " + held.run() + ", not on " + run
                    + "; take the lock on the run you open");
        }
        return new FsWriteSession(createRunUnder(run.root(), run.name()), true);
    }

    /** Opens the directory {@code location} as is (the {@code KTSTR_SIDECAR_DIR} override); never pre-cleared. */
    @Override
    public WriteSession openLocation(String location) throws IOException {
        return new FsWriteSession(createRun(location), false);
    }

    /** Writing one run directory; pre-clear only with the run lock held. */
    private final class FsWriteSession implements WriteSession {
        private final String location;
        private final boolean locked;

        FsWriteSession(String location, boolean locked) {
            this.location = location;
            this.locked = locked;
        }

        @Override
        public String location() {
            return location;
        }

        @Override
        public int preClear() throws IOException {
            if (!locked) {
                throw new IllegalStateException("refusing to pre-clear " + location
                        + ": the session was opened without the run lock (KTSTR_SIDECAR_DIR is never pre-cleared)");
            }
            return FsSidecarStore.this.preClear(location);
        }

        @Override
        public String write(String fileName, byte[] json, String runId) throws IOException {
            return FsSidecarStore.this.write(location, fileName, json, runId);
        }
    }

    String createRun(String runLocation) throws IOException {
        Path dir = Path.of(runLocation);
        // A directory deleted by someone else between the JDK's mkdir and its "is it a directory"
        // check reads as "already exists": try again, a few times, before calling it in the way.
        for (int attempt = 1; ; attempt++) {
            try {
                Files.createDirectories(dir);
                return dir.toRealPath().toString();
            } catch (FileAlreadyExistsException | NoSuchFileException e) {
                boolean vanished = !Files.exists(dir, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(dir);
                if (vanished && attempt < 5) {
                    continue;
                }
                if (e instanceof FileAlreadyExistsException) {
                    throw new IOException("create sidecar dir " + dir + ": " + IoErrorText.reason(e)
                            + " (a non-directory is in the way); remove it or choose another KTSTR_SIDECAR_DIR", e);
                }
                throw new IOException("create sidecar dir " + dir + ": " + IoErrorText.reason(e)
                        + " (it kept vanishing while being created); check what deletes it", e);
            } catch (IOException e) {
                throw new IOException("create sidecar dir " + dir + ": "
                        + FsErrors.explain(e, dir, "check permissions of its parent directories"), e);
            }
        }
    }

    /**
     * Creates run {@code runName} directly under {@code runsRoot}, refusing a run directory that
     * is a symbolic link or that resolves anywhere but directly inside the runs root: the writer
     * pre-clears the run it gets here, and must never delete sidecars outside the root.
     */
    String createRunUnder(String runsRoot, String runName) throws IOException {
        Path dir = Path.of(runLocation(runsRoot, runName));
        refuseLinkedRun(dir);
        String real = createRun(dir.toString());
        refuseLinkedRun(dir); // it may have been swapped for a link while being created
        Path root;
        try {
            root = Path.of(runsRoot).toRealPath();
        } catch (IOException e) {
            throw new IOException("resolve runs root " + runsRoot + ": "
                    + FsErrors.explain(e, Path.of(runsRoot), "check that it exists"), e);
        }
        Path realDir = Path.of(real);
        if (!root.equals(realDir.getParent())) {
            throw new IOException("refusing run directory " + dir + ": it resolves to " + realDir
                    + ", outside the runs root " + root + "; remove whatever redirects it (a linked or"
                    + " bind-mounted path) or set KTSTR_SIDECAR_DIR to write there on purpose");
        }
        return real;
    }

    private static void refuseLinkedRun(Path dir) throws IOException {
        if (Files.isSymbolicLink(dir)) {
            String target;
            try {
                target = String.valueOf(Files.readSymbolicLink(dir));
            } catch (IOException e) {
                target = "?";
            }
            throw new IOException("refusing run directory " + dir + ": it is a symbolic link (to " + target
                    + "), and pre-clear would delete sidecars outside the runs root; remove the link (ktstr"
                    + " recreates a plain directory) or set KTSTR_SIDECAR_DIR to write there on purpose");
        }
    }

    /** Removes the top-level sidecars and staging orphans of the run directory {@code runLocation}. */
    int preClear(String runLocation) throws IOException {
        Path dir = Path.of(runLocation);
        List<Path> doomed = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path entry : stream) {
                Path name = entry.getFileName();
                if (name == null || !FsNames.isFaithful(name)) {
                    continue;
                }
                String n = name.toString();
                // A regular file (symlinks followed, as upstream); directories and other files stay.
                if ((FsNames.isSidecarName(n) || FsNames.isStagingName(n)) && Files.isRegularFile(entry)) {
                    doomed.add(entry);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return 0;
        } catch (DirectoryIteratorException e) {
            // Remove what was listed before the failure; the rest is handled by the next run.
        }
        int removed = 0;
        for (Path p : doomed) {
            try {
                if (Files.deleteIfExists(p)) {
                    removed++;
                }
            } catch (IOException ignored) {
                // Single-entry failures never stop a write; the file stays for the operator.
            }
        }
        if (removed > 0) {
            AtomicSidecarWrite.fsyncDirectory(dir);
        }
        return removed;
    }

    /**
     * A plain sidecar file name, or {@code subdir/name} one level down (how {@code sidecar push}
     * and {@code pull} keep a run's subdirectories, which upstream's walks read).
     */
    @Override
    public Optional<String> nameRefusal(String fileName) {
        String refusal = FsNames.refusal(fileName);
        return refusal.isEmpty() ? Optional.empty()
                : Optional.of("sidecar file name '" + SidecarNames.printable(fileName) + "' " + refusal);
    }

    String write(String runLocation, String fileName, byte[] json, String runId) throws IOException {
        int slash = fileName.indexOf('/');
        if (slash >= 0 && nameRefusal(fileName).isEmpty()) {
            Path sub = Path.of(runLocation).resolve(fileName.substring(0, slash));
            if (Files.isSymbolicLink(sub)) {
                throw new IOException("refusing to write into " + sub + ": it is a symbolic link; remove it");
            }
            Files.createDirectories(sub);
            return write(sub.toString(), fileName.substring(slash + 1), json, runId);
        }
        String refusal = FsNames.refusal(fileName);
        if (!refusal.isEmpty()) {
            throw new IllegalArgumentException("refusing to write sidecar '" + SidecarNames.printable(fileName) + "' in "
                    + runLocation + ": it " + refusal + "; a sidecar file name must be one plain name ending in .ktstr.json");
        }
        return AtomicSidecarWrite.write(Path.of(runLocation), fileName, json, runId).toString();
    }

    @Override
    public <T> RunCollection<T> collect(String runLocation, SidecarParser<T> parser) {
        RunWalker walker = walker();
        return walker.load(walker.plan(Path.of(runLocation)), parser);
    }

    /** Walks every run directory; the query selects nothing out (callers filter), see {@link PoolQuery}. */
    @Override
    public <T> PoolCollection<T> pool(String runsRoot, PoolQuery query, SidecarParser<T> parser) {
        Path root = Path.of(runsRoot);
        List<WalkProblem> problems = new ArrayList<>();
        List<Path> runDirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = SidecarFiles.newDirectoryStream(root)) {
            for (Path entry : stream) {
                // No dot filter, as upstream: .locks holds no sidecars and so yields nothing.
                if (Files.isDirectory(entry)) {
                    runDirs.add(entry);
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return new PoolCollection<>(runsRoot, List.of(), List.of());
        } catch (IOException | DirectoryIteratorException e) {
            Throwable cause = e instanceof DirectoryIteratorException ? e.getCause() : e;
            problems.add(new WalkProblem(runsRoot, WalkProblem.Kind.UNREADABLE_DIRECTORY, IoErrorText.reason(cause)));
        }
        Utf8Order.sort(runDirs, Object::toString);
        RunWalker walker = walker();
        PoolCache.Session<T> session = parser instanceof CacheableParser<T> cp ? poolCache.open(root, cp) : null;
        PoolCollection<T> pool = new PoolCollection<>(runsRoot, walker.loadAll(walker.planAll(runDirs), parser, session),
                problems);
        if (session != null) {
            Set<String> walked = new HashSet<>();
            for (Path d : runDirs) {
                walked.add(String.valueOf(d.getFileName()));
            }
            session.finish(walked);
        }
        return pool;
    }

    @Override
    public List<RunInfo> listRuns(String runsRoot) throws IOException {
        Path root = Path.of(runsRoot);
        List<RunInfo> runs = new ArrayList<>();
        try (DirectoryStream<Path> stream = SidecarFiles.newDirectoryStream(root)) {
            for (Path entry : stream) {
                Path name = entry.getFileName();
                // The first byte decides: '.' is ASCII, so the decoded form is faithful here.
                if (name == null || name.toString().startsWith(".") || !Files.isDirectory(entry)) {
                    continue;
                }
                Instant modified;
                try {
                    modified = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                            .lastModifiedTime().toInstant();
                } catch (IOException e) {
                    modified = Instant.MIN;
                }
                runs.add(new RunInfo(name.toString(), entry.toString(), modified));
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        } catch (DirectoryIteratorException e) {
            throw new IOException("list runs under " + root + ": " + IoErrorText.reason(e.getCause()), e.getCause());
        } catch (IOException e) {
            throw new IOException("list runs under " + root + ": " + IoErrorText.reason(e)
                    + "; check that it is a readable directory", e);
        }
        runs.sort(Comparator.comparing(RunInfo::modified, Comparator.reverseOrder())
                .thenComparing(RunInfo::name, FsNames.UTF8_ORDER));
        return List.copyOf(runs);
    }

    @Override
    public String canonicalLocation(String location) {
        Path p = Path.of(location);
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    /** Refuses a run name that is not one plain, visible directory name ({@link SidecarNames#runNameProblem}). */
    private static void refuseBadRunName(String runName) {
        SidecarNames.runNameProblem(runName).ifPresent(problem -> {
            throw new IllegalArgumentException("refusing run name '" + SidecarNames.printable(runName)
                    + "': it " + problem + "; it must be one plain directory name such as 6.14.2-abc1234 (no '/',"
                    + " '\\', control characters or leading '.')");
        });
    }
}
