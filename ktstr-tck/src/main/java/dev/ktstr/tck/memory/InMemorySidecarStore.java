package dev.ktstr.tck.memory;

import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.env.Env;
import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.api.store.WalkProblem;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A {@link SidecarStore} in this JVM's heap (name {@code memory}), the reference store without
 * files, as JGit ships {@code InMemoryRepository}: for tests, and for embedders that want the
 * write path without a disk. It passes {@link dev.ktstr.tck.SidecarStoreContract}.
 *
 * <ul>
 *   <li>A root is any string (default {@code memory}); a run's location is
 *       {@code root/name} ({@link RunRef#toString()}); a sidecar's location is
 *       {@code runLocation/fileName}. There are no subdirectories.</li>
 *   <li>Bytes are kept exactly: copied in on write and copied out to the parser.</li>
 *   <li>A write replaces the run's entry of that file name in one step, so a reader sees the
 *       old bytes or the new ones; "durable" means "until {@link #close} or the JVM ends".</li>
 *   <li>A run's modification time is the time of its creation, last write or last removal,
 *       as a directory's is; {@link #listRuns} orders by it, newest first, then by name.</li>
 *   <li>Its runs are locked with {@link InMemoryRunLock} ({@link #lockProvider()} is
 *       {@code memory}), which excludes threads of this JVM only.</li>
 *   <li>Thread-safe. {@link #close} drops every run; using the store afterwards throws
 *       {@link IllegalStateException}.</li>
 * </ul>
 * Priority {@code -1000}: the filesystem store (and any real store) wins; choose this one by
 * name ({@code ktstr.store=memory}) or pass an instance to the writer's builder.
 */
public final class InMemorySidecarStore implements SidecarStore {

    /** The provider name, {@code memory}. */
    public static final String NAME = "memory";
    /** The root used when none is given. */
    public static final String DEFAULT_ROOT = "memory";

    /** One run: where it lives and its sidecars by file name (UTF-8 order). */
    private static final class Run {
        final String root;
        final String name;
        final String location;
        final ConcurrentSkipListMap<String, byte[]> sidecars = new ConcurrentSkipListMap<>(Utf8Order.INSTANCE);
        volatile Instant modified;

        Run(String root, String name, String location, Instant created) {
            this.root = root;
            this.name = name;
            this.location = location;
            this.modified = created;
        }
    }

    /** Runs by location. */
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean closed;

    /** A store on the system clock (the {@link java.util.ServiceLoader} constructor). */
    public InMemorySidecarStore() {
        this(Clock.systemUTC());
    }

    /**
     * A store whose runs' modification times come from {@code clock}.
     *
     * @param clock read when a run is created, written to or pre-cleared; e.g. a fixed clock in
     *     tests of listing order
     */
    public InMemorySidecarStore(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -1000;
    }

    /** {@value #DEFAULT_ROOT}, whatever the environment. */
    @Override
    public String defaultRoot(Env env) {
        return DEFAULT_ROOT;
    }

    /** {@link InMemoryRunLock}, name {@code memory}. */
    @Override
    public Optional<String> lockProvider() {
        return Optional.of(InMemoryRunLock.NAME);
    }

    @Override
    public String runLocation(String root, String runName) {
        refuseBadRunName(runName);
        return new RunRef(trimRoot(root), runName).toString();
    }

    /** The api's rules ({@link SidecarNames#storedNameProblem}), as every store applies them. */
    @Override
    public Optional<String> nameRefusal(String fileName) {
        return SidecarNames.storedNameProblem(fileName)
                .map(why -> "sidecar file name '" + SidecarNames.printable(fileName) + "' " + why);
    }

    @Override
    public WriteSession openRun(RunRef run, RunLock.Held held) {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(held, "held");
        open();
        if (!held.run().equals(run)) {
            throw new IllegalArgumentException("the held lock is on run " + held.run() + ", not on " + run
                    + "; take the lock on the run you open");
        }
        String root = trimRoot(run.root());
        return new Session(runAt(root, run.name(), runLocation(root, run.name())), true);
    }

    /** The run at {@code location}: its root is what precedes the last {@code /}, its name what follows. */
    @Override
    public WriteSession openLocation(String location) {
        Objects.requireNonNull(location, "location");
        open();
        String loc = canonicalLocation(location);
        int slash = loc.lastIndexOf('/');
        String root = slash < 0 ? "" : loc.substring(0, slash);
        String name = slash < 0 ? loc : loc.substring(slash + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("location '" + location + "' names no run");
        }
        return new Session(runAt(root, name, loc), false);
    }

    @Override
    public <T> RunCollection<T> collect(String runLocation, SidecarParser<T> parser) {
        Objects.requireNonNull(parser, "parser");
        open();
        Run run = runs.get(canonicalLocation(runLocation));
        if (run == null) {
            return RunCollection.empty(runLocation, List.of());
        }
        List<StoredSidecar<T>> valid = new ArrayList<>();
        List<ParseError> parseErrors = new ArrayList<>();
        List<IoError> ioErrors = new ArrayList<>();
        int walked = 0;
        for (Map.Entry<String, byte[]> e : run.sidecars.entrySet()) {
            walked++;
            String location = run.location + "/" + e.getKey();
            try {
                T value = parser.parse(location, e.getValue().clone());
                if (value == null) {
                    parseErrors.add(ParseError.of(location, "parser returned no value"));
                } else {
                    valid.add(new StoredSidecar<>(location, value));
                }
            } catch (IOException ex) {
                ioErrors.add(new IoError(location, message(ex)));
            } catch (Exception ex) {
                parseErrors.add(ParseError.of(location, message(ex)));
            }
        }
        return new RunCollection<>(runLocation, walked, valid, parseErrors, ioErrors, List.<WalkProblem>of());
    }

    @Override
    public List<RunInfo> listRuns(String root) {
        open();
        String r = trimRoot(root);
        List<RunInfo> out = new ArrayList<>();
        for (Run run : runs.values()) {
            if (run.root.equals(r) && !run.name.startsWith(".")) {
                out.add(new RunInfo(run.name, run.location, run.modified));
            }
        }
        out.sort(Comparator.comparing(RunInfo::modified, Comparator.reverseOrder())
                .thenComparing(RunInfo::name, Utf8Order.INSTANCE));
        return List.copyOf(out);
    }

    /** The location without trailing {@code /} (a lone {@code /} stays). */
    @Override
    public String canonicalLocation(String location) {
        return trimRoot(location);
    }

    /** Drops every run. Idempotent. */
    @Override
    public void close() {
        closed = true;
        runs.clear();
    }

    private Run runAt(String root, String name, String location) {
        return runs.computeIfAbsent(location, l -> new Run(root, name, l, clock.instant()));
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the memory store was closed; its runs are gone");
        }
    }

    private static String trimRoot(String root) {
        Objects.requireNonNull(root, "root");
        String r = root;
        while (r.length() > 1 && r.endsWith("/")) {
            r = r.substring(0, r.length() - 1);
        }
        return r;
    }

    private static void refuseBadRunName(String runName) {
        SidecarNames.runNameProblem(runName).ifPresent(why -> {
            throw new IllegalArgumentException("refusing run name '" + SidecarNames.printable(runName)
                    + "': it " + why + "; it must be one plain name such as 6.14.2-abc1234");
        });
    }

    private static String message(Exception e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /** Writing one run; pre-clears only when opened with the run lock. */
    private final class Session implements WriteSession {
        private final Run run;
        private final boolean locked;

        Session(Run run, boolean locked) {
            this.run = run;
            this.locked = locked;
        }

        @Override
        public String location() {
            return run.location;
        }

        @Override
        public int preClear() {
            if (!locked) {
                throw new IllegalStateException("refusing to pre-clear " + run.location
                        + ": the session was opened without the run lock (an override location is never pre-cleared)");
            }
            open();
            int removed = 0;
            for (String fileName : run.sidecars.keySet()) {
                if (run.sidecars.remove(fileName) != null) {
                    removed++;
                }
            }
            if (removed > 0) {
                run.modified = clock.instant();
            }
            return removed;
        }

        @Override
        public String write(String fileName, byte[] json, String runId) {
            Objects.requireNonNull(json, "json");
            Optional<String> refusal = nameRefusal(fileName);
            if (refusal.isPresent()) {
                throw new IllegalArgumentException("refusing to write in " + run.location + ": " + refusal.get());
            }
            open();
            run.sidecars.put(fileName, json.clone());
            run.modified = clock.instant();
            return run.location + "/" + fileName;
        }
    }
}
