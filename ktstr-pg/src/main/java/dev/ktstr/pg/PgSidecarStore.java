package dev.ktstr.pg;

import com.zaxxer.hikari.HikariDataSource;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.env.Env;
import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.IoError;
import dev.ktstr.api.store.ParseError;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.store.StoredSidecar;
import dev.ktstr.api.store.WalkProblem;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PostgreSQL sidecar store, name {@code pg}, priority 10 (below the filesystem's 100: it is
 * used when chosen, {@code KTSTR_STORE=pg}). Configuration: {@link PgConfig}; unavailable when
 * no URL is configured. Choosing it brings the {@code pg} run lock ({@link PgRunLock}).
 *
 * <p>Locations. The root is the database, {@code pg:<host>:<port>/<db>}; a run's location is
 * {@code <root>/<run>}, a sidecar's {@code <root>/<run>/<file name>}. {@link #collect} and
 * {@link #openLocation} take the run name from the <em>last</em> {@code /}-separated component
 * of the location they are given (so {@code KTSTR_SIDECAR_DIR=/any/path/myrun} writes run
 * {@code myrun}); other stores' roots are refused by {@link #listRuns} and {@link #pool}.
 *
 * <p>Semantics, as the filesystem store: a write is one transaction ({@code INSERT ... ON
 * CONFLICT DO UPDATE}: the same run and file name replace the row), durable at return
 * ({@code synchronous_commit = on}); pre-clear deletes the run's rows (lock held); every row
 * reads back as a sidecar or a parse error; runs are listed newest first by the time of their
 * last write or pre-clear (the filesystem's directory mtime), then by name in byte order.
 *
 * <p>Thread-safe. Connections come from a HikariCP pool opened at first use (at most
 * {@code -Dktstr.pg.poolSize}, default 8); the schema is brought up to date by Flyway at the
 * same moment. {@link #close} closes the pool.
 */
public final class PgSidecarStore implements SidecarStore {

    /** Rows fetched per round trip by a streaming read. */
    static final int FETCH_SIZE = 256;

    private final PgConnections connections;

    /** The store configured from {@code -Dktstr.pg.url} or {@code KTSTR_PG_URL}. */
    public PgSidecarStore() {
        this(PgConfig.fromSystem());
    }

    PgSidecarStore(PgConfig config) {
        this(new PgConfig.Configured(config, ""));
    }

    private PgSidecarStore(PgConfig.Configured configured) {
        this.connections = new PgConnections(configured, "pg store", "ktstr-pg-store", PgConfig.poolSize(),
                PgSchema::ensure);
    }

    @Override
    public String name() {
        return "pg";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Optional<String> unavailableReason() {
        return connections.unavailableReason();
    }

    @Override
    public Optional<String> lockProvider() {
        return Optional.of(PgRunLock.NAME);
    }

    /** {@code pg:<host>:<port>/<db>} of the configured database; {@code env} is not consulted. */
    @Override
    public String defaultRoot(Env env) {
        return connections.configured().map(PgConfig::display).orElse("pg:unconfigured");
    }

    @Override
    public String runLocation(String root, String runName) {
        return stripSlashes(root) + "/" + runName;
    }

    @Override
    public String canonicalLocation(String location) {
        return stripSlashes(location);
    }

    @Override
    public Optional<String> nameRefusal(String fileName) {
        return SidecarNames.storedNameProblem(fileName)
                .map(why -> "sidecar file name '" + SidecarNames.printable(fileName) + "' cannot be stored: it " + why);
    }

    @Override
    public WriteSession openRun(RunRef run, RunLock.Held held) throws IOException {
        if (held == null || !PgRunLock.NAME.equals(held.provider()) || !run.equals(held.run())) {
            throw new IllegalArgumentException("the pg store opens run " + run + " only under the pg run lock on that"
                    + " run; got " + (held == null ? "no lock" : "a '" + held.provider() + "' lock on " + held.run()));
        }
        PgConfig cfg = config();
        if (!stripSlashes(run.root()).equals(cfg.display())) {
            throw new IOException("run root '" + run.root() + "' is not this store's database " + cfg.display()
                    + "; write runs under " + cfg.display());
        }
        return open(run.name(), true);
    }

    @Override
    public WriteSession openLocation(String location) throws IOException {
        return open(runNameOf(location), false);
    }

    private WriteSession open(String runName, boolean locked) throws IOException {
        Optional<String> why = SidecarNames.runNameProblem(runName);
        if (why.isPresent()) {
            throw new IllegalArgumentException("refusing run name '" + SidecarNames.printable(runName) + "': it " + why.get());
        }
        PgConfig cfg = config();
        String location = cfg.display() + "/" + runName;
        try {
            retrying(() -> {
                try (Connection c = dataSource().getConnection();
                        PreparedStatement ps = c.prepareStatement(
                                "INSERT INTO ktstr_run (run) VALUES (?) ON CONFLICT (run) DO NOTHING")) {
                    ps.setString(1, runName);
                    return ps.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw failure(cfg, "opening run " + location, e);
        }
        return new PgWriteSession(this, cfg, runName, location, locked);
    }

    @Override
    public <T> RunCollection<T> collect(String runLocation, SidecarParser<T> parser) {
        String location = stripSlashes(runLocation);
        String runName = runNameOf(location);
        List<Grouper<T>> last = new ArrayList<>(List.of(new Grouper<>(parser)));
        try {
            PgConfig cfg = config();
            try {
                retrying(() -> {
                    Grouper<T> g = new Grouper<>(parser); // a retry starts over
                    last.set(0, g);
                    try (Connection c = dataSource().getConnection()) {
                        c.setAutoCommit(false); // a cursor: rows arrive FETCH_SIZE at a time
                        try (PreparedStatement ps = c.prepareStatement("SELECT run, file_name, content"
                                + " FROM ktstr_sidecar WHERE run = ? ORDER BY file_name COLLATE \"C\"")) {
                            ps.setFetchSize(FETCH_SIZE);
                            ps.setString(1, runName);
                            g.read(ps, name -> location);
                        } finally {
                            endRead(c);
                        }
                    }
                    return null;
                });
            } catch (SQLException e) {
                last.get(0).fail(location, failure(cfg, "reading run " + location, e).getMessage());
            }
        } catch (IOException e) {
            last.get(0).fail(location, e.getMessage());
        }
        return last.get(0).run(location);
    }

    @Override
    public List<RunInfo> listRuns(String root) throws IOException {
        PgConfig cfg = config();
        String r = checkRoot(cfg, root);
        try {
            return retrying(() -> {
                List<RunInfo> runs = new ArrayList<>();
                try (Connection c = dataSource().getConnection();
                        PreparedStatement ps = c.prepareStatement("SELECT run, updated_at FROM ktstr_run"
                                + " ORDER BY updated_at DESC, run COLLATE \"C\"");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1);
                        if (name.startsWith(".")) {
                            continue;
                        }
                        Timestamp t = rs.getTimestamp(2);
                        runs.add(new RunInfo(name, r + "/" + name, t == null ? Instant.MIN : t.toInstant()));
                    }
                }
                return List.copyOf(runs);
            });
        } catch (SQLException e) {
            throw failure(cfg, "listing runs of " + r, e);
        }
    }

    /**
     * Every run's sidecars, or only the rows {@code query} selects: each of its fields becomes
     * {@code column = ANY(?)} with the values bound as a text array (never spliced into the
     * SQL), answered from the dimension indexes. Rows stream ordered by run then file name
     * (byte order), {@link #FETCH_SIZE} per round trip, each parsed as it arrives. With
     * {@link PoolQuery#ALL} runs without sidecars appear empty (as empty run directories do);
     * with a narrower query only runs with a selected row appear. A field whose values include
     * one with NUL (which a text column cannot hold) is not pushed down.
     */
    @Override
    public <T> PoolCollection<T> pool(String root, PoolQuery query, SidecarParser<T> parser) {
        PgConfig cfg;
        String r;
        try {
            cfg = config();
            r = checkRoot(cfg, root);
        } catch (IOException e) {
            return new PoolCollection<>(root, List.of(),
                    List.of(new WalkProblem(root, WalkProblem.Kind.UNREADABLE_DIRECTORY, e.getMessage())));
        }
        StringBuilder sql = new StringBuilder("SELECT run, file_name, content FROM ktstr_sidecar");
        List<Map.Entry<String, Set<String>>> filters = new ArrayList<>(query.filters().entrySet());
        // A value with NUL cannot be a column value (stored as NULL): that field selects nothing
        // here, so it is not pushed down at all (a store may return more, never less).
        filters.removeIf(f -> !f.getValue().stream().allMatch(Dimensions::storable));
        for (int i = 0; i < filters.size(); i++) {
            sql.append(i == 0 ? " WHERE " : " AND ").append(column(filters.get(i).getKey())).append(" = ANY (?)");
        }
        sql.append(" ORDER BY run COLLATE \"C\", file_name COLLATE \"C\"");
        List<Grouper<T>> last = new ArrayList<>(List.of(new Grouper<>(parser)));
        List<String> allRuns = new ArrayList<>();
        try {
            retrying(() -> {
                Grouper<T> g = new Grouper<>(parser); // a retry starts over
                last.set(0, g);
                allRuns.clear();
                readPool(g, allRuns, query, filters, sql.toString(), r);
                return null;
            });
        } catch (SQLException e) {
            return last.get(0).pool(r, allRuns, List.of(new WalkProblem(r, WalkProblem.Kind.UNREADABLE_DIRECTORY,
                    failure(cfg, "reading sidecars of " + r, e).getMessage())));
        } catch (IOException e) {
            return last.get(0).pool(r, allRuns, List.of(new WalkProblem(r, WalkProblem.Kind.UNREADABLE_DIRECTORY,
                    e.getMessage())));
        }
        return last.get(0).pool(r, allRuns, List.of());
    }

    private <T> void readPool(Grouper<T> g, List<String> allRuns, PoolQuery query,
            List<Map.Entry<String, Set<String>>> filters, String sql, String r) throws SQLException, IOException {
        try (Connection c = dataSource().getConnection()) {
            c.setAutoCommit(false);
            try {
                if (query.isAll()) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT run FROM ktstr_run");
                            ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            allRuns.add(rs.getString(1));
                        }
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(FETCH_SIZE);
                    for (int i = 0; i < filters.size(); i++) {
                        Array values = c.createArrayOf("text", filters.get(i).getValue().toArray(new String[0]));
                        ps.setArray(i + 1, values);
                    }
                    g.read(ps, run -> r + "/" + run);
                }
            } finally {
                endRead(c);
            }
        }
    }

    /** Closes the connection pool. Idempotent; later use fails with "the pg store was closed". */
    @Override
    public void close() {
        connections.close();
    }

    /** Ends a read transaction; on a broken connection quietly (the original failure is what counts). */
    private static void endRead(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the pool discards a broken connection
        }
    }

    /** A database call. */
    interface SqlCall<T> {
        T call() throws SQLException, IOException;
    }

    /**
     * Runs {@code call}; when the connection turns out to be lost (a server restart, a terminated
     * backend, a dead pooled connection), retires every pooled connection and runs it once more.
     * Every call is safe to repeat: reads, {@code ON CONFLICT} upserts of the same bytes, the
     * pre-clear's delete. A second loss is the caller's error.
     */
    <T> T retrying(SqlCall<T> call) throws SQLException, IOException {
        try {
            return call.call();
        } catch (SQLException e) {
            if (!PgErrors.isConnectionLoss(e)) {
                throw e;
            }
            connections.retire();
            return call.call();
        }
    }

    /** See {@link PgConnections#failure}. */
    IOException failure(PgConfig cfg, String doing, SQLException e) {
        return connections.failure(cfg, doing, e);
    }

    PgConfig config() throws IOException {
        return connections.config();
    }

    /** The pool, opened (and the schema migrated) at first use; a failed start is retried next time. */
    HikariDataSource dataSource() throws IOException {
        return connections.dataSource();
    }

    private static String checkRoot(PgConfig cfg, String root) throws IOException {
        String r = stripSlashes(root);
        if (!r.equals(cfg.display())) {
            throw new IOException("'" + root + "' is not this store's database " + cfg.display()
                    + " (the pg store reads only the database KTSTR_PG_URL names)");
        }
        return r;
    }

    private static String column(String dimension) {
        switch (dimension) {
            case "test_name": return "test_name";
            case "topology": return "topology";
            case "scheduler": return "scheduler";
            case "work_type": return "work_type";
            case "kernel_version": return "kernel_version";
            case "project_commit": return "project_commit";
            case "kernel_commit": return "kernel_commit";
            case "run_source": return "run_source";
            default: throw new IllegalArgumentException("not a pool query dimension: " + dimension);
        }
    }

    /** The run name of a location: its last {@code /}-separated component. */
    static String runNameOf(String location) {
        String s = stripSlashes(location);
        return s.substring(s.lastIndexOf('/') + 1);
    }

    private static String stripSlashes(String s) {
        int end = s.length();
        while (end > 1 && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(0, end);
    }

    /** Groups streamed rows into runs, each row parsed into exactly one bucket. */
    private static final class Grouper<T> {
        private final SidecarParser<T> parser;
        private final Map<String, Bucket<T>> runs = new LinkedHashMap<>();

        Grouper(SidecarParser<T> parser) {
            this.parser = parser;
        }

        void read(PreparedStatement ps, java.util.function.UnaryOperator<String> runLocation) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String run = rs.getString(1);
                    String file = rs.getString(2);
                    Bucket<T> b = runs.computeIfAbsent(run, k -> new Bucket<>(runLocation.apply(k)));
                    String location = b.location + "/" + file;
                    byte[] bytes;
                    try {
                        bytes = rs.getBytes(3);
                    } catch (SQLException e) {
                        if (PgErrors.isConnectionLoss(e)) {
                            throw e;
                        }
                        b.io.add(new IoError(location, PgErrors.oneLine(e.getMessage())));
                        continue;
                    }
                    b.add(location, bytes, parser);
                }
            }
        }

        void fail(String location, String message) {
            runs.computeIfAbsent(location, k -> new Bucket<>(location)).problems
                    .add(new WalkProblem(location, WalkProblem.Kind.UNREADABLE_DIRECTORY, message));
        }

        /** The one run read by {@link #collect}: whatever was read, under {@code location}. */
        RunCollection<T> run(String location) {
            Bucket<T> only = new Bucket<>(location);
            for (Bucket<T> b : runs.values()) {
                only.ok.addAll(b.ok);
                only.parse.addAll(b.parse);
                only.io.addAll(b.io);
                only.problems.addAll(b.problems);
            }
            return only.collection();
        }

        PoolCollection<T> pool(String root, List<String> emptyRuns, List<WalkProblem> problems) {
            for (String run : emptyRuns) {
                runs.computeIfAbsent(run, k -> new Bucket<>(root + "/" + k));
            }
            List<String> names = new ArrayList<>(runs.keySet());
            names.removeIf(n -> n.startsWith("."));
            names.sort(Utf8Order.INSTANCE);
            List<RunCollection<T>> out = new ArrayList<>(names.size());
            for (String n : names) {
                out.add(runs.get(n).collection());
            }
            return new PoolCollection<>(root, out, problems);
        }
    }

    private static final class Bucket<T> {
        final String location;
        final List<StoredSidecar<T>> ok = new ArrayList<>();
        final List<ParseError> parse = new ArrayList<>();
        final List<IoError> io = new ArrayList<>();
        final List<WalkProblem> problems = new ArrayList<>();

        Bucket(String location) {
            this.location = location;
        }

        void add(String location, byte[] bytes, SidecarParser<T> parser) {
            try {
                T value = parser.parse(location, bytes);
                if (value == null) {
                    parse.add(ParseError.of(location, "parser returned no value"));
                } else {
                    ok.add(new StoredSidecar<>(location, value));
                }
            } catch (IOException e) {
                io.add(new IoError(location, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (Exception e) {
                String msg = e.getMessage();
                parse.add(ParseError.of(location, msg == null || msg.isEmpty() ? e.getClass().getSimpleName() : msg));
            }
        }

        RunCollection<T> collection() {
            return new RunCollection<>(location, ok.size() + parse.size() + io.size(), ok, parse, io, problems);
        }
    }
}
