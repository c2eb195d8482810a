package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Portable {@link RunLock} (name {@code nio}) over {@link FileChannel#tryLock}, for platforms
 * where jnr-posix cannot load. <strong>It does not interoperate with the Rust tool nor with any
 * {@code flock(2)} holder</strong>: on Linux the JDK takes fcntl record locks, which
 * {@code flock} ignores, so a Rust writer and a Java writer using this provider do not exclude
 * each other. It excludes other JVMs using it, and threads of this JVM. Its priority is
 * negative, so it is chosen only when the flock provider is absent or unusable, or when asked
 * for by name ({@code ktstr.lock=nio}).
 */
public final class NioRunLock implements RunLock {

    /** The JDK allows one lock per file per JVM: shared holders of this JVM share one. */
    private static final class HeldEntry {
        final FileChannel channel;
        int count;

        HeldEntry(FileChannel channel) {
            this.channel = channel;
        }
    }

    private static final Map<Path, HeldEntry> HELD = new HashMap<>();

    @Override
    public String name() {
        return "nio";
    }

    @Override
    public int priority() {
        return -100;
    }

    /** Locks run {@code run}: a JDK file lock on {@code {root}/.locks/{name}.lock}. */
    @Override
    public Held acquire(RunRef run, Mode mode, Duration timeout) throws IOException {
        Objects.requireNonNull(run, "run");
        return FileHeld.onRun(acquire(RunLockFiles.of(run), mode, timeout), run);
    }

    /**
     * Locks the file {@code lockFile} itself.
     *
     * @param lockFile the lock file, created (with its directory) when missing; never deleted
     * @param mode shared or exclusive
     * @param timeout the longest wait; zero tries once, a timeout too long to represent waits
     *     practically forever
     * @return the held lock; its {@link Held#run} is read back from the path: the directory above
     *     the lock file's directory as root, the file name without {@code .lock} as name
     * @throws IOException when the lock is not free within {@code timeout} (this provider cannot
     *     name the holders), when the lock directory is a symbolic link or not a directory, or
     *     when opening or locking fails; {@link java.io.InterruptedIOException} when the thread is
     *     interrupted while waiting
     */
    public Held acquire(Path lockFile, Mode mode, Duration timeout) throws IOException {
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + FlockRunLock.saturatedNanos(timeout);
        Path key = FlockRunLock.createParentAndKey(lockFile);
        try {
            if (!JvmLockTable.INSTANCE.enter(key, mode, deadline)) {
                throw timedOut(lockFile, mode, timeout);
            }
            boolean handedOver = false;
            boolean againOnce = false;
            try {
                while (true) {
                    Attempt a = tryLock(key, mode);
                    if (a == Attempt.LOCKED) {
                        handedOver = true;
                        return new NioHeld(lockFile, key, mode);
                    }
                    // AGAIN is not contention (the file was just created, or replaced): one more
                    // try even past the deadline, so a zero timeout takes a free lock.
                    if (a == Attempt.AGAIN && (!againOnce || System.nanoTime() - deadline < 0)) {
                        againOnce = true;
                        continue;
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        throw timedOut(lockFile, mode, timeout);
                    }
                    TimeUnit.NANOSECONDS.sleep(FlockRunLock.POLL_INTERVAL.toNanos());
                }
            } finally {
                if (!handedOver) {
                    JvmLockTable.INSTANCE.leave(key, mode);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the nio lock on " + lockFile);
        }
    }

    private enum Attempt { LOCKED, BUSY, AGAIN }

    /**
     * One attempt at the OS lock; an exclusive caller is alone in the JVM gate, shared callers
     * share the entry. The file is opened without following a link ({@code O_NOFOLLOW}); once
     * locked, the path must name the same file before and after the open, or the lock is
     * dropped and the attempt repeated ({@link Attempt#AGAIN}): a lock on a deleted or replaced
     * lock file excludes nobody.
     */
    private static Attempt tryLock(Path key, Mode mode) throws IOException {
        synchronized (HELD) {
            HeldEntry entry = HELD.get(key);
            if (mode == Mode.SHARED && entry != null) {
                entry.count++;
                return Attempt.LOCKED;
            }
            Object before = fileKey(key);
            FileChannel ch;
            try {
                ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (AccessDeniedException e) {
                throw new IOException("open " + key + ": " + accessDenied(key, e), e);
            } catch (IOException e) {
                throw new IOException("open " + key + ": " + FlockRunLock.reasonText(e), e);
            }
            FileLock lock;
            try {
                lock = ch.tryLock(0, Long.MAX_VALUE, mode == Mode.SHARED);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw new IOException("lock " + key + ": " + e, e);
            }
            if (lock == null) {
                ch.close();
                return Attempt.BUSY;
            }
            Object after = fileKey(key);
            // No file key on this platform (null both times): nothing to compare, keep the lock.
            if (before == MISSING || (before != null && !before.equals(after))) {
                ch.close(); // releases the lock
                return Attempt.AGAIN;
            }
            HeldEntry mine = new HeldEntry(ch);
            mine.count = 1;
            HELD.put(key, mine);
            return Attempt.LOCKED;
        }
    }

    /** EACCES: name the owner of a lock file that belongs to another user. */
    private static String accessDenied(Path key, AccessDeniedException e) {
        try {
            Object uid = Files.getAttribute(key, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            String owner = Files.getOwner(key, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(System.getProperty("user.name"))) {
                return LockMessages.ownedByOther(LockMessages.uidText(((Number) uid).intValue(),
                        owner.equals(String.valueOf(uid)) ? null : owner));
            }
        } catch (IOException | RuntimeException ignored) {
            // not there, or no unix view: the generic text
        }
        return FlockRunLock.reasonText(e);
    }

    private static final Object MISSING = new Object();

    /**
     * The file key (device and inode) of the file the path names, not following a link;
     * {@link #MISSING} when there is none, null when the platform has no file keys.
     */
    private static Object fileKey(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return MISSING;
        }
    }

    private static IOException timedOut(Path lockFile, Mode mode, Duration timeout) {
        return new IOException("nio lock " + (mode == Mode.EXCLUSIVE ? "exclusive" : "shared") + " on " + lockFile
                + " timed out after " + LockMessages.rustDebug(timeout) + " (lockfile " + lockFile
                + ", holders: unknown to the nio provider). Another process holds this lock; wait for it to"
                + " finish or kill it, then retry.");
    }

    private static final class NioHeld implements FileHeld {
        private final Path lockFile;
        private final Path key;
        private final Mode mode;
        private final AtomicBoolean closed = new AtomicBoolean();

        NioHeld(Path lockFile, Path key, Mode mode) {
            this.lockFile = lockFile;
            this.key = key;
            this.mode = mode;
        }

        @Override
        public Path lockFile() {
            return lockFile;
        }

        @Override
        public RunRef run() {
            return RunLockFiles.runOf(lockFile);
        }

        @Override
        public String provider() {
            return "nio";
        }

        @Override
        public void close() throws IOException {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            try {
                synchronized (HELD) {
                    HeldEntry entry = HELD.get(key);
                    if (entry != null && --entry.count == 0) {
                        HELD.remove(key);
                        entry.channel.close(); // releases the OS lock
                    }
                }
            } finally {
                JvmLockTable.INSTANCE.leave(key, mode);
            }
        }
    }
}
