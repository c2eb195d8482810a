package dev.ktstr.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The advisory run lock inside one JVM (each acquire holds its own connection, so they exclude). */
@SuppressWarnings("try") // locks held by try-with-resources without being read
class PgRunLockTest extends PgFixture {


    @Test
    void exclusiveExcludesAndTheTimeoutNamesTheRunAndTheHolder() throws Exception {
        RunRef run = new RunRef(root, "6.14.2-abc1234");
        try (RunLock.Held held = lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(2))) {
            assertEquals(run, held.run());
            assertEquals("pg", held.provider());
            long t0 = System.nanoTime();
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofMillis(300)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 250 && ms < 5_000, "lock_timeout bounded the wait: " + ms + " ms");
            String m = e.getMessage();
            assertTrue(m.contains("run '6.14.2-abc1234'"), m);
            assertTrue(m.contains("timed out after 300ms"), m);
            assertTrue(m.contains("ktstr-java pid " + ProcessHandle.current().pid()), m);
            assertTrue(m.contains("from 127.0.0.1:"), m);
            assertFalse(m.contains("\n"), m);
            List<RunLock.Holder> holders = lock.holders(run);
            assertEquals(1, holders.size(), holders.toString());
            // a zero timeout tries once
            assertThrows(IOException.class, () -> lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ZERO));
            // another run is free
            try (RunLock.Held other = lock.acquire(new RunRef(root, "6.14.2-def5678"), RunLock.Mode.EXCLUSIVE,
                    Duration.ZERO)) {
                assertEquals("6.14.2-def5678", other.run().name());
            }
        }
        assertTrue(lock.holders(run).isEmpty());
        // released: a practically infinite timeout takes it at once
        try (RunLock.Held again = lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(Long.MAX_VALUE))) {
            again.close();
            again.close(); // idempotent
        }
    }

    @Test
    void sharedHoldersShareAndExcludeWriters() throws Exception {
        RunRef run = new RunRef(root, "shared-run");
        try (RunLock.Held a = lock.acquire(run, RunLock.Mode.SHARED, Duration.ofSeconds(1));
                RunLock.Held b = lock.acquire(run, RunLock.Mode.SHARED, Duration.ofSeconds(1))) {
            assertEquals(2, lock.holders(run).size());
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofMillis(100)));
            assertTrue(e.getMessage().contains("(shared)"), e.getMessage());
        }
        lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ZERO).close();
    }

    @Test
    void aTimeoutLeavesNoLockTimeoutOnPooledConnections() throws Exception {
        RunRef run = new RunRef(root, "reset-run");
        try (RunLock.Held held = lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(1))) {
            assertThrows(IOException.class, () -> lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofMillis(50)));
        }
        // a later long wait must not inherit the 50 ms: hold briefly from another thread, wait 2 s
        RunLock.Held first = lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(1));
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(400);
                first.close();
            } catch (Exception ignored) {
                // test fails below if not released
            }
        });
        releaser.start();
        try (RunLock.Held second = lock.acquire(run, RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(5))) {
            assertEquals(run, second.run());
        }
        releaser.join();
    }

    @Test
    void keysAreStableAndDistinct() {
        assertEquals(RunKeys.advisoryKey("6.14.2-abc1234"), RunKeys.advisoryKey("6.14.2-abc1234"));
        assertTrue(RunKeys.advisoryKey("a") != RunKeys.advisoryKey("b"));
        // pinned (python: sha256(b"ktstr-run:6.14.2-abc1234")[:8]): changing the derivation would let old and new writers run unexcluded
        assertEquals(0x3b01a525d99751eaL, RunKeys.advisoryKey("6.14.2-abc1234"),
                String.format("0x%016x", RunKeys.advisoryKey("6.14.2-abc1234")));
    }
}
