package dev.ktstr.pg;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The run lock of the pg store, name {@code pg}: a session-level PostgreSQL advisory lock
 * ({@code pg_advisory_lock(bigint)}, {@code pg_advisory_lock_shared} for {@link Mode#SHARED})
 * keyed from the run name ({@link RunKeys#advisoryKey}), held on a connection of its own for the
 * lock's lifetime, so writers on different machines exclude each other. A holder that dies
 * (killed, crashed, cut off) loses its connection and with it the lock: the server releases it
 * when it notices (at once for a killed process; after TCP keepalive for a vanished machine).
 *
 * <p>Waiting uses the server's {@code lock_timeout}, which applies to advisory locks like any
 * other heavyweight lock: {@code pg_advisory_lock} waits in the server and fails with SQLState
 * {@code 55P03} when the timeout passes; a zero timeout is {@code pg_try_advisory_lock}. The
 * timeout message names the run and every holder from {@code pg_locks} joined with
 * {@code pg_stat_activity}: backend pid, application name (ktstr sets
 * {@code ktstr-java pid <pid> on <host>}) and client address.
 *
 * <p>Priority -200: never chosen by priority over a filesystem lock; the pg store brings it.
 * Connections come from a pool of their own (at most 16), so locks never starve the store's
 * writes of connections. Thread-safe; a {@link Held} belongs to its thread.
 */
public final class PgRunLock implements RunLock {

    /** The provider name. */
    public static final String NAME = "pg";

    private static final String HOLDERS = "SELECT a.pid, a.application_name, host(a.client_addr), a.client_port,"
            + " l.mode FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND l.classid = ?::bigint::oid AND l.objid = ?::bigint::oid ORDER BY a.pid";

    private final PgConnections connections;

    /** The lock configured from {@code -Dktstr.pg.url} or {@code KTSTR_PG_URL}. */
    public PgRunLock() {
        this(PgConfig.fromSystem());
    }

    PgRunLock(PgConfig config) {
        this(new PgConfig.Configured(config, ""));
    }

    private PgRunLock(PgConfig.Configured configured) {
        this.connections = new PgConnections(configured, "pg run lock", "ktstr-pg-lock", 16, (pool, cfg) -> { });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -200;
    }

    @Override
    public Optional<String> unavailableReason() {
        return connections.unavailableReason();
    }

    @Override
    public Held acquire(RunRef run, Mode mode, Duration timeout) throws IOException {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        PgConfig cfg = connections.config();
        long key = RunKeys.advisoryKey(run.name());
        boolean shared = mode == Mode.SHARED;
        Connection c = null;
        boolean got = false;
        for (int attempt = 1; ; attempt++) {
            try {
                c = connections.dataSource().getConnection();
                c.setAutoCommit(true);
                got = lock(c, key, shared, timeout);
                break;
            } catch (SQLException e) {
                if (c != null) {
                    connections.discard(c);
                    c = null;
                }
                // A dead pooled connection (server restarted): retire them all and try once more.
                if (attempt == 1 && PgErrors.isConnectionLoss(e)) {
                    connections.retire();
                    continue;
                }
                throw connections.failure(cfg, "taking the run lock on " + run, e);
            }
        }
        if (!got) {
            List<Holder> holders;
            try {
                holders = holders(c, key);
            } catch (SQLException e) {
                holders = List.of();
            }
            close(c);
            throw new IOException(timeoutMessage(cfg, run, key, timeout, holders));
        }
        return new PgHeld(run, c, key, shared);
    }

    @Override
    public List<Holder> holders(RunRef run) throws IOException {
        PgConfig cfg = connections.config();
        try (Connection c = connections.dataSource().getConnection()) {
            return holders(c, RunKeys.advisoryKey(run.name()));
        } catch (SQLException e) {
            throw connections.failure(cfg, "asking who holds the run lock on " + run, e);
        }
    }

    /** Closes the lock connection pool (a lock still held is released with its connection). Idempotent. */
    @Override
    public void close() {
        connections.close();
    }

    private static boolean lock(Connection c, long key, boolean shared, Duration timeout) throws SQLException {
        String fn = shared ? "_shared" : "";
        if (timeout.isZero() || timeout.isNegative()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock" + fn + "(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }
        // lock_timeout is an int of milliseconds, 0 meaning "no limit": round up so a positive
        // timeout never becomes 0, and saturate a longer one into "no limit" (practically forever).
        long ms;
        try {
            ms = timeout.plusNanos(999_999).toMillis();
        } catch (ArithmeticException e) {
            ms = Long.MAX_VALUE;
        }
        String setting = ms > Integer.MAX_VALUE ? "0" : ms + "ms";
        try (PreparedStatement set = c.prepareStatement("SELECT set_config('lock_timeout', ?, false)")) {
            set.setString(1, setting);
            set.executeQuery().close();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock" + fn + "(?)")) {
            ps.setLong(1, key);
            ps.executeQuery().close();
            return true;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("RESET lock_timeout");
            }
        }
    }

    private static List<Holder> holders(Connection c, long key) throws SQLException {
        List<Holder> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(HOLDERS)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xffff_ffffL);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String app = rs.getString(2);
                    String addr = rs.getString(3);
                    int port = rs.getInt(4);
                    String client = addr == null ? "local socket" : addr + (rs.wasNull() ? "" : ":" + port);
                    String mode = "ShareLock".equals(rs.getString(5)) ? " (shared)" : "";
                    out.add(new Holder(rs.getLong(1), cut("application '" + (app == null ? "" : app) + "' from "
                            + client + mode)));
                }
            }
        }
        return out;
    }

    private static String cut(String s) {
        return s.length() <= 100 ? s : s.substring(0, 99) + "\u2026";
    }

    static String timeoutMessage(PgConfig cfg, RunRef run, long key, Duration timeout, List<Holder> holders) {
        String who = holders.isEmpty() ? "no holder is visible any more (it may just have finished)"
                : "held by " + holders.stream().map(h -> "backend pid " + h.pid() + ", " + h.cmdline())
                        .collect(Collectors.joining("; "));
        return "timed out after " + human(timeout) + " waiting for the run lock on run '" + run.name() + "' (PostgreSQL"
                + " advisory lock " + String.format("0x%016x", key) + " in " + cfg.display() + "): " + who
                + ". A peer ktstr writer is writing sidecars to the same run; wait for it to finish or stop it"
                + " (SELECT pg_terminate_backend(pid) ends a stuck holder), then retry.";
    }

    private static String human(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return "0s (no wait)";
        }
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // returned or discarded by the pool either way
        }
    }

    /** A held advisory lock and the connection that holds it. */
    private final class PgHeld implements Held {
        private final RunRef run;
        private final Connection connection;
        private final long key;
        private final boolean shared;
        private boolean released;

        PgHeld(RunRef run, Connection connection, long key, boolean shared) {
            this.run = run;
            this.connection = connection;
            this.key = key;
            this.shared = shared;
        }

        @Override
        public RunRef run() {
            return run;
        }

        @Override
        public String provider() {
            return NAME;
        }

        /** Unlocks and returns the connection; when unlocking fails the connection is discarded, which unlocks too. */
        @Override
        public synchronized void close() {
            if (released) {
                return;
            }
            released = true;
            try (PreparedStatement ps = connection.prepareStatement(
                    "SELECT pg_advisory_unlock" + (shared ? "_shared" : "") + "(?)")) {
                ps.setLong(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connections.discard(connection); // not held on this session: end it rather than guess
                        return;
                    }
                }
                PgRunLock.close(connection);
            } catch (SQLException e) {
                connections.discard(connection);
            }
        }

        @Override
        public String toString() {
            return "pg advisory lock on " + run;
        }
    }
}
