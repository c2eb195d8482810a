package dev.ktstr.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunLock.Held;
import dev.ktstr.api.spi.RunLock.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The portable provider: excludes JVMs and threads, and (as documented) not flock(2) holders. */
class NioRunLockTest {
    private final NioRunLock lock = new NioRunLock();

    @TempDir
    Path dir;

    @Test
    void isAlwaysAvailableWithNegativePriority() {
        assertEquals(Optional.empty(), lock.unavailableReason());
        assertTrue(lock.priority() < 0);
        assertTrue(lock.priority() < new FlockRunLock().priority());
    }

    @Test
    void doesNotExcludeFlockHoldersAsDocumented() throws Exception {
        Path lockFile = dir.resolve(".locks/n.lock");
        try (Held held = lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(1))) {
            assertTrue(Files.isRegularFile(lockFile));
            assertEquals(0, Peer.flockNow(lockFile, true), "fcntl and flock locks are independent on Linux");
        }
    }

    @Test
    void childJvmNioHolderExcludesThisJvmUntilItExits() throws Exception {
        Path lockFile = dir.resolve("n.lock");
        try (Peer child = Peer.jvm(dir, lockFile, true, "nio")) {
            assertEquals("locked nio " + lockFile, child.readyLine());
            IOException e = assertThrows(IOException.class,
                    () -> lock.acquire(lockFile, Mode.SHARED, Duration.ofMillis(500)));
            assertTrue(e.getMessage().startsWith("nio lock shared on " + lockFile + " timed out after 500ms"),
                    e.getMessage());
            assertEquals(0, child.release());
        }
        lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(5)).close();
    }

    @Test
    void sharedThreadsCoexistExclusiveWaits() throws Exception {
        Path lockFile = dir.resolve("s.lock");
        Held a = lock.acquire(lockFile, Mode.SHARED, Duration.ofSeconds(1));
        Held b = CompletableFuture.supplyAsync(() -> acquire(lockFile, Mode.SHARED, Duration.ofSeconds(1)))
                .get(20, TimeUnit.SECONDS);
        CompletableFuture<Held> writer = CompletableFuture.supplyAsync(
                () -> acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(20)));
        Thread.sleep(300);
        assertFalse(writer.isDone(), "exclusive acquired while two shared holders held the lock");
        a.close();
        Thread.sleep(300);
        assertFalse(writer.isDone(), "exclusive acquired while one shared holder held the lock");
        b.close();
        Held w = writer.get(20, TimeUnit.SECONDS);
        assertThrows(IOException.class, () -> lock.acquire(lockFile, Mode.SHARED, Duration.ofMillis(200)));
        w.close();
        w.close();
        lock.acquire(lockFile, Mode.SHARED, Duration.ofMillis(200)).close();
    }

    private Held acquire(Path lockFile, Mode mode, Duration timeout) {
        try {
            return lock.acquire(lockFile, mode, timeout);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
