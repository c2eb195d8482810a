package dev.ktstr.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.store.RunCollection;
import java.io.IOException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Real second processes: lock exclusion across JVMs, SIGKILL mid-transaction, racing writers, the module path. */
class PgProcessTest extends PgFixture {


    @Test
    void aLockHeldByAnotherProcessExcludesNamesItAndDiesWithIt() throws Exception {
        RunRef run = new RunRef(root, "held-elsewhere");
        try (Child child = Child.classPath(db.url, "hold", run.name())) {
            String line = child.line(60);
            assertTrue(line.startsWith("LOCKED "), line);
            long childPid = child.process.pid();
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(1)));
            String m = e.getMessage();
            assertTrue(m.contains("run 'held-elsewhere'"), m);
            assertTrue(m.contains("application 'ktstr-java pid " + childPid + " on "), m);
            assertTrue(m.contains("backend pid "), m);
            child.kill();
            // the server ends the killed client's session and with it the lock
            try (RunLock.Held held = lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(10))) {
                assertEquals(run, held.run());
            }
        }
    }

    @Test
    void aWriterKilledMidTransactionLeavesNoPartialRow() throws Exception {
        int mib = 48;
        byte[] expected = new byte[mib << 20];
        Arrays.fill(expected, (byte) 'x');
        expected[0] = '"';
        expected[expected.length - 1] = '"';
        String expectedMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(expected));
        for (int delayMs : new int[] {0, 150, 400}) {
            String run = "killed-" + delayMs;
            try (Child child = Child.classPath(db.url, "bigwrite", run, String.valueOf(mib))) {
                assertEquals("WRITING", child.line(60));
                Thread.sleep(delayMs);
                child.kill();
            }
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                    "SELECT md5(content), length(content) FROM ktstr_sidecar WHERE run = ?")) {
                ps.setString(1, run);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) { // committed before the kill: then complete
                        assertEquals(expectedMd5, rs.getString(1), run);
                        assertEquals(expected.length, rs.getInt(2));
                        assertTrue(!rs.next());
                    }
                }
            }
        }
    }

    @Test
    void eightWriterProcessesOnOneRunLoseAndDuplicateNothing() throws Exception {
        int n = 30;
        List<Child> children = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                children.add(Child.classPath(db.url, "write", String.valueOf(n), "w" + i));
            }
            for (Child c : children) {
                assertEquals("WROTE " + n, c.line(180));
                assertEquals(0, c.waitFor(60));
            }
        } finally {
            for (Child c : children) {
                c.close();
            }
        }
        RunCollection<SidecarResult> back = store.collect(root + "/6.14.2-abc1234", (l, b) -> SidecarCodec.read(b));
        assertEquals(n, back.walked(), back.toString());
        assertEquals(n, back.sidecars().size());
        Set<String> tests = back.values().stream().map(SidecarResult::testName).collect(Collectors.toSet());
        assertEquals(n, tests.size());
        // pre-clear as on fs: each process cleared once, before its first write, under the lock;
        // so the process that cleared last wrote every variant that is left... or a later one replaced it
        assertTrue(back.values().stream().allMatch(r -> r.runId().startsWith("w")));
    }

    @Test
    void theModulePathFindsTheStoreBringsItsLockAndRunsFlyway() throws Exception {
        try (TestDatabase fresh = TestDatabase.create(); Child child = Child.modulePath(fresh.url, "roundtrip")) {
            String line = child.line(120);
            assertEquals(0, child.waitFor(60), line);
            assertEquals("OK pg pg module dev.ktstr.pg", line);
        }
    }

    @Test
    void theClassPathFindsTheStoreAndRunsFlyway() throws Exception {
        try (TestDatabase fresh = TestDatabase.create(); Child child = Child.classPath(fresh.url, "roundtrip")) {
            String line = child.line(120);
            assertEquals(0, child.waitFor(60), line);
            assertTrue(line.startsWith("OK pg pg unnamed module"), line);
        }
    }
}
