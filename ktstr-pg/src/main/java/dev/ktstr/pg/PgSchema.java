package dev.ktstr.pg;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The database schema, managed by Flyway: migrations {@code classpath:db/migration/ktstr-pg},
 * history table {@code ktstr_schema_history}, applied at the store's first use. A database
 * already at {@link #LATEST} is recognised with one query, without starting Flyway (which
 * costs a few hundred milliseconds a process); a database at a version this build does not
 * know is refused with a one-line error before Flyway would touch it.
 */
final class PgSchema {

    /** The highest migration this build ships (checked against the resources by a test). */
    static final String LATEST = "1";
    static final String HISTORY_TABLE = "ktstr_schema_history";
    static final String LOCATION = "classpath:db/migration/ktstr-pg";

    private PgSchema() {
    }

    /** Brings {@code ds}'s database to {@link #LATEST}, or says why it cannot. */
    static void ensure(DataSource ds, PgConfig cfg) throws IOException {
        MigrationVersion latest = MigrationVersion.fromVersion(LATEST);
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW server_encoding")) {
                rs.next();
                String enc = rs.getString(1);
                if (!"UTF8".equalsIgnoreCase(enc)) {
                    throw new IOException("database '" + cfg.database() + "' on PostgreSQL at " + cfg.server()
                            + " is encoded " + enc + ", not UTF8: sidecars are UTF-8 text; create a UTF8 database"
                            + " (createdb -E UTF8 -T template0 " + cfg.database() + ")");
                }
            }
            MigrationVersion applied = null;
            boolean failed = false;
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + HISTORY_TABLE + "') IS NOT NULL")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    try (ResultSet h = st.executeQuery(
                            "SELECT version, success FROM " + HISTORY_TABLE + " WHERE version IS NOT NULL")) {
                        while (h.next()) {
                            MigrationVersion v = MigrationVersion.fromVersion(h.getString(1));
                            failed |= !h.getBoolean(2);
                            if (applied == null || v.isNewerThan(applied.getVersion())) {
                                applied = v;
                            }
                        }
                    }
                }
            }
            if (applied != null && applied.isNewerThan(LATEST)) {
                throw newer(cfg, applied.getVersion());
            }
            if (applied != null && applied.equals(latest) && !failed) {
                return;
            }
        } catch (SQLException | FlywayException e) {
            throw PgErrors.of(cfg, "reading the ktstr-pg schema version", e);
        }
        migrate(ds, cfg);
    }

    private static void migrate(DataSource ds, PgConfig cfg) throws IOException {
        try {
            Flyway.configure(PgSchema.class.getClassLoader())
                    .dataSource(ds)
                    .table(HISTORY_TABLE)
                    .locations(LOCATION)
                    .loggers("slf4j")
                    .failOnMissingLocations(true)
                    // A database used by other applications: start our history on top of it.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
        } catch (FlywayException | IllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("not resolved locally") || m.contains("newer")) {
                throw newer(cfg, "(unknown)");
            }
            if (PgErrors.find(e, SQLException.class) != null) {
                throw PgErrors.of(cfg, "applying the ktstr-pg schema migrations", e);
            }
            throw new IOException("applying the ktstr-pg schema migrations to database '" + cfg.database()
                    + "' on " + cfg.server() + " failed: " + PgErrors.oneLine(m), e);
        }
    }

    private static IOException newer(PgConfig cfg, String version) {
        return new IOException("database '" + cfg.database() + "' on PostgreSQL at " + cfg.server()
                + " has ktstr-pg schema version " + version + ", newer than this ktstr-pg (knows up to " + LATEST
                + "); upgrade ktstr-java");
    }
}
