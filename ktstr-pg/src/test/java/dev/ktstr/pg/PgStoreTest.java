package dev.ktstr.pg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.write.SidecarWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PgStoreTest extends PgFixture {

    static final SidecarParser<SidecarResult> CODEC = (loc, bytes) -> SidecarCodec.read(bytes);
    static final SidecarParser<byte[]> RAW = (loc, bytes) -> bytes;


    private static <T> T underLock(String run, IoFn<WriteSession, T> body) throws IOException {
        RunRef ref = new RunRef(root, run);
        try (RunLock.Held held = lock.acquire(ref, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(5));
                WriteSession s = store.openRun(ref, held)) {
            return body.apply(s);
        }
    }

    interface IoFn<A, B> {
        B apply(A a) throws IOException;
    }

    @Test
    void rootIsTheDatabaseWithoutCredentials() {
        assertEquals("pg:127.0.0.1:5432/" + db.name, root);
        assertEquals(root + "/r1", store.runLocation(root, "r1"));
        PgConfig withPassword = PgConfig.of("jdbc:postgresql://h:6543/d?user=u&password=secret", null);
        assertEquals("pg:h:6543/d", withPassword.display());
        assertTrue(PgConfig.redact("jdbc:postgresql://h/d?user=u&password=secret").endsWith("password=***"));
    }

    @Test
    void fixtureBytesRoundTripExactly() throws Exception {
        List<Path> fixtures;
        Path dir = Path.of("src/test/resources/fixtures"); // copies of shared/fixtures (upstream's own bytes)
        try (Stream<Path> s = Files.list(dir)) {
            fixtures = s.filter(p -> p.getFileName().toString().endsWith(".ktstr.json")).sorted()
                    .collect(Collectors.toList());
        }
        assertTrue(fixtures.size() > 0, "fixtures in " + dir);
        underLock("fixtures", s -> {
            for (Path f : fixtures) {
                s.write(f.getFileName().toString(), Files.readAllBytes(f), "r");
            }
            return null;
        });
        RunCollection<byte[]> back = store.collect(root + "/fixtures", RAW);
        assertEquals(fixtures.size(), back.sidecars().size(), back.toString());
        for (Path f : fixtures) {
            byte[] stored = back.sidecars().stream()
                    .filter(x -> x.location().equals(root + "/fixtures/" + f.getFileName())).findFirst()
                    .orElseThrow().sidecar();
            assertArrayEquals(Files.readAllBytes(f), stored, f.toString());
        }
        // every fixture that parses reads back as the same record
        RunCollection<SidecarResult> parsed = store.collect(root + "/fixtures/", CODEC);
        assertEquals(fixtures.size(), parsed.walked());
    }

    @Test
    void sameRunAndFileOverwrites() throws Exception {
        SidecarResult a = Sidecars.of("t_over", "scx_a", "abc1234", "6.14.2");
        String file = Sidecars.fileName(a);
        underLock("over", s -> s.write(file, Sidecars.bytes(a), "1"));
        SidecarResult b = a.toBuilder().passed(false).build();
        String loc = underLock("over", s -> s.write(file, Sidecars.bytes(b), "2"));
        assertEquals(root + "/over/" + file, loc);
        RunCollection<SidecarResult> back = store.collect(root + "/over", CODEC);
        assertEquals(1, back.walked());
        assertEquals(b, back.values().get(0));
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT passed, doc->>'passed', scheduler FROM ktstr_sidecar WHERE run = 'over'")) {
            rs.next();
            assertEquals(false, rs.getBoolean(1));
            assertEquals("false", rs.getString(2));
            assertEquals("scx_a", rs.getString(3));
        }
    }

    @Test
    void preClearRemovesTheRunsRowsOnlyAndNeedsTheLock() throws Exception {
        SidecarResult a = Sidecars.of("t_pc1", "s", "abc1234", "6.14.2");
        SidecarResult b = Sidecars.of("t_pc2", "s", "abc1234", "6.14.2");
        underLock("pc", s -> s.write(Sidecars.fileName(a), Sidecars.bytes(a), "1"));
        underLock("pc", s -> s.write(Sidecars.fileName(b), Sidecars.bytes(b), "1"));
        underLock("pc-other", s -> s.write(Sidecars.fileName(a), Sidecars.bytes(a), "1"));
        int removed = underLock("pc", WriteSession::preClear);
        assertEquals(2, removed);
        assertEquals(0, store.collect(root + "/pc", CODEC).walked());
        assertEquals(1, store.collect(root + "/pc-other", CODEC).walked());
        try (WriteSession unlocked = store.openLocation("/some/dir/pc")) {
            assertEquals(root + "/pc", unlocked.location());
            assertThrows(IllegalStateException.class, unlocked::preClear);
            unlocked.write(Sidecars.fileName(a), Sidecars.bytes(a), "1");
        }
        assertEquals(1, store.collect(root + "/pc", CODEC).walked());
    }

    @Test
    void openRunRefusesAMissingOrForeignLock() throws Exception {
        RunRef run = new RunRef(root, "guarded");
        RunRef other = new RunRef(root, "elsewhere");
        try (RunLock.Held held = lock.acquire(other, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(5))) {
            assertThrows(IllegalArgumentException.class, () -> store.openRun(run, held));
        }
        RunLock.Held foreign = new RunLock.Held() {
            @Override
            public RunRef run() {
                return run;
            }

            @Override
            public String provider() {
                return "flock";
            }

            @Override
            public void close() {
            }
        };
        assertThrows(IllegalArgumentException.class, () -> store.openRun(run, foreign));
        RunRef elsewhereRoot = new RunRef("target/ktstr", "guarded");
        try (RunLock.Held held = lock.acquire(elsewhereRoot, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(5))) {
            IOException e = assertThrows(IOException.class, () -> store.openRun(elsewhereRoot, held));
            assertTrue(e.getMessage().contains("is not this store's database"), e.getMessage());
        }
    }

    @Test
    void everyRowReadsBackAsValidOrParseError() throws Exception {
        SidecarResult ok = Sidecars.of("t_ok", "s", "abc1234", "6.14.2");
        underLock("mixed", s -> {
            s.write(Sidecars.fileName(ok), Sidecars.bytes(ok), "1");
            s.write("broken-0000000000000000.ktstr.json", "{\"test_name\": ".getBytes(StandardCharsets.UTF_8), "1");
            s.write("notjson-0000000000000000.ktstr.json", new byte[] {(byte) 0xff, 0, 1}, "1");
            s.write("wrongshape-0000000000000000.ktstr.json", "[1,2,3]".getBytes(StandardCharsets.UTF_8), "1");
            return null;
        });
        RunCollection<SidecarResult> back = store.collect(root + "/mixed", CODEC);
        assertEquals(4, back.walked());
        assertEquals(1, back.sidecars().size());
        assertEquals(3, back.parseErrors().size() + back.ioErrors().size(), back.toString());
        assertEquals(List.of(root + "/mixed/broken-0000000000000000.ktstr.json",
                        root + "/mixed/notjson-0000000000000000.ktstr.json",
                        root + "/mixed/wrongshape-0000000000000000.ktstr.json"),
                Stream.concat(back.parseErrors().stream().map(e -> e.location()),
                        back.ioErrors().stream().map(e -> e.location())).sorted().collect(Collectors.toList()));
        // the unparsable rows keep their bytes, with no dimensions and no jsonb copy
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT doc, test_name, passed FROM ktstr_sidecar"
                        + " WHERE run = 'mixed' AND file_name LIKE 'broken%'")) {
            rs.next();
            assertNull(rs.getString(1));
            assertNull(rs.getString(2));
            assertNull(rs.getObject(3));
        }
        // a parser's IOException is an IO error, anything else a parse error
        RunCollection<Object> io = store.collect(root + "/mixed", (loc, b) -> {
            throw new IOException("cannot read " + loc);
        });
        assertEquals(4, io.ioErrors().size());
    }

    @Test
    void aSidecarJsonbCannotHoldKeepsBytesAndDimensions() throws Exception {
        SidecarResult nul = Sidecars.of("t_nul", "sched\u0000x", "abc1234", "6.14.2");
        underLock("nul", s -> s.write(Sidecars.fileName(nul), Sidecars.bytes(nul), "1"));
        RunCollection<byte[]> back = store.collect(root + "/nul", RAW);
        assertArrayEquals(Sidecars.bytes(nul), back.values().get(0));
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT doc, test_name FROM ktstr_sidecar WHERE run = 'nul'")) {
            rs.next();
            assertNull(rs.getString(1));
            assertEquals("t_nul", rs.getString(2));
        }
    }

    @Test
    void runsAreListedNewestFirstThenByName() throws Exception {
        SidecarResult a = Sidecars.of("t_list", "s", "abc1234", "6.14.2");
        for (String run : List.of("list-b", "list-a", "list-c")) {
            underLock(run, s -> s.write(Sidecars.fileName(a), Sidecars.bytes(a), "1"));
        }
        db.exec("UPDATE ktstr_run SET updated_at = '2020-01-01T00:00:00Z' WHERE run IN ('list-a', 'list-b')");
        underLock("list-a", s -> s.write(Sidecars.fileName(a), Sidecars.bytes(a), "2")); // newest now
        List<String> names = store.listRuns(root).stream().map(RunInfo::name)
                .filter(n -> n.startsWith("list-")).collect(Collectors.toList());
        assertEquals(List.of("list-a", "list-c", "list-b"), names);
        RunInfo first = store.listRuns(root).get(0);
        assertEquals(root + "/" + first.name(), first.location());
        assertEquals("list-a", store.newestRun(root).orElseThrow().name());
        assertThrows(IOException.class, () -> store.listRuns("target/ktstr"));
    }

    @Test
    void missingRunIsEmpty() {
        RunCollection<SidecarResult> none = store.collect(root + "/no-such-run", CODEC);
        assertEquals(0, none.walked());
        assertTrue(none.problems().isEmpty());
    }

    @Test
    void namesThatCannotBeStoredAreRefusedBeforeAnything() throws Exception {
        assertTrue(store.nameRefusal("a-0123456789abcdef.ktstr.json").isEmpty());
        // One subdirectory level is kept (repeat-2/…, as filesystem runs have); two are refused.
        assertTrue(store.nameRefusal("repeat-2/b-0123456789abcdef.ktstr.json").isEmpty());
        assertTrue(store.nameRefusal("a/b/c-0123456789abcdef.ktstr.json").isPresent());
        assertTrue(store.nameRefusal(".hidden/c-0123456789abcdef.ktstr.json").isPresent());
        assertTrue(store.nameRefusal("a\u0000-0123456789abcdef.ktstr.json").isPresent());
        assertTrue(store.nameRefusal("x.json").isPresent());
        assertTrue(store.nameRefusal("a\ud800-0123456789abcdef.ktstr.json").isPresent());
        assertThrows(IllegalArgumentException.class, () -> store.openLocation("/x/.hidden"));
        assertThrows(IllegalArgumentException.class,
                () -> underLock("refuse", s -> s.write("../x.ktstr.json", new byte[] {'{', '}'}, "1")));
    }

    @Test
    void theWriterDrivesTheSessionLockOpenPreClearWrite() throws Exception {
        SidecarWriter w = SidecarWriter.builder().store(store).lock(lock).env(Env.of(Map.of()))
                .meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
                .preClearGate(dev.ktstr.api.write.PreClearGate.processWide()).build();
        SidecarResult r = Sidecars.of("t_writer", "scx_w", "fedcba9", "6.15.0");
        var result = w.writeAsIs(r);
        assertNotNull(result);
        RunCollection<SidecarResult> back = store.collect(root + "/6.15.0-fedcba9", CODEC);
        assertEquals(List.of(r), back.values());
    }

    @Test
    void closeIsIdempotentAndLaterUseFailsClearly() throws Exception {
        PgSidecarStore s = new PgSidecarStore(db.config());
        s.listRuns(root);
        s.close();
        s.close();
        IOException e = assertThrows(IOException.class, () -> s.listRuns(root));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    /**
     * A server that drops every connection (as a restart does): the dead pooled connections are
     * retired at the first failure and the operation runs once more, so writes, reads and locks
     * go on; two losses in a row are one clear one-line error.
     */
    @Test
    void droppedConnectionsAreRetiredAndTheOperationRetriedOnce() throws Exception {
        SidecarResult a = Sidecars.of("t_drop", "s", "abc1234", "6.14.2");
        underLock("drop", s -> s.write(Sidecars.fileName(a), Sidecars.bytes(a), "1"));
        String kill = "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND application_name LIKE 'ktstr-java pid %'";
        db.exec(kill);
        SidecarResult a2 = a.toBuilder().runId("2").build();
        underLock("drop", s -> s.write(Sidecars.fileName(a2), Sidecars.bytes(a2), "2"));
        db.exec(kill);
        RunCollection<SidecarResult> dropped = store.collect(root + "/drop", CODEC);
        assertEquals(1, dropped.sidecars().size(), dropped.toString());
        assertEquals("2", dropped.values().get(0).runId());
        db.exec(kill);
        assertTrue(store.listRuns(root).stream().anyMatch(r -> r.name().equals("drop")));
        db.exec(kill);
        assertEquals(1, store.pool(root, CODEC).runs().stream().filter(r -> r.location().endsWith("/drop"))
                .count());
        assertEquals("lost the connection to PostgreSQL at 127.0.0.1:5432 (terminating connection due to"
                + " administrator command): the server restarted, shut down or the network dropped; run the command"
                + " again", PgErrors.message(db.config(), "", new java.sql.SQLException(
                        "FATAL: terminating connection due to administrator command", "57P01")));
    }
}
