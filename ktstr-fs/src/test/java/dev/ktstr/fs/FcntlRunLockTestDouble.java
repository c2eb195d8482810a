package dev.ktstr.fs;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * TEST DOUBLE of {@link RunLock}: the real provider (flock, in dev.ktstr.posix) is another
 * implementation module, which this one must not depend on. It excludes across processes with
 * {@code fcntl} record locks ({@link FileChannel#lock}) and within this JVM with a per-file
 * {@link ReentrantLock} (fcntl locks are per process). Exclusive mode only.
 */
final class FcntlRunLockTestDouble implements RunLock {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "fcntl-test-double";
    }

    @Override
    public Held acquire(RunRef run, Mode mode, Duration timeout) throws IOException {
        Path lockFile = Path.of(run.root(), ".locks", run.name() + ".lock");
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IOException("lock " + lockFile + " timed out after " + timeout + " (held in this JVM)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + lockFile, e);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock fl = ch.tryLock();
                if (fl != null) {
                    FileChannel open = ch;
                    return new Held() {
                        private boolean closed;

                        @Override
                        public RunRef run() {
                            return run;
                        }

                        @Override
                        public String provider() {
                            return name();
                        }

                        @Override
                        public synchronized void close() throws IOException {
                            if (!closed) {
                                closed = true;
                                try {
                                    open.close(); // releases the fcntl lock
                                } finally {
                                    local.unlock();
                                }
                            }
                        }
                    };
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("lock " + lockFile + " timed out after " + timeout);
                }
                Thread.sleep(5);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (ch != null) {
                ch.close();
            }
            local.unlock();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + lockFile, e);
            }
            throw e instanceof IOException ? (IOException) e : new IOException(e);
        }
    }
}
