package dev.ktstr.pg;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;

/**
 * HikariCP pools for the store and the lock. A pool earns its keep here: the writer takes the
 * run lock and opens a session for every sidecar, so a CLI writing 50 sidecars would otherwise
 * log in 100 times (a SCRAM login costs milliseconds on purpose), and an application embedding
 * the store serves many threads; HikariCP also checks a connection that sat idle before handing
 * it out, so a server restart costs one failed operation, not a poisoned process. Opening a
 * pool opens and closes one connection first, so a bad URL, server, login or database fails at
 * once with a one-line message; pools keep no connection idle for long and run daemon threads
 * only.
 */
final class PgPools {

    private PgPools() {
    }

    /**
     * A new pool of at most {@code maxSize} connections to {@code cfg}'s database.
     *
     * @throws IOException (one line, see {@link PgErrors}) when the first connection fails
     */
    static HikariDataSource open(PgConfig cfg, String poolName, int maxSize) throws IOException {
        probe(cfg);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(cfg.url());
        hc.setDataSourceProperties(cfg.connectionProperties());
        hc.setPoolName(poolName);
        hc.setMaximumPoolSize(maxSize);
        hc.setMinimumIdle(0);
        hc.setIdleTimeout(30_000);
        // The probe above is the start-up check: HikariCP's own (initializationFailTimeout > 0) sleeps
        // a second after a failure before it gives up, on every failed start.
        hc.setInitializationFailTimeout(-1);
        hc.setConnectionTimeout(10_000);
        hc.setRegisterMbeans(false);
        // A commit that returns is durable, whatever the server's default (WriteSession#write).
        hc.setConnectionInitSql("SET synchronous_commit = on");
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw PgErrors.of(cfg, "", e);
        }
    }

    /** One connection, opened and closed, so that a bad URL, server, login or database fails now, in one line. */
    private static void probe(PgConfig cfg) throws IOException {
        java.util.Properties props = cfg.connectionProperties();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(cfg.url(), props)) {
            c.isValid(5);
        } catch (java.sql.SQLException e) {
            throw PgErrors.of(cfg, "", e);
        }
    }
}
