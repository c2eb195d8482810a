package dev.ktstr.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.store.PoolCollection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One-line errors for what goes wrong between ktstr and the server. */
class PgErrorsTest {

    private static IOException listRunsFails(String url) {
        PgSidecarStore s = new PgSidecarStore(PgConfig.of(url, null));
        try {
            IOException e = assertThrows(IOException.class, () -> s.listRuns(s.defaultRoot(Env.of(Map.of()))));
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(e.getMessage().contains("sekrit"), e.getMessage());
            return e;
        } finally {
            s.close();
        }
    }

    @Test
    void unreachableServer() {
        TestDatabase.assumeReachable(); // skip (or fail under CI) like the others when no server runs
        IOException e = listRunsFails("jdbc:postgresql://127.0.0.1:1/ktstr?user=postgres&password=sekrit");
        assertEquals("cannot connect to PostgreSQL at 127.0.0.1:1 (Connect: Connection refused): is PostgreSQL"
                + " running there and accepting TCP connections? (database from KTSTR_PG_URL)", e.getMessage());
        PgRunLock lock = new PgRunLock(PgConfig.of("jdbc:postgresql://127.0.0.1:1/ktstr", null));
        IOException l = assertThrows(IOException.class,
                () -> lock.acquire(new RunRef("pg:127.0.0.1:1/ktstr", "r"), RunLock.Mode.EXCLUSIVE, Duration.ZERO));
        assertTrue(l.getMessage().contains("is PostgreSQL running"), l.getMessage());
        lock.close();
        // a pool read never throws: the reason is its walk problem
        PgSidecarStore s = new PgSidecarStore(PgConfig.of("jdbc:postgresql://127.0.0.1:1/ktstr", null));
        PoolCollection<byte[]> p = s.pool("pg:127.0.0.1:1/ktstr", PoolQuery.ALL, (loc, b) -> b);
        assertEquals(1, p.problems().size());
        assertTrue(p.problems().get(0).detail().contains("is PostgreSQL running"), p.problems().toString());
        assertTrue(s.collect("pg:127.0.0.1:1/ktstr/r", (loc, b) -> b).problems().get(0).detail()
                .contains("is PostgreSQL running"));
        s.close();
    }

    @Test
    void missingDatabase() {
        TestDatabase.assumeReachable();
        String url = TestDatabase.withDatabase(TestDatabase.adminUrl(), "ktstr_no_such_db");
        IOException e = listRunsFails(url);
        assertTrue(e.getMessage().startsWith("database 'ktstr_no_such_db' does not exist on PostgreSQL at "),
                e.getMessage());
        assertTrue(e.getMessage().contains(": create it with createdb -h "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" ktstr_no_such_db, or fix the database name in KTSTR_PG_URL"),
                e.getMessage());
    }

    /**
     * The test server trusts 127.0.0.1, so no password is ever wrong; a role that does not exist
     * is refused in the same class of errors (28000, invalid authorization), and a wrong password
     * on a password-checking server is 28P01, mapped by the same branch.
     */
    @Test
    void refusedLogin() {
        TestDatabase.assumeReachable();
        String url = TestDatabase.withDatabase(TestDatabase.adminUrl(), "postgres").replaceAll("user=[^&]*",
                "user=ktstr_no_such_role");
        IOException e = listRunsFails(url);
        assertTrue(e.getMessage().startsWith("PostgreSQL at 127.0.0.1:5432 refused user 'ktstr_no_such_role' for"
                + " database 'postgres': role \"ktstr_no_such_role\" does not exist; check the user and password"),
                e.getMessage());
    }

    @Test
    void schemaNewerThanThisBuild() throws Exception {
        TestDatabase.assumeReachable();
        try (TestDatabase db = TestDatabase.create()) {
            PgSidecarStore first = new PgSidecarStore(db.config());
            String root = first.defaultRoot(Env.of(Map.of()));
            first.listRuns(root);
            first.close();
            db.exec("INSERT INTO ktstr_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, execution_time, success) VALUES (100, '7', 'from the future', 'SQL',"
                    + " 'V7__future.sql', 0, 'test', 0, true)");
            IOException e = listRunsFails(db.url);
            assertEquals("database '" + db.name + "' on PostgreSQL at 127.0.0.1:5432 has ktstr-pg schema version 7,"
                    + " newer than this ktstr-pg (knows up to 1); upgrade ktstr-java", e.getMessage());
        }
    }

    @Test
    void unconfigured() {
        PgConfig.Configured none = PgConfig.from(k -> null, k -> null);
        assertEquals("no database configured: set KTSTR_PG_URL (or -Dktstr.pg.url) to a JDBC URL such as"
                + " jdbc:postgresql://db.example:5432/ktstr?user=ci", none.refusal());
        PgConfig.Configured bad = PgConfig.from(k -> null, k -> k.equals("KTSTR_PG_URL") ? "postgres://h/d" : null);
        assertTrue(bad.refusal().startsWith("KTSTR_PG_URL is not usable: 'postgres://h/d' is not a PostgreSQL JDBC URL"),
                bad.refusal());
        PgConfig.Configured prop = PgConfig.from(k -> k.equals("ktstr.pg.url") ? "jdbc:postgresql://p/d" : null,
                k -> k.equals("KTSTR_PG_URL") ? "jdbc:postgresql://e/d" : null);
        assertEquals("pg:p:5432/d", prop.config().display());
        PgConfig withEnvPassword = PgConfig.of("jdbc:postgresql://h/d?user=u", "pw");
        assertEquals("pw", withEnvPassword.connectionProperties().getProperty("password"));
        PgConfig urlPassword = PgConfig.of("jdbc:postgresql://h/d?user=u&password=x", "pw");
        assertEquals(null, urlPassword.connectionProperties().getProperty("password"));
    }

    /** The constant the fast path trusts is the highest migration shipped. */
    @Test
    void latestIsTheHighestMigration() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("src/main/resources/db/migration/ktstr-pg"))) {
            var versions = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).sorted().collect(Collectors.toList());
            assertEquals(Integer.parseInt(PgSchema.LATEST), versions.get(versions.size() - 1), versions.toString());
        }
    }
}
