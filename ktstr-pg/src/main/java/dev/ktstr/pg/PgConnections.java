package dev.ktstr.pg;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The configuration and the connection pool of one pg provider (the store or the run lock):
 * the pool is opened at first use, a failed start is retried next time, a lost connection
 * retires every pooled one, and {@link #close} ends it for good. Thread-safe.
 */
final class PgConnections {

    /** What to do with a pool just opened, before it is used (the store migrates the schema). */
    interface OnOpen {
        void accept(HikariDataSource pool, PgConfig cfg) throws IOException;
    }

    private final PgConfig.Configured configured;
    private final String provider;
    private final String poolName;
    private final int maxSize;
    private final OnOpen onOpen;
    private HikariDataSource pool;
    private boolean closed;

    /**
     * @param configured the configuration, or why there is none
     * @param provider   how errors name the provider ({@code pg store}, {@code pg run lock})
     * @param poolName   HikariCP's name of the pool
     * @param maxSize    at most this many connections
     * @param onOpen     run on a new pool before it is used; a failure closes it
     */
    PgConnections(PgConfig.Configured configured, String provider, String poolName, int maxSize, OnOpen onOpen) {
        this.configured = configured;
        this.provider = provider;
        this.poolName = poolName;
        this.maxSize = maxSize;
        this.onOpen = onOpen;
    }

    /** Why the provider cannot be used (no URL configured), or empty. */
    Optional<String> unavailableReason() {
        return configured.refusalIfAny();
    }

    /** The configuration, if there is one. */
    Optional<PgConfig> configured() {
        return configured.get();
    }

    /** The configuration, or an {@link IOException} saying why there is none. */
    PgConfig config() throws IOException {
        Optional<PgConfig> c = configured.get();
        if (c.isEmpty()) {
            throw new IOException("the " + provider + " is not configured: " + configured.refusal());
        }
        return c.get();
    }

    /** The pool, opened at first use; a failed start is retried next time. */
    synchronized HikariDataSource dataSource() throws IOException {
        if (closed) {
            throw new IOException("the " + provider + " was closed");
        }
        if (pool == null) {
            PgConfig cfg = config();
            HikariDataSource ds = PgPools.open(cfg, poolName, maxSize);
            try {
                onOpen.accept(ds, cfg);
            } catch (IOException | RuntimeException e) {
                ds.close();
                throw e;
            }
            pool = ds;
        }
        return pool;
    }

    /**
     * The one-line error for {@code e}; when it says the connection was lost (server restarted,
     * backend terminated), every pooled connection is retired too, so that the next operation
     * gets a fresh one instead of another dead one.
     */
    IOException failure(PgConfig cfg, String doing, SQLException e) {
        if (PgErrors.isConnectionLoss(e)) {
            retire();
        }
        return PgErrors.of(cfg, doing, e);
    }

    /** Retires every pooled connection: each is replaced when next borrowed. */
    void retire() {
        HikariDataSource ds;
        synchronized (this) {
            ds = pool;
        }
        if (ds != null && ds.getHikariPoolMXBean() != null) {
            ds.getHikariPoolMXBean().softEvictConnections();
        }
    }

    /** Ends {@code c} for good: its backend exits and whatever it held is released. */
    void discard(Connection c) {
        HikariDataSource ds;
        synchronized (this) {
            ds = pool;
        }
        try {
            if (ds != null) {
                ds.evictConnection(c);
            } else {
                c.close();
            }
        } catch (SQLException | RuntimeException ignored) {
            // already gone
        }
    }

    /** Closes the pool. Idempotent; later use fails with "... was closed". */
    synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
