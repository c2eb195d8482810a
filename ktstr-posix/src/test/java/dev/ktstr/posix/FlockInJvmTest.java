package dev.ktstr.posix;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Selection;
import dev.ktstr.api.Spi;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunLock.Held;
import dev.ktstr.api.spi.RunLock.Holder;
import dev.ktstr.api.spi.RunLock.Mode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flock provider inside one JVM: threads, close, file creation, provider lookup. */
class FlockInJvmTest {
    private final FlockRunLock lock = new FlockRunLock();

    @TempDir
    Path dir;

    @Test
    void nativeLoadsOnTheModulePathHere() {
        assertEquals(Optional.empty(), lock.unavailableReason());
        assertTrue(FlockRunLock.class.getModule().isNamed(), "surefire should run this module on the module path");
    }

    @Test
    void lookupChoosesFlockOverTheNioFallback() {
        Selection<RunLock> selection = Providers.select(Spi.LOCK);
        assertEquals("flock", selection.provider().name());
        assertTrue(selection.candidates().stream().anyMatch(c -> c.name().equals("nio") && c.usable()),
                selection.candidates().toString());
    }

    @Test
    void withoutJffiTheFlockProviderSaysWhyAndTheLookupFallsBackToNio() throws Exception {
        String classPath = java.util.Arrays.stream(Peer.childClassPath().split(java.io.File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("jffi-"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, ProviderReportMain.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("reason=jnr-posix native loading failed: "), out);
        assertTrue(out.contains("chosen=nio\n"), out);
    }

    @Test
    void createsTheLockFileAndItsLocksDirectoryAndKeepsThem() throws Exception {
        Path locks = dir.resolve("ktstr").resolve(".locks");
        Path lockFile = locks.resolve("6.14.2-abc1234.lock");
        assertFalse(Files.exists(locks));
        try (Held held = lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(1))) {
            assertTrue(Files.isDirectory(locks));
            assertTrue(Files.isRegularFile(lockFile));
            assertEquals(0, Files.size(lockFile));
        }
        assertTrue(Files.isRegularFile(lockFile), "the lock file is never removed");
    }

    @Test
    void closeReleasesAndIsIdempotent() throws Exception {
        Path lockFile = dir.resolve("c.lock");
        Held held = lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(1));
        assertEquals(99, Peer.flockNow(lockFile, true));
        held.close();
        assertEquals(0, Peer.flockNow(lockFile, true));
        assertDoesNotThrow(held::close);
        // A second close must not release a later holder's in-JVM gate.
        try (Held again = lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(1))) {
            held.close();
            assertThrows(IOException.class, () -> lock.acquire(lockFile, Mode.SHARED, Duration.ofMillis(200)));
        }
    }

    @Test
    void twoThreadsExcludeEachOtherAndTheTimeoutNamesThisProcess() throws Exception {
        Path lockFile = dir.resolve("t.lock");
        try (Held mine = lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(1))) {
            CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> {
                try (Held h = lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofMillis(500))) {
                    return "acquired";
                } catch (IOException e) {
                    return e.getMessage();
                }
            });
            String m = other.get(20, TimeUnit.SECONDS);
            assertTrue(m.startsWith("flock LOCK_EX on " + lockFile + " timed out after 500ms"), m);
            assertTrue(m.contains("  pid=" + ProcessHandle.current().pid() + " cmd="), m);
        }
    }

    @Test
    void waitingThreadGetsTheLockWhenTheHolderThreadCloses() throws Exception {
        Path lockFile = dir.resolve("t.lock");
        Held first = lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofSeconds(1));
        CompletableFuture<Held> second = CompletableFuture.supplyAsync(() -> {
            try {
                return lock.acquire(lockFile, Mode.SHARED, Duration.ofSeconds(20));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(second.isDone(), "shared acquired while another thread held it exclusively");
        first.close();
        try (Held h = second.get(20, TimeUnit.SECONDS)) {
            assertEquals(0, Peer.flockNow(lockFile, false));
            assertEquals(99, Peer.flockNow(lockFile, true));
        }
    }

    @Test
    void sharedThreadsCoexistAndExclusiveThreadWaitsForBoth() throws Exception {
        Path lockFile = dir.resolve("s.lock");
        Held a = lock.acquire(lockFile, Mode.SHARED, Duration.ofSeconds(1));
        Held b = CompletableFuture.supplyAsync(() -> {
            try {
                return lock.acquire(lockFile, Mode.SHARED, Duration.ofSeconds(1));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(20, TimeUnit.SECONDS);
        List<Holder> holders = lock.holders(lockFile);
        assertEquals(List.of(ProcessHandle.current().pid()), holders.stream().map(Holder::pid).toList(),
                "two shared flocks of one process are one holder pid");
        assertThrows(IOException.class, () -> lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofMillis(200)));
        a.close();
        assertThrows(IOException.class, () -> lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofMillis(200)));
        b.close();
        lock.acquire(lockFile, Mode.EXCLUSIVE, Duration.ofMillis(200)).close();
    }

    @Test
    void zeroTimeoutStillTriesOnce() throws Exception {
        try (Held h = lock.acquire(dir.resolve("z.lock"), Mode.EXCLUSIVE, Duration.ZERO)) {
            assertEquals(99, Peer.flockNow(FileHeld.of(h), false));
        }
    }

    @Test
    void unopenableLockFileFailsAtOnceNamingIt() throws Exception {
        Path aDirectory = Files.createDirectory(dir.resolve("d.lock"));
        IOException e = assertThrows(IOException.class,
                () -> lock.acquire(aDirectory, Mode.EXCLUSIVE, Duration.ofSeconds(30)));
        assertEquals("open " + aDirectory + ": EISDIR: Is a directory", e.getMessage());
    }

    @Test
    void holdersOfAMissingFileIsEmpty() throws Exception {
        assertEquals(List.of(), lock.holders(dir.resolve("never.lock")));
    }
}
