package dev.ktstr.pg;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.Driver;

/**
 * A fresh database on the test server for one test class: {@code ktstr_test_<random>},
 * created from {@code KTSTR_TEST_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) and dropped (FORCE) at
 * {@link #close}. Without a reachable server the tests are skipped with the reason, except
 * under {@code CI=true}, where that is a failure.
 */
final class TestDatabase implements AutoCloseable {

    static final String DEFAULT_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

    final String name;
    final String url;
    private final String adminUrl;

    private TestDatabase(String adminUrl, String name, String url) {
        this.adminUrl = adminUrl;
        this.name = name;
        this.url = url;
    }

    static String adminUrl() {
        String v = System.getenv("KTSTR_TEST_PG_URL");
        return v == null || v.isEmpty() ? DEFAULT_ADMIN_URL : v;
    }

    /** Why the test server is unusable, once found so; null while it is (or was not yet tried). */
    private static volatile String unusable;
    /** Whether a database was created once: the server is usable. */
    private static volatile boolean usable;

    /**
     * Skips the calling test with the reason the server is unusable (each test shows as skipped,
     * with that reason, in the report); under CI=true that was a failure already.
     */
    static void assumeReachable() {
        if (unusable == null && !usable) {
            TestDatabase probe = create();
            if (probe != null) {
                probe.close();
            }
        }
        Assumptions.assumeTrue(unusable == null, () -> unusable);
    }

    /**
     * Creates a fresh database; null (after recording why, for {@link #assumeReachable}) when
     * the server cannot be reached, a failure under CI=true.
     */
    static TestDatabase create() {
        String admin = adminUrl();
        String name = "ktstr_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(admin); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
        } catch (SQLException e) {
            String why = "PostgreSQL test server not usable at " + PgConfig.redact(admin) + " (KTSTR_TEST_PG_URL): "
                    + e.getMessage() + " [SQLState " + e.getSQLState() + "]";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + " — under CI=true the PostgreSQL tests must run (.ci/run starts the server)");
            }
            System.err.println("SKIPPING PostgreSQL tests: " + why);
            unusable = why;
            return null;
        }
        usable = true;
        return new TestDatabase(admin, name, withDatabase(admin, name));
    }

    /** {@code adminUrl} pointing at database {@code db} instead, its parameters kept. */
    static String withDatabase(String adminUrl, String db) {
        java.util.Properties p = Driver.parseURL(adminUrl, new java.util.Properties());
        String q = adminUrl.contains("?") ? adminUrl.substring(adminUrl.indexOf('?')) : "";
        return "jdbc:postgresql://" + p.getProperty("PGHOST") + ":" + p.getProperty("PGPORT") + "/" + db + q;
    }

    PgConfig config() {
        return PgConfig.of(url, System.getenv("PGPASSWORD"));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Runs {@code sql} (no results) on the test database. */
    void exec(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(adminUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("warning: could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
