package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link RunLock} over real {@code flock(2)} (name {@code flock}), the lock the Rust tool takes,
 * so Java and Rust writers exclude each other. {@link java.nio.channels.FileChannel#lock} would
 * take an fcntl record lock, which does not conflict with {@code flock} on Linux.
 *
 * <p>Each attempt refuses remote and FUSE filesystems ({@code statfs} deny-list), opens a new
 * descriptor ({@code O_CREAT|O_RDWR|O_CLOEXEC}, mode 0666) and tries
 * {@code LOCK_EX|LOCK_NB} or {@code LOCK_SH|LOCK_NB}; a busy lock is retried every 100 ms until
 * the timeout, which fails with the holders found in {@code /proc/locks}. Threads of one JVM
 * asking for the same file also exclude each other (a per-JVM gate in front of the kernel lock).
 * The lock file is never deleted.
 */
public final class FlockRunLock implements RunLock {
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final int MODE_0666 = 0666;

    @Override
    public String name() {
        return "flock";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> unavailableReason() {
        return NativePosix.unavailableReason();
    }

    @Override
    public Held acquire(Path lockFile, Mode mode, Duration timeout) throws IOException {
        return acquire(lockFile, mode, timeout, String.valueOf(lockFile), LockMessages.GENERIC_REMEDIATION);
    }

    @Override
    public Held acquire(Path lockFile, Mode mode, Duration timeout, String context, String remediation)
            throws IOException {
        Objects.requireNonNull(lockFile, "lockFile");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(remediation, "remediation");
        Optional<String> unavailable = unavailableReason();
        if (unavailable.isPresent()) {
            throw new IOException("cannot lock " + lockFile + ": " + unavailable.get()
                    + ". Put jnr-posix and its jffi native jar on the path, or choose another lock provider.");
        }
        NativePosix nat = NativePosix.get();
        long start = System.nanoTime();
        long deadline = start + saturatedNanos(timeout);

        Path key = createParentAndKey(lockFile);
        String op = "flock " + LockMessages.flockOp(mode);
        try {
            if (!JvmLockTable.INSTANCE.enter(key, mode, deadline)) {
                throw timedOut(op, context, timeout, lockFile, remediation);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + op + " on " + lockFile);
        }
        boolean handedOver = false;
        try {
            int flockOp = (mode == Mode.EXCLUSIVE ? NativePosix.LOCK_EX : NativePosix.LOCK_SH) | NativePosix.LOCK_NB;
            while (true) {
                OptionalLong fd = tryFlock(nat, lockFile, flockOp);
                if (fd.isPresent()) {
                    handedOver = true;
                    return new FlockHeld(nat, lockFile, key, mode, (int) fd.getAsLong());
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw timedOut(op, context, timeout, lockFile, remediation);
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + op + " on " + lockFile);
                }
            }
        } finally {
            if (!handedOver) {
                JvmLockTable.INSTANCE.leave(key, mode);
            }
        }
    }

    @Override
    public List<Holder> holders(Path lockFile) throws IOException {
        Objects.requireNonNull(lockFile, "lockFile");
        if (!Files.exists(lockFile)) {
            return List.of();
        }
        return LockHolders.read(lockFile);
    }

    /** One non-blocking attempt: the locked descriptor, or empty when another holder has it. */
    private static OptionalLong tryFlock(NativePosix nat, Path lockFile, int op) throws IOException {
        rejectRemoteFs(nat, lockFile);
        int fd = nat.posix.open(lockFile.toString(), nat.openFlags, MODE_0666);
        if (fd < 0) {
            throw new IOException("open " + lockFile + ": " + nat.errnoText());
        }
        if (nat.posix.flock(fd, op) == 0) {
            return OptionalLong.of(fd);
        }
        int errno = nat.posix.errno();
        String errnoText = nat.errnoText();
        nat.posix.close(fd);
        if (errno == nat.ewouldblock) {
            return OptionalLong.empty();
        }
        throw new IOException("flock " + lockFile + ": " + errnoText);
    }

    /** Refuses a lock file on a remote or FUSE filesystem; a failed {@code statfs} lets it through. */
    static void rejectRemoteFs(NativePosix nat, Path lockFile) throws IOException {
        Path target = RemoteFs.statfsTarget(lockFile);
        OptionalLong type = nat.fsType(target.toString());
        if (type.isPresent()) {
            Optional<String> refused = RemoteFs.classify(type.getAsLong());
            if (refused.isPresent()) {
                throw new IOException(RemoteFs.refusal(lockFile, refused.get()));
            }
        }
    }

    /** Creates the lock file's directory; the key is the canonical path of the (maybe missing) file. */
    static Path createParentAndKey(Path lockFile) throws IOException {
        Path abs = lockFile.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null) {
            throw new IOException("cannot lock " + lockFile + ": not a file path");
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IOException("create lock subdirectory " + parent + ": " + e, e);
        }
        return parent.toRealPath().resolve(abs.getFileName());
    }

    private static IOException timedOut(String op, String context, Duration timeout, Path lockFile,
                                        String remediation) {
        return new IOException(LockMessages.timeout(op, context, timeout, lockFile,
                LockHolders.readOrEmpty(lockFile), remediation));
    }

    static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2;
        }
    }

    /** The held lock: closing the descriptor releases the kernel lock, then the JVM gate. */
    private static final class FlockHeld implements Held {
        private final NativePosix nat;
        private final Path lockFile;
        private final Path key;
        private final Mode mode;
        private final int fd;
        private final AtomicBoolean closed = new AtomicBoolean();

        FlockHeld(NativePosix nat, Path lockFile, Path key, Mode mode, int fd) {
            this.nat = nat;
            this.lockFile = lockFile;
            this.key = key;
            this.mode = mode;
            this.fd = fd;
        }

        @Override
        public Path lockFile() {
            return lockFile;
        }

        @Override
        public void close() throws IOException {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            int rc = nat.posix.close(fd);
            String errnoText = rc == 0 ? "" : nat.errnoText();
            JvmLockTable.INSTANCE.leave(key, mode);
            if (rc != 0) {
                throw new IOException("close lock file " + lockFile + ": " + errnoText);
            }
        }

        @Override
        public String toString() {
            return "flock " + LockMessages.flockOp(mode) + " on " + lockFile + " (fd " + fd + ")";
        }
    }
}
