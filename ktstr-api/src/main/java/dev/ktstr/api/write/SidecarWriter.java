package dev.ktstr.api.write;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.ProviderException;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.kernel.RunSource;
import dev.ktstr.api.layout.RunKey;
import dev.ktstr.api.layout.SidecarDirs;
import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.HostProbe;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.SidecarMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes sidecars the way ktstr does, made atomic and durable:
 * <ol>
 *   <li>{@linkplain #fill fill} the record when asked (project commit, kernel version and
 *       commit, host context, run source, timestamp, run id, canonical flag order);</li>
 *   <li>check everything the write needs before touching anything: the test name, the run
 *       name, the file name the store must hold, the bytes (a refused write changes nothing);</li>
 *   <li>resolve the run: {@code KTSTR_SIDECAR_DIR} when non-empty (read once per write), used
 *       as is with no lock, no pre-clear, no warning; else run {@code {kernel}-{project_commit}}
 *       (with {@code unknown} for a missing part, and the one-shot unknown-commit warning) under
 *       the store's root;</li>
 *   <li>default path: one session per write, in this order only: take the run lock (the
 *       provider the store brings, else {@code flock} on {@code {root}/.locks/{run}.lock}; 30 s
 *       by default) → open the run (created if missing) → pre-clear it once per canonical run
 *       per process → write → close → release;</li>
 *   <li>the store writes atomically and durably (filesystem: staged, fsync'd, renamed,
 *       directory fsync'd; PostgreSQL: one transaction).</li>
 * </ol>
 * Thread-safe. Built with {@link #builder()}; every dependency has a default
 * ({@link Providers} for the SPIs, the process environment, the global meter registry).
 *
 * <p>Without a {@link HostProbe} provider on the path (and no kernel or host supplier set on
 * the builder), {@code fill} records no kernel and no host, and says so once per process on
 * standard error.
 */
public final class SidecarWriter {

    /** Default wait for the run lock, as upstream. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final Env env;
    private final Supplier<SidecarStore> store;
    private final Supplier<CommitProbe> probe;
    private final Supplier<RunLock> lock;
    private final Supplier<Optional<String>> kernelVersion;
    private final Supplier<Optional<Path>> kernelSourceDir;
    private final Supplier<String> runSource;
    private final Supplier<Optional<HostContext>> hostContext;
    private final Supplier<Path> projectDir;
    private final Duration lockTimeout;
    private final String root;
    private final SidecarMeters meters;
    private final OneShotWarning unknownCommitWarning;
    private final PreClearGate preClearGate;
    private final RunIds runIds;

    private SidecarWriter(Builder b) {
        this.env = b.env;
        this.store = b.store;
        this.probe = b.probe;
        this.lock = b.lock;
        Env e = b.env;
        Supplier<HostProbe> host = b.host;
        // Kernel identity and host context are probed on every write (upstream re-reads them too).
        this.kernelVersion = b.kernelVersion != null ? b.kernelVersion
                : () -> hostProbe(host).flatMap(h -> h.kernelVersion(e));
        this.kernelSourceDir = b.kernelSourceDir != null ? b.kernelSourceDir
                : () -> hostProbe(host).flatMap(h -> h.kernelSourceDir(e));
        this.hostContext = b.hostContext != null ? b.hostContext
                : () -> hostProbe(host).map(HostProbe::hostContext);
        this.runSource = b.runSource != null ? b.runSource : () -> RunSource.detect(e);
        this.projectDir = b.projectDir;
        this.lockTimeout = b.lockTimeout;
        this.root = b.root;
        this.meters = new SidecarMeters(b.registry);
        this.unknownCommitWarning = b.unknownCommitWarning;
        this.preClearGate = b.preClearGate;
        this.runIds = b.runIds;
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a writer with every default} */
    public static SidecarWriter defaults() {
        return builder().build();
    }

    /**
     * The record with the writer-owned fields set, as upstream's writer derives them:
     * {@code project_commit} (probed upward from the project directory), {@code kernel_version},
     * {@code kernel_commit} (probed in the kernel source directory), {@code host} (this host's
     * context now), {@code run_source}, a fresh {@code timestamp} and {@code run_id}, and
     * {@code active_flags} in canonical order. The draft's values of these fields are replaced,
     * never kept: a probe that finds nothing gives {@code null} (outside any repository with no
     * kernel the run is {@code unknown-unknown}).
     *
     * @param draft the record as the test produced it
     * @return a new record with the writer-owned fields set; {@code draft} is unchanged
     */
    public SidecarResult fill(SidecarResult draft) {
        SidecarResult.Builder b = draft.toBuilder();
        b.projectCommit(probe.get().projectCommit(projectDir.get()));
        b.kernelVersion(kernelVersion.get());
        b.kernelCommit(kernelSourceDir.get().flatMap(dir -> probe.get().kernelCommit(dir)));
        b.host(hostContext.get());
        b.runSource(runSource.get());
        b.activeFlags(SidecarFormat.canonicalFlags(draft.activeFlags()));
        // Timestamp before run id, two clock reads, as upstream.
        b.timestamp(runIds.timestamp());
        b.runId(runIds.nextRunId());
        return b.build();
    }

    /**
     * The skip sidecar of a test skipped before its VM booted (upstream's
     * {@code write_skip_sidecar}): the template's identity (name, topology, scheduler, payload,
     * flags, sysctls, kargs, host, scheduler commit), {@code work_type} {@code skipped},
     * {@code passed} and {@code skipped} true, and no telemetry.
     *
     * @param template the skipped test's record, for its identity
     * @return the skip record, not yet filled
     */
    public static SidecarResult skipOf(SidecarResult template) {
        return SidecarResult.builder()
                .testName(template.testName())
                .topology(template.topology())
                .scheduler(template.scheduler())
                .schedulerCommit(template.schedulerCommit())
                .payload(template.payload())
                .passed(true)
                .skipped(true)
                .stats(ScenarioStats.builder().build())
                .workType("skipped")
                .activeFlags(template.activeFlags())
                .sysctls(template.sysctls())
                .kargs(template.kargs())
                .host(template.host())
                .build();
    }

    /**
     * Fills {@code draft} ({@link #fill}) and writes it.
     *
     * @param draft the record as the test produced it
     * @return what the write did, with the record as written
     * @throws IOException              when the run lock cannot be taken in time, or the run cannot be
     *                                  created, pre-cleared or written; nothing partial is left visible
     * @throws InvalidTestNameException when the test name, run name or file name is refused (nothing
     *                                  was touched)
     */
    public WriteResult write(SidecarResult draft) throws IOException {
        return persist(fill(draft));
    }

    /**
     * Writes the skip form of {@code template} ({@link #skipOf}), filled.
     *
     * @param template the skipped test's record, for its identity
     * @return what the write did, with the record as written
     * @throws IOException              when the run lock cannot be taken in time, or the run cannot be
     *                                  created, pre-cleared or written; nothing partial is left visible
     * @throws InvalidTestNameException when the test name, run name or file name is refused (nothing
     *                                  was touched)
     */
    public WriteResult writeSkip(SidecarResult template) throws IOException {
        return write(skipOf(template));
    }

    /**
     * Writes {@code record} exactly as given (no fill). Its run key comes from its own
     * {@code kernel_version} and {@code project_commit}.
     *
     * @param record the complete record to store
     * @return what the write did
     * @throws IOException              when the run lock cannot be taken in time, or the run cannot be
     *                                  created, pre-cleared or written; nothing partial is left visible
     * @throws InvalidTestNameException when the test name, run name or file name is refused (nothing
     *                                  was touched)
     */
    public WriteResult writeAsIs(SidecarResult record) throws IOException {
        return persist(record);
    }

    /**
     * Everything a write needs, checked before anything is created, locked or pre-cleared: a
     * write that must fail leaves the run exactly as it was.
     */
    private Prepared prepare(SidecarResult record, SidecarStore s, boolean defaultPath) {
        refuse(SidecarFormat.testNameRefusal(record.testName()));
        String runName = null;
        if (defaultPath) {
            runName = new RunKey(record.kernelVersion().orElse(""), record.projectCommit().orElse("")).dirName();
            refuse(SidecarFormat.runNameRefusal(runName));
        }
        String fileName = SidecarFormat.fileName(record);
        s.nameRefusal(fileName).ifPresent(SidecarWriter::refuse);
        byte[] json = SidecarFormat.encode(record);
        return new Prepared(runName, fileName, json);
    }

    private static void refuse(String why) {
        if (!why.isEmpty()) {
            throw new InvalidTestNameException(why);
        }
    }

    /** A checked write: the run name (default path only), file name and bytes. */
    private record Prepared(String runName, String fileName, byte[] json) {
    }

    private WriteResult persist(SidecarResult record) throws IOException {
        long start = System.nanoTime();
        // Read once: the directory choice and the lock/pre-clear decision must agree.
        Optional<String> override = SidecarDirs.override(env);
        boolean defaultPath = override.isEmpty();
        SidecarStore s = store.get();
        Prepared p;
        try {
            p = prepare(record, s, defaultPath);
        } catch (KtstrException e) {
            meters.write("refused", defaultPath, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        }
        String outcome = "error";
        try {
            WriteResult result = defaultPath ? writeDefault(s, record, p) : writeOverride(s, override.get(), record, p);
            outcome = "ok";
            return result;
        } finally {
            meters.write(outcome, defaultPath, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private WriteResult writeOverride(SidecarStore s, String dir, SidecarResult record, Prepared p) throws IOException {
        try (WriteSession session = s.openLocation(dir)) {
            String location = session.write(p.fileName(), p.json(), record.runId());
            return new WriteResult(location, session.location(), false, 0, record);
        }
    }

    /** One session: lock held → open (creates the run) → pre-clear once per process → write → close → release. */
    private WriteResult writeDefault(SidecarStore s, SidecarResult record, Prepared p) throws IOException {
        if (record.projectCommit().orElse("").isEmpty()) {
            unknownCommitWarning.emit(OneShotWarning.UNKNOWN_COMMIT);
        }
        RunRef run = new RunRef(rootFor(s), p.runName());
        long waitStart = System.nanoTime();
        try (RunLock.Held held = lock.get().acquire(run, RunLock.Mode.EXCLUSIVE, lockTimeout)) {
            meters.lockWait(Duration.ofNanos(System.nanoTime() - waitStart));
            try (WriteSession session = s.openRun(run, held)) {
                int removed = preClearGate.clearOnce(session.location(), session::preClear);
                if (removed > 0) {
                    meters.preClearRemoved(removed);
                }
                String location = session.write(p.fileName(), p.json(), record.runId());
                return new WriteResult(location, session.location(), true, removed, record);
            }
        }
    }

    /** Warned once per process: no host probe, so no kernel and no host context. */
    private static final OneShotWarning NO_HOST_PROBE = new OneShotWarning(System.err::println);

    private static Optional<HostProbe> hostProbe(Supplier<HostProbe> host) {
        try {
            return Optional.of(host.get());
        } catch (ProviderException e) {
            NO_HOST_PROBE.emit("ktstr: WARNING: no usable HostProbe provider (add the module " + Spi.HOST.defaultModule()
                    + ", Maven artifact " + Spi.HOST.defaultArtifact()
                    + "): sidecars are written without kernel_version, kernel_commit and host");
            return Optional.empty();
        }
    }

    private String rootFor(SidecarStore s) {
        return root != null ? root : s.defaultRoot(env);
    }

    /** Configuration of a {@link SidecarWriter}; every setting has a default. */
    public static final class Builder {
        private Env env = Env.system();
        private Supplier<SidecarStore> store = Providers::store;
        private Supplier<CommitProbe> probe = Providers::probe;
        private Supplier<RunLock> lock = Providers::lock;
        private Supplier<Optional<String>> kernelVersion;
        private Supplier<Optional<Path>> kernelSourceDir;
        private Supplier<String> runSource;
        private Supplier<Optional<HostContext>> hostContext;
        private Supplier<HostProbe> host = Providers::host;
        private Supplier<Path> projectDir = () -> Path.of("").toAbsolutePath();
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private String root;
        private MeterRegistry registry = Metrics.globalRegistry;
        private OneShotWarning unknownCommitWarning = OneShotWarning.processWideUnknownCommit();
        private PreClearGate preClearGate = PreClearGate.processWide();
        private RunIds runIds = RunIds.processWide();

        private Builder() {
        }

        /**
         * Environment for {@code KTSTR_SIDECAR_DIR}, {@code CARGO_TARGET_DIR}, {@code KTSTR_CI}; default: the process's.
         *
         * @param env the environment; not null
         * @return this builder
         */
        public Builder env(Env env) {
            this.env = Objects.requireNonNull(env, "env");
            return this;
        }

        /**
         * The store; default {@link Providers#store()}, the process-wide instance, looked up at first use.
         *
         * @param store the store to write to; not null
         * @return this builder
         */
        public Builder store(SidecarStore store) {
            Objects.requireNonNull(store, "store");
            this.store = () -> store;
            return this;
        }

        /**
         * The commit probe; default {@link Providers#probe()}, the process-wide instance, looked up at first use.
         *
         * @param probe the commit probe; not null
         * @return this builder
         */
        public Builder probe(CommitProbe probe) {
            Objects.requireNonNull(probe, "probe");
            this.probe = () -> probe;
            return this;
        }

        /**
         * The run lock; default {@link Providers#lock()} (the lock the store brings, else the
         * highest-priority usable one), looked up at the first default-path write.
         *
         * @param lock the run lock provider; not null
         * @return this builder
         */
        public Builder lock(RunLock lock) {
            Objects.requireNonNull(lock, "lock");
            this.lock = () -> lock;
            return this;
        }

        /**
         * The host and kernel probe; default {@link Providers#host()}, the process-wide
         * instance, looked up at the first fill that needs it.
         *
         * @param host the host and kernel probe; not null
         * @return this builder
         */
        public Builder host(HostProbe host) {
            Objects.requireNonNull(host, "host");
            this.host = () -> host;
            return this;
        }

        /**
         * The kernel version under test ({@code kernel_version}, the run key's {@code {kernel}}).
         * Default: the {@linkplain #host host probe}'s, from {@code KTSTR_KERNEL} in {@link #env}.
         *
         * @param kernelVersion asked on every fill; empty when the kernel is unknown; not null
         * @return this builder
         */
        public Builder kernelVersion(Supplier<Optional<String>> kernelVersion) {
            this.kernelVersion = Objects.requireNonNull(kernelVersion, "kernelVersion");
            return this;
        }

        /**
         * The kernel source directory whose commit is {@code kernel_commit}. Default: the
         * {@linkplain #host host probe}'s, from {@code KTSTR_KERNEL} in {@link #env}.
         *
         * @param kernelSourceDir asked on every fill; empty when there is none; not null
         * @return this builder
         */
        public Builder kernelSourceDir(Supplier<Optional<Path>> kernelSourceDir) {
            this.kernelSourceDir = Objects.requireNonNull(kernelSourceDir, "kernelSourceDir");
            return this;
        }

        /**
         * The {@code host} context. Default: the {@linkplain #host host probe}'s, collected on every fill.
         *
         * @param hostContext asked on every fill; empty to leave {@code host} out; not null
         * @return this builder
         */
        public Builder hostContext(Supplier<Optional<HostContext>> hostContext) {
            this.hostContext = Objects.requireNonNull(hostContext, "hostContext");
            return this;
        }

        /**
         * {@code run_source}. Default: {@code ci} when {@code KTSTR_CI} is non-empty in {@link #env}, else {@code local}.
         *
         * @param runSource asked on every fill, e.g. {@code local} or {@code ci}; not null
         * @return this builder
         */
        public Builder runSource(Supplier<String> runSource) {
            this.runSource = Objects.requireNonNull(runSource, "runSource");
            return this;
        }

        /**
         * Where the project commit is discovered from (upward). Default: the working directory.
         *
         * @param projectDir a directory inside the project; not null
         * @return this builder
         */
        public Builder projectDir(Path projectDir) {
            Objects.requireNonNull(projectDir, "projectDir");
            this.projectDir = () -> projectDir;
            return this;
        }

        /**
         * How long to wait for the run lock. Default {@link #DEFAULT_LOCK_TIMEOUT}.
         *
         * @param lockTimeout the longest wait, zero or more
         * @return this builder
         * @throws IllegalArgumentException when {@code lockTimeout} is negative
         */
        public Builder lockTimeout(Duration lockTimeout) {
            if (lockTimeout.isNegative()) {
                throw new IllegalArgumentException("lock timeout must not be negative: " + lockTimeout);
            }
            this.lockTimeout = lockTimeout;
            return this;
        }

        /**
         * The root default-path runs go under. Default: the store's
         * {@linkplain SidecarStore#defaultRoot default root} for {@link #env}
         * ({@code {CARGO_TARGET_DIR or target}/ktstr} for the filesystem).
         *
         * @param root the runs root, as the store spells it; not null
         * @return this builder
         */
        public Builder root(String root) {
            this.root = Objects.requireNonNull(root, "root");
            return this;
        }

        /**
         * Where meters are recorded. Default {@link Metrics#globalRegistry}.
         *
         * @param registry the registry; not null
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * The unknown-commit warning gate. Default: once per process, to standard error.
         *
         * @param warning the gate the warning goes through; not null
         * @return this builder
         */
        public Builder unknownCommitWarning(OneShotWarning warning) {
            this.unknownCommitWarning = Objects.requireNonNull(warning, "warning");
            return this;
        }

        /**
         * The pre-clear gate. Default: once per canonical run per process.
         *
         * @param gate the gate; not null
         * @return this builder
         */
        public Builder preClearGate(PreClearGate gate) {
            this.preClearGate = Objects.requireNonNull(gate, "gate");
            return this;
        }

        /**
         * Timestamp and run-id source. Default: the process-wide one.
         *
         * @param runIds the source; not null
         * @return this builder
         */
        public Builder runIds(RunIds runIds) {
            this.runIds = Objects.requireNonNull(runIds, "runIds");
            return this;
        }

        /** {@return a writer with this configuration} */
        public SidecarWriter build() {
            return new SidecarWriter(this);
        }
    }

    /**
     * A write refused before anything was touched: a test name that would escape its directory
     * or make no file name, a run name that is not one plain directory name, a file name the
     * store cannot hold.
     */
    public static final class InvalidTestNameException extends KtstrException {
        private static final long serialVersionUID = 1L;

        InvalidTestNameException(String why) {
            super("refusing to write a sidecar, nothing was written: " + why);
        }
    }
}
