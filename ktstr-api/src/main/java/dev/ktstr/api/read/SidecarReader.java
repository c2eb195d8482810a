package dev.ktstr.api.read;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.codec.SidecarEncodingException;
import dev.ktstr.api.codec.SidecarParseException;
import dev.ktstr.api.layout.SidecarDirs;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarMeters;
import dev.ktstr.api.store.CacheableParser;
import dev.ktstr.api.store.SidecarParser;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads sidecars through a {@link SidecarStore} and the JSON codec: one run, every run under a
 * runs root, the run listing. Walks never fail on a bad file: see {@link RunCollection}. Parse
 * and IO error counts are recorded on the meter registry ({@link SidecarMeters}). Thread-safe.
 */
public final class SidecarReader {

    /** The {@code run_source} every pooled sidecar gets under a non-default runs root. */
    public static final String ARCHIVE = "archive";

    private final Env env;
    private final Supplier<SidecarStore> store;
    /** The caller's registry, or null for the global one, resolved at the first read. */
    private final MeterRegistry registry;
    private volatile SidecarMeters meters;
    /** False: reads are counted nowhere and Micrometer is never loaded. */
    private final boolean metered;
    private final SidecarParser<SidecarResult> parser;
    /** Whether pools read through a {@link CachedProjection} may use the store's cache. */
    private final boolean cache;

    private SidecarReader(Builder b) {
        this.env = b.env;
        this.store = b.store;
        this.registry = b.registry;
        this.metered = b.metered;
        this.parser = b.parser;
        this.cache = b.cache && cacheAllowed(env);
    }

    private SidecarReader(SidecarReader r, boolean cache) {
        this.env = r.env;
        this.store = r.store;
        this.registry = r.registry;
        this.meters = r.meters;
        this.metered = r.metered;
        this.parser = r.parser;
        this.cache = cache;
    }

    /**
     * False when {@code KTSTR_CACHE} (in {@code env}) or the system property {@code ktstr.cache}
     * is {@code off} (also {@code 0}, {@code false}, {@code no}; any case).
     *
     * @param env the environment to read {@value #CACHE_VARIABLE} from
     * @return whether a reader built on {@code env} may use the store's cache
     */
    public static boolean cacheAllowed(Env env) {
        return !isOff(System.getProperty(CACHE_PROPERTY)) && !isOff(env.get(CACHE_VARIABLE).orElse(null));
    }

    private static boolean isOff(String v) {
        if (v == null) {
            return false;
        }
        String t = v.trim().toLowerCase(java.util.Locale.ROOT);
        return t.equals("off") || t.equals("0") || t.equals("false") || t.equals("no");
    }

    /** The variable that turns the store's read cache off: {@code KTSTR_CACHE=off}. */
    public static final String CACHE_VARIABLE = "KTSTR_CACHE";
    /** The system property that turns the store's read cache off: {@code -Dktstr.cache=off}. */
    public static final String CACHE_PROPERTY = "ktstr.cache";

    /** {@return whether this reader lets the store use its cache (see {@link CachedProjection})} */
    public boolean cacheEnabled() {
        return cache;
    }

    /** {@return this reader, never using the store's cache ({@code --no-cache}); {@code this} when it already does not} */
    public SidecarReader uncached() {
        return cache ? new SidecarReader(this, false) : this;
    }

    // Lazily: touching Metrics.globalRegistry initializes Micrometer, which costs a command
    // that never reads (list-metrics, --help) a visible slice of its start-up. The global
    // default is named in SidecarMeters so that verifying this class loads no Micrometer class.
    private SidecarMeters meters() {
        SidecarMeters m = meters;
        if (m == null) {
            m = SidecarMeters.orGlobal(registry);
            meters = m;
        }
        return m;
    }

    private void count(int walked, int parseErrors, int ioErrors) {
        if (metered) {
            meters().read(walked, parseErrors, ioErrors);
        }
    }

    /** {@return a builder with every default} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a reader with every default} */
    public static SidecarReader defaults() {
        return builder().build();
    }

    /** {@return the store this reader reads (the process-wide selection unless one was given)} */
    public SidecarStore store() {
        return store.get();
    }

    /**
     * The store's default root: for the filesystem store {@code {CARGO_TARGET_DIR or target}/ktstr},
     * for a database store its database.
     *
     * @return the root, as the store spells it
     */
    public String defaultRunsRoot() {
        return store.get().defaultRoot(env);
    }

    /**
     * One run: its sidecars and one level of subdirectories. Never fails on a bad file.
     *
     * @param runLocation the run to read, as the store spells it
     * @return everything read from the run; a missing run is empty
     */
    public RunCollection<SidecarResult> collect(String runLocation) {
        RunCollection<SidecarResult> c = store.get().collect(runLocation, parser);
        count(c.walked(), c.parseErrors().size(), c.ioErrors().size());
        return c;
    }

    /**
     * Every run under {@code runsRoot}. When the root is not the default runs root, every
     * sidecar's {@code run_source} is set to {@code archive} in memory (sidecars copied off a
     * CI host are archives, whatever they were when written).
     *
     * @param runsRoot the runs root to read
     * @return every run's collection, ordered by run name
     */
    public PoolCollection<SidecarResult> pool(String runsRoot) {
        SidecarStore s = store.get();
        boolean archive = !s.canonicalLocation(runsRoot).equals(s.canonicalLocation(defaultRunsRoot()));
        return pool(runsRoot, archive);
    }

    /**
     * Every run under {@code runsRoot}, with the archive override when {@code archive}.
     *
     * @param runsRoot the runs root to read
     * @param archive  whether every sidecar's {@code run_source} is set to {@value #ARCHIVE}
     * @return every run's collection, ordered by run name
     */
    public PoolCollection<SidecarResult> pool(String runsRoot, boolean archive) {
        return pool(runsRoot, archive, Function.identity());
    }

    /**
     * Every run under {@code runsRoot}, each sidecar passed through {@code projection} right
     * after it is parsed, on the walk's worker threads. A report that needs a few fields keeps
     * only those: the full records die young instead of filling the heap for the whole walk.
     *
     * @param <T>        the projected type
     * @param runsRoot   the runs root to read
     * @param archive    whether {@code run_source} is set to {@value #ARCHIVE} before the projection
     * @param projection applied to each parsed sidecar; must be thread-safe and must not return null
     * @return every run's collection of projected records, ordered by run name
     */
    public <T> PoolCollection<T> pool(String runsRoot, boolean archive, Function<SidecarResult, T> projection) {
        return pool(runsRoot, archive, projection, PoolQuery.ALL);
    }

    /**
     * {@link #pool(String, boolean, Function)} reading only what {@code query} selects where the
     * store can select before reading (the PostgreSQL store); the result may hold more than the
     * query selects (the filesystem store reads everything), so callers keep their own filters.
     *
     * @param <T>        the projected type
     * @param runsRoot   the runs root to read
     * @param archive    whether {@code run_source} is set to {@value #ARCHIVE} before the projection
     * @param projection applied to each parsed sidecar; must be thread-safe and must not return null
     * @param query      which sidecars are needed; {@link PoolQuery#ALL} for every one
     * @return the runs' collections of projected records, ordered by run name
     */
    public <T> PoolCollection<T> pool(String runsRoot, boolean archive, Function<SidecarResult, T> projection,
            PoolQuery query) {
        Objects.requireNonNull(projection, "projection");
        Objects.requireNonNull(query, "query");
        SidecarParser<T> projected = (location, bytes) -> {
            SidecarResult r = parser.parse(location, bytes);
            return projection.apply(archive ? archived(r) : r);
        };
        PoolCollection<T> p = store.get().pool(runsRoot, query, projected);
        count(p.walked(), p.parseErrors().size(), p.ioErrors().size());
        return p;
    }

    /**
     * {@link #pool(String, boolean, Function, PoolQuery)} through a projection the store may
     * cache: a store with a persistent index (the filesystem store) then hands back the projected
     * record of a file it has seen unchanged instead of reading and parsing it again. The result
     * is the same as without the cache: same records, same parse and IO errors, same order.
     * Without {@link #cacheEnabled()} this reads exactly as the uncached overload.
     *
     * @param runsRoot   the runs root to read
     * @param archive    whether {@code run_source} is set to {@value #ARCHIVE} before the projection
     *                   (part of the cache key)
     * @param projection the projection, with its cache name and codec
     * @param query      which sidecars are needed; {@link PoolQuery#ALL} for every one
     * @return the runs' collections of projected records, ordered by run name
     */
    public PoolCollection<SidecarResult> pool(String runsRoot, boolean archive, CachedProjection projection,
            PoolQuery query) {
        Objects.requireNonNull(projection, "projection");
        if (!cache) {
            return pool(runsRoot, archive, projection.function(), query);
        }
        Objects.requireNonNull(query, "query");
        SidecarParser<SidecarResult> base = parser;
        java.util.function.UnaryOperator<SidecarResult> f = projection.function();
        String key = "sidecar-projection/1|" + projection.name() + "|archive=" + archive + "|api="
                + CodeIdentity.of(SidecarReader.class) + "|owner=" + CodeIdentity.of(projection.owner())
                + "|codec=" + CodeIdentity.of(projection.decoder().getClass());
        Function<SidecarResult, byte[]> encoder = projection.encoder();
        CachedProjection.Decoder decoder = projection.decoder();
        CacheableParser<SidecarResult> projected = new CacheableParser<>() {
            @Override
            public SidecarResult parse(String location, byte[] bytes) throws Exception {
                SidecarResult r = base.parse(location, bytes);
                return f.apply(archive ? archived(r) : r);
            }

            @Override
            public String cacheKey() {
                return key;
            }

            @Override
            public byte[] encode(SidecarResult value) {
                return encoder.apply(value);
            }

            @Override
            public SidecarResult decode(byte[] bytes) throws Exception {
                return decoder.decode(bytes);
            }
        };
        PoolCollection<SidecarResult> p = store.get().pool(runsRoot, query, projected);
        count(p.walked(), p.parseErrors().size(), p.ioErrors().size());
        return p;
    }

    /** {@return every run under the default runs root, no archive override} */
    public PoolCollection<SidecarResult> poolDefault() {
        return pool(defaultRunsRoot(), false);
    }

    /**
     * The runs under the default runs root, newest first.
     *
     * @return the runs; none when the root is missing
     * @throws IOException when the root exists but cannot be listed
     */
    public List<RunInfo> listRuns() throws IOException {
        return listRuns(defaultRunsRoot());
    }

    /**
     * The runs under {@code runsRoot}, newest first (then by name); {@code .locks} and other dot
     * names excluded.
     *
     * @param runsRoot the runs root to list
     * @return the runs; none when the root is missing
     * @throws IOException when the root exists but cannot be listed
     */
    public List<RunInfo> listRuns(String runsRoot) throws IOException {
        return store.get().listRuns(runsRoot);
    }

    /**
     * The newest run under the default runs root.
     *
     * @return the newest run, empty when there is none
     * @throws IOException when the root exists but cannot be listed
     */
    public Optional<RunInfo> newestRun() throws IOException {
        return store.get().newestRun(defaultRunsRoot());
    }

    /**
     * The run a bare {@code stats} reads: {@code KTSTR_SIDECAR_DIR} when non-empty (as is), else
     * the newest run under the default runs root; empty when there is none.
     *
     * @return the run's location
     * @throws IOException when there is no override and the default runs root cannot be listed
     */
    public Optional<String> currentRunLocation() throws IOException {
        Optional<String> override = SidecarDirs.override(env);
        if (override.isPresent()) {
            return override;
        }
        return newestRun().map(RunInfo::location);
    }

    /**
     * A sidecar marked as an archive.
     *
     * @param record the sidecar as read
     * @return a copy of {@code record} with {@code run_source} {@value #ARCHIVE}
     */
    public static SidecarResult archived(SidecarResult record) {
        return record.toBuilder().runSource(ARCHIVE).build();
    }

    /** Configuration of a {@link SidecarReader}. */
    public static final class Builder {
        private Env env = Env.system();
        private Supplier<SidecarStore> store = Providers::store;
        private MeterRegistry registry;
        private SidecarParser<SidecarResult> parser = SidecarReader::decode;
        private boolean cache = true;
        private boolean metered = true;

        private Builder() {
        }

        /**
         * Whether pools read through a {@link CachedProjection} may use the store's persistent
         * cache; default true, and always false when {@code KTSTR_CACHE=off} (in the env) or
         * {@code -Dktstr.cache=off}.
         *
         * @param cache false to never use the store's cache
         * @return this builder
         */
        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Environment for {@code CARGO_TARGET_DIR}, {@code KTSTR_SIDECAR_DIR} and
         * {@code KTSTR_CACHE}; default: the process's.
         *
         * @param env the environment; not null
         * @return this builder
         */
        public Builder env(Env env) {
            this.env = Objects.requireNonNull(env, "env");
            return this;
        }

        /**
         * The store; default {@link Providers#store()}, looked up at first use.
         *
         * @param store the store to read; not null
         * @return this builder
         */
        public Builder store(SidecarStore store) {
            Objects.requireNonNull(store, "store");
            this.store = () -> store;
            return this;
        }

        /**
         * Where read meters are recorded. Default {@link Metrics#globalRegistry}, resolved at the
         * first read.
         *
         * @param registry the registry; not null
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /**
         * Whether reads are counted on a meter registry at all; default true. A short-lived
         * process that exports no metrics (the CLI) turns this off, so it never loads Micrometer
         * (about 150 classes with its logging, a tenth of a cached {@code list-values}' start).
         *
         * @param metered false to record no meters, whatever {@link #meterRegistry} says
         * @return this builder
         */
        public Builder metered(boolean metered) {
            this.metered = metered;
            return this;
        }

        /** {@return a reader with this configuration} */
        public SidecarReader build() {
            return new SidecarReader(this);
        }
    }

    private static SidecarResult decode(String location, byte[] bytes) throws Exception {
        try {
            return SidecarCodec.read(bytes);
        } catch (SidecarEncodingException e) {
            // Not UTF-8: upstream fails while reading the file, before JSON, so this is an IO error.
            throw new java.nio.charset.CharacterCodingException() {
                private static final long serialVersionUID = 1L;

                @Override
                public String getMessage() {
                    return "stream did not contain valid UTF-8";
                }
            };
        } catch (SidecarParseException e) {
            // The raw error is serde's own wording, which the enrichment rule and upstream's tools match on.
            throw new Exception(e.serdeMessage(), e);
        }
    }
}
