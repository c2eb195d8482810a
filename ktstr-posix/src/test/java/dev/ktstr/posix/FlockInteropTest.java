package dev.ktstr.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunLock.Held;
import dev.ktstr.api.spi.RunLock.Holder;
import dev.ktstr.api.spi.RunLock.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flock provider against real lock holders in other processes: flock(1), Python, a child JVM. */
class FlockInteropTest {
    private final FlockRunLock lock = new FlockRunLock();

    @TempDir
    Path dir;

    @Test
    void waitsForFlockCommandHolderAndGetsTheLockWhenItExits() throws Exception {
        Path lockFile = dir.resolve("k.lock");
        try (Peer peer = Peer.flock(dir, "k.lock", true)) {
            CompletableFuture<Held> waiting = CompletableFuture.supplyAsync(() -> acquireUnchecked(lockFile,
                    Mode.EXCLUSIVE, Duration.ofSeconds(20)));
            // Several poll rounds pass while the peer holds the lock.
            Thread.sleep(500);
            assertFalse(waiting.isDone(), "acquired while flock(1) held the lock");
            assertEquals(0, peer.release());
            try (Held held = waiting.get(20, TimeUnit.SECONDS)) {
                assertEquals(lockFile, FileHeld.of(held));
                assertEquals(99, Peer.flockNow(lockFile, true), "flock -n got a lock the JVM holds");
            }
        }
    }

    @Test
    void timesOutNamingTheFlockCommandHolder() throws Exception {
        Path lockFile = dir.resolve("k.lock");
        try (Peer peer = Peer.flock(dir, "k.lock", true)) {
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(1)));
            String m = e.getMessage();
            assertTrue(m.startsWith("flock LOCK_EX on " + lockFile + " timed out after 1s (lockfile " + lockFile
                    + ", holders: "), m);
            assertTrue(m.contains("  pid=" + peer.pid() + " cmd=flock -x k.lock sh -c echo locked; cat"), m);
            assertTrue(m.endsWith(LockMessages.GENERIC_REMEDIATION), m);
        }
    }

    @Test
    void runDirContextGivesUpstreamsExactMessage() throws Exception {
        Path runDir = dir.resolve("6.14.2-abc1234");
        Path locks = dir.resolve(".locks");
        Path lockFile = locks.resolve("6.14.2-abc1234.lock");
        Files.createDirectories(locks);
        try (Peer peer = Peer.flock(locks, "6.14.2-abc1234.lock", true)) {
            IOException e = assertThrows(IOException.class, () -> lock.acquire(lockFile, Mode.EXCLUSIVE,
                    Duration.ofMillis(1500), "run-dir " + runDir, RunLock.RUN_DIR_REMEDIATION));
            assertEquals("flock LOCK_EX on run-dir " + runDir + " timed out after 1.5s (lockfile " + lockFile
                    + ", holders:   pid=" + peer.pid() + " cmd=flock -x 6.14.2-abc1234.lock sh -c echo locked; cat)."
                    + " A peer cargo ktstr test process is writing sidecars to the same {kernel}-{project_commit}"
                    + " directory; wait for it to finish or kill it, then retry.", e.getMessage());
        }
    }

    @Test
    void holdersReportsTheFlockCommandAndNothingOnceItExits() throws Exception {
        Path lockFile = dir.resolve("k.lock");
        try (Peer peer = Peer.flock(dir, "k.lock", false)) {
            List<Holder> holders = lock.holders(lockFile);
            assertEquals(List.of(new Holder(peer.pid(), "flock -s k.lock sh -c echo locked; cat")), holders);
            assertEquals(0, peer.release());
        }
        assertEquals(List.of(), lock.holders(lockFile));
    }

    @Test
    void pythonFcntlFlockHolderExcludesJavaUntilItExits() throws Exception {
        Path lockFile = dir.resolve("py.lock");
        try (Peer peer = Peer.python(dir, "py.lock", true)) {
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(lockFile, Mode.SHARED, Duration.ofSeconds(1)));
            assertTrue(e.getMessage().startsWith("flock LOCK_SH on "), e.getMessage());
            assertTrue(e.getMessage().contains("  pid=" + peer.pid() + " cmd="), e.getMessage());
            assertTrue(e.getMessage().contains("python3 -c import fcntl, os, sys\nfd = os.open"), e.getMessage());
            CompletableFuture<Held> waiting = CompletableFuture.supplyAsync(() -> acquireUnchecked(lockFile,
                    Mode.EXCLUSIVE, Duration.ofSeconds(20)));
            Thread.sleep(300);
            assertFalse(waiting.isDone(), "acquired while python held the lock");
            assertEquals(0, peer.release());
            waiting.get(20, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void pythonSharedHolderAdmitsJavaSharedButNotExclusive() throws Exception {
        Path lockFile = dir.resolve("py.lock");
        try (Peer peer = Peer.python(dir, "py.lock", false)) {
            try (Held shared = lock.acquire(lockFile, Mode.SHARED, Duration.ofSeconds(5))) {
                assertEquals(lockFile, FileHeld.of(shared));
            }
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("pid=" + peer.pid()), e.getMessage());
        }
    }

    @Test
    void javaHolderMakesFlockNonBlockingFail() throws Exception {
        Path lockFile = dir.resolve(".locks").resolve("run.lock");
        try (Held held = lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(5))) {
            assertEquals(99, Peer.flockNow(lockFile, true));
            assertEquals(99, Peer.flockNow(lockFile, false));
        }
        assertEquals(0, Peer.flockNow(lockFile, true), "lock still held after close");
    }

    @Test
    void childJvmHolderExcludesFlockCommandAndThisJvm() throws Exception {
        Path lockFile = dir.resolve(".locks").resolve("child.lock");
        try (Peer child = Peer.jvm(dir, lockFile, true)) {
            assertEquals("locked flock " + lockFile, child.readyLine(), "child JVM on the class path chose another provider");
            assertEquals(99, Peer.flockNow(lockFile, true));
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("  pid=" + child.pid() + " cmd="), e.getMessage());
            assertEquals(0, child.release());
        }
        assertEquals(0, Peer.flockNow(lockFile, true));
    }

    @Test
    void childJvmSharedHolderAdmitsSharedFlockButNotExclusive() throws Exception {
        Path lockFile = dir.resolve("shared.lock");
        try (Peer child = Peer.jvm(dir, lockFile, false)) {
            assertEquals(0, Peer.flockNow(lockFile, false));
            assertEquals(99, Peer.flockNow(lockFile, true));
            assertEquals(0, child.release());
        }
    }

    @Test
    void sharedHoldersCoexistAndExcludeExclusive() throws Exception {
        Path lockFile = dir.resolve("s.lock");
        try (Held a = lock.acquire(lockFile, Mode.SHARED, Duration.ofSeconds(2));
             Held b = lock.acquire(lockFile, Mode.SHARED, Duration.ofSeconds(2));
             Peer peer = Peer.flock(dir, "s.lock", false)) {
            assertEquals(99, Peer.flockNow(lockFile, true));
            assertEquals(0, Peer.flockNow(lockFile, false));
            assertEquals(0, peer.release());
        }
        assertEquals(0, Peer.flockNow(lockFile, true));
    }

    @Test
    void exclusiveFlockCommandHolderBlocksJavaShared() throws Exception {
        Path lockFile = dir.resolve("x.lock");
        try (Peer peer = Peer.flock(dir, "x.lock", true)) {
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(lockFile, Mode.SHARED, Duration.ofMillis(200)));
            assertTrue(e.getMessage().contains("pid=" + peer.pid()), e.getMessage());
        }
    }

    private Held acquireUnchecked(Path lockFile, Mode mode, Duration timeout) {
        try {
            return lock.acquire(lockFile, mode, timeout);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
