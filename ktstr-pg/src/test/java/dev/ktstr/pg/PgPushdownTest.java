package dev.ktstr.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pool reads with a PoolQuery: literal values, run grouping and order, and the index plan. */
class PgPushdownTest extends PgFixture {

    /** Values that would break a query built by concatenation, and non-ASCII ones. */
    static final List<String> NASTY = List.of("o'brien", "a\"b", "x; DROP TABLE ktstr_sidecar; --", "-- comment",
            "ünïcødé", "调度器", "emoji \uD83D\uDE80", "back\\slash", "%_like");


    @BeforeAll
    static void seed() throws Exception {
        if (db == null) {
            return;
        }
        // runs named so that UTF-8 byte order differs from UTF-16 and locale order
        for (String run : List.of("z-run", "A-run", "é-run", "\uD83D\uDE80-run", "\uFF5E-run")) {
            RunRef ref = new RunRef(root, run);
            try (RunLock.Held h = lock.acquire(ref, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(5));
                    WriteSession s = store.openRun(ref, h)) {
                for (String v : NASTY) {
                    SidecarResult r = Sidecars.of("t " + v, v, "abc1234", "6.14.2");
                    s.write(Sidecars.fileName(r).replace('\\', '_'), Sidecars.bytes(r), "1");
                }
                SidecarResult plain = Sidecars.of("plain", "eevdf", "def5678", "6.15.0");
                s.write(Sidecars.fileName(plain), Sidecars.bytes(plain), "1");
            }
        }
    }

    @Test
    void poolOfEverythingIsGroupedByRunInUtf8ByteOrder() {
        PoolCollection<SidecarResult> all = store.pool(root, (l, b) -> SidecarCodec.read(b));
        List<String> runs = all.runs().stream().map(RunCollection::location).collect(Collectors.toList());
        // byte order: 'A' < 'z' < U+00E9 < U+FF5E < U+1F680 (UTF-16 order would put U+1F680 before U+FF5E)
        assertEquals(List.of(root + "/A-run", root + "/z-run", root + "/é-run", root + "/\uFF5E-run",
                root + "/\uD83D\uDE80-run"), runs);
        assertEquals(5 * (NASTY.size() + 1), all.walked());
        assertTrue(all.allProblems().isEmpty(), all.allProblems().toString());
        for (RunCollection<SidecarResult> r : all.runs()) {
            List<String> locs = r.sidecars().stream().map(s -> s.location()).collect(Collectors.toList());
            List<String> sorted = new ArrayList<>(locs);
            sorted.sort(dev.ktstr.api.schema.Utf8Order.INSTANCE);
            assertEquals(sorted, locs);
        }
    }

    @Test
    void filterValuesAreBoundLiterally() throws Exception {
        for (String v : NASTY) {
            PoolCollection<SidecarResult> p = store.pool(root, PoolQuery.ALL.and("scheduler", Set.of(v)),
                    (l, b) -> SidecarCodec.read(b));
            assertTrue(p.allProblems().isEmpty(), v + ": " + p.allProblems());
            assertEquals(5, p.values().size(), v);
            assertTrue(p.values().stream().allMatch(r -> r.scheduler().equals(v) && r.testName().equals("t " + v)), v);
        }
        PoolCollection<SidecarResult> two = store.pool(root,
                PoolQuery.ALL.and("test_name", Set.of("t o'brien", "plain")).and("kernel_version", Set.of("6.15.0")),
                (l, b) -> SidecarCodec.read(b));
        assertEquals(5, two.values().size());
        assertTrue(two.values().stream().allMatch(r -> r.testName().equals("plain")));
        // prefix-like or pattern-like values match nothing but themselves
        assertEquals(0, store.pool(root, PoolQuery.ALL.and("scheduler", Set.of("%")), (l, b) -> b).walked());
        assertEquals(0, store.pool(root, PoolQuery.ALL.and("scheduler", Set.of()), (l, b) -> b).walked());
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM ktstr_sidecar")) {
            rs.next();
            assertEquals(5 * (NASTY.size() + 1), rs.getInt(1), "the table is intact");
        }
    }

    @Test
    void aValueWithNulIsNotPushedDownSoNothingIsLost() {
        PoolCollection<byte[]> p = store.pool(root, PoolQuery.ALL.and("scheduler", Set.of("a\u0000b")), (l, b) -> b);
        assertTrue(p.allProblems().isEmpty(), p.allProblems().toString());
        assertEquals(5 * (NASTY.size() + 1), p.walked());
    }

    @Test
    void aNarrowQueryOnManyRowsUsesTheIndex() throws Exception {
        try (TestDatabase big = TestDatabase.create()) {
            PgSidecarStore s = new PgSidecarStore(big.config());
            try {
                String r = s.defaultRoot(Env.of(Map.of()));
                s.listRuns(r); // migrates the schema
                BulkLoad.generate(big.url, 200_000, 2_000);
                List<String> plan = new ArrayList<>();
                try (Connection c = big.connect(); Statement st = c.createStatement()) {
                    st.execute("ANALYZE ktstr_sidecar");
                    try (ResultSet rs = st.executeQuery("EXPLAIN SELECT run, file_name, content FROM ktstr_sidecar"
                            + " WHERE project_commit = ANY ('{p0000042,p0000043}'::text[])"
                            + " AND scheduler = ANY ('{scx_3}'::text[])"
                            + " ORDER BY run COLLATE \"C\", file_name COLLATE \"C\"")) {
                        while (rs.next()) {
                            plan.add(rs.getString(1));
                        }
                    }
                }
                String text = String.join("\n", plan);
                assertTrue(text.contains("Index"), text);
                assertFalse(text.contains("Seq Scan on ktstr_sidecar"), text);
                // and the store's own query returns exactly those rows
                PoolCollection<byte[]> narrow = s.pool(r, PoolQuery.ALL.and("project_commit", Set.of("p0000042",
                        "p0000043")).and("scheduler", Set.of("scx_3")), (l, b) -> b);
                try (Connection c = big.connect(); Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT count(*) FROM ktstr_sidecar WHERE project_commit IN"
                                + " ('p0000042', 'p0000043') AND scheduler = 'scx_3'")) {
                    rs.next();
                    assertEquals(rs.getInt(1), narrow.walked());
                    assertTrue(narrow.walked() > 0 && narrow.walked() < 1_000, "narrow: " + narrow.walked());
                }
            } finally {
                s.close();
            }
        }
    }
}
