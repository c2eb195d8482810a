package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.store.IoErrorText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jnr.posix.FileStat;
import jnr.posix.Passwd;

/**
 * {@link RunLock} over real {@code flock(2)} (name {@code flock}), the lock the Rust tool takes,
 * so Java and Rust writers exclude each other. {@link java.nio.channels.FileChannel#lock} would
 * take an fcntl record lock, which does not conflict with {@code flock} on Linux.
 *
 * <p>It refuses remote and FUSE filesystems ({@code statfs} deny-list) and a lock directory
 * that is a symbolic link or not a directory, opens the lock file relative to its directory
 * ({@code O_CREAT|O_RDWR|O_CLOEXEC|O_NOFOLLOW}, mode 0666: a planted link fails, it is never
 * followed) and tries {@code LOCK_EX|LOCK_NB} or {@code LOCK_SH|LOCK_NB}; a busy lock is retried
 * on the same descriptor every 100 ms until the timeout, which fails with the holders found in
 * {@code /proc/locks}. Once locked, the path must still name the locked file (same device and
 * inode); if it was deleted or replaced meanwhile, the lock excludes nobody, so it is dropped and
 * the path opened and locked again. Threads of one JVM
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

    /**
     * Locks run {@code run}: {@code flock(2)} on {@code {root}/.locks/{name}.lock}, with
     * upstream's timeout wording for the run directory.
     */
    @Override
    public Held acquire(RunRef run, Mode mode, Duration timeout) throws IOException {
        Objects.requireNonNull(run, "run");
        return FileHeld.onRun(acquire(RunLockFiles.of(run), mode, timeout, RunLockFiles.context(run), RUN_DIR_REMEDIATION), run);
    }

    /**
     * Locks the file {@code lockFile} itself, with a generic remediation in the timeout message.
     *
     * @param lockFile the lock file, created (with its directory) when missing; never deleted
     * @param mode shared or exclusive
     * @param timeout the longest wait; zero tries once, a timeout too long to represent waits
     *     practically forever
     * @return the held lock; its {@link Held#run} is read back from the path: the directory above
     *     the lock file's directory as root, the file name without {@code .lock} as name
     * @throws IOException when the lock is not free within {@code timeout} (the message names
     *     the holders found in {@code /proc/locks}), when the file is on a refused filesystem or
     *     behind a symbolic link, when {@code flock(2)} is unavailable, or when opening or locking
     *     fails; {@link java.io.InterruptedIOException} when the thread is interrupted while waiting
     */
    public Held acquire(Path lockFile, Mode mode, Duration timeout) throws IOException {
        return acquire(lockFile, mode, timeout, String.valueOf(lockFile), LockMessages.GENERIC_REMEDIATION);
    }

    /**
     * Locks the file {@code lockFile} with the words of the timeout message chosen by the caller:
     * {@code flock <LOCK_EX|LOCK_SH> on <context> timed out after <timeout> (lockfile <path>,
     * holders: <holders>).} followed by a space and {@code remediation} unless it is empty.
     *
     * @param lockFile the lock file, created (with its directory) when missing; never deleted
     * @param mode shared or exclusive
     * @param timeout the longest wait; zero tries once, a timeout too long to represent waits
     *     practically forever
     * @param context what is locked, as the timeout message names it (e.g. {@code run-dir <path>})
     * @param remediation the advice ending the timeout message; empty for none
     * @return the held lock, as {@link #acquire(Path, Mode, Duration)} returns it
     * @throws IOException as {@link #acquire(Path, Mode, Duration)} throws it, with these words in
     *     the timeout message
     */
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
        int fd = -1;
        boolean replaced = false;
        try {
            int flockOp = (mode == Mode.EXCLUSIVE ? NativePosix.LOCK_EX : NativePosix.LOCK_SH) | NativePosix.LOCK_NB;
            while (true) {
                if (fd < 0) {
                    // A new description only when there is none: while another process holds the
                    // file this one opened, keep waiting on that file even if its name is deleted,
                    // since that holder is still at work.
                    rejectRemoteFs(nat, lockFile);
                    fd = openLockFile(nat, lockFile);
                }
                if (nat.posix.flock(fd, flockOp) == 0) {
                    if (pathNamesFile(nat, lockFile, fd)) {
                        handedOver = true;
                        return new FlockHeld(nat, lockFile, key, mode, fd);
                    }
                    // Locked a file that is no longer (or never was) the one the path names: it was
                    // deleted or replaced meanwhile. That lock excludes nobody; start again at once.
                    nat.posix.close(fd);
                    fd = -1;
                    replaced = true;
                    if (System.nanoTime() - deadline >= 0) {
                        throw timedOut(op, context, timeout, lockFile, remediation, true);
                    }
                    continue;
                }
                int errno = nat.posix.errno();
                if (errno != nat.ewouldblock) {
                    throw new IOException("flock " + lockFile + ": " + NativePosix.errnoText(errno));
                }
                if (System.nanoTime() - deadline >= 0) {
                    throw timedOut(op, context, timeout, lockFile, remediation, replaced);
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
                if (fd >= 0) {
                    nat.posix.close(fd);
                }
                JvmLockTable.INSTANCE.leave(key, mode);
            }
        }
    }

    @Override
    public List<Holder> holders(RunRef run) throws IOException {
        return holders(RunLockFiles.of(run));
    }

    /**
     * The holders of the lock file {@code lockFile}, from {@code /proc/locks}. Never takes the
     * lock and never creates the file.
     *
     * @param lockFile the lock file
     * @return the processes holding a {@code flock} on it, in {@code /proc/locks} order; empty
     *     when the file does not exist or nobody holds it
     * @throws IOException when {@code /proc/self/mountinfo} or {@code /proc/locks} cannot be read
     *     or the file's device and inode cannot be found
     */
    public List<Holder> holders(Path lockFile) throws IOException {
        Objects.requireNonNull(lockFile, "lockFile");
        if (!Files.exists(lockFile)) {
            return List.of();
        }
        return LockHolders.read(lockFile);
    }

    /**
     * Opens (creating if needed) the lock file relative to a descriptor of its directory, neither
     * through a symbolic link: the directory with {@code O_DIRECTORY|O_NOFOLLOW}, the file with
     * {@code O_NOFOLLOW}. Errors carry one line of cause and remedy.
     */
    static int openLockFile(NativePosix nat, Path lockFile) throws IOException {
        Path abs = lockFile.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        String name = abs.getFileName().toString();
        int dirfd = nat.posix.open(dir.toString(), nat.dirFlags, 0);
        if (dirfd < 0) {
            int errno = nat.posix.errno();
            String errnoName = NativePosix.errnoName(errno);
            if (errnoName.equals("ELOOP")) {
                throw new IOException("open " + lockFile + ": "
                        + LockMessages.lockDirIsSymlink(dir, linkTarget(dir)));
            }
            if (errnoName.equals("ENOTDIR") && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("open " + lockFile + ": " + LockMessages.lockDirNotDirectory(dir));
            }
            throw new IOException("open " + dir + ": " + explain(nat, errno, dir, dir));
        }
        try {
            int fd = nat.openat(dirfd, name, nat.openFlags, MODE_0666);
            if (fd < 0) {
                int errno = nat.lastFfiErrno();
                throw new IOException("open " + lockFile + ": " + explain(nat, errno, abs, dir));
            }
            return fd;
        } finally {
            nat.posix.close(dirfd);
        }
    }

    /** One line for an open failure: cause and remedy, naming owners for EACCES/EPERM. */
    private static String explain(NativePosix nat, int errno, Path file, Path dir) {
        String errnoName = NativePosix.errnoName(errno);
        if (errnoName.equals("EACCES") || errnoName.equals("EPERM")) {
            FileStat st = nat.posix.allocateStat();
            int me = nat.posix.geteuid();
            if (nat.posix.lstat(file.toString(), st) == 0 && !st.isDirectory() && st.uid() != me) {
                return LockMessages.ownedByOther(uidText(nat, st.uid()));
            }
            if (nat.posix.lstat(file.toString(), st) != 0 && nat.posix.stat(dir.toString(), st) == 0
                    && st.uid() != me) {
                return LockMessages.dirNotWritable(dir, uidText(nat, st.uid()));
            }
            return "permission denied: check the permissions of " + file + " and its directory";
        }
        String better = LockMessages.causeAndRemedy(errnoName);
        return better.isEmpty() ? NativePosix.errnoText(errno) : better;
    }

    private static String uidText(NativePosix nat, int uid) {
        String name = null;
        try {
            Passwd pw = nat.posix.getpwuid(uid);
            name = pw == null ? null : pw.getLoginName();
        } catch (RuntimeException e) {
            // no name: the number alone
        }
        return LockMessages.uidText(uid, name);
    }

    private static String linkTarget(Path link) {
        try {
            return String.valueOf(Files.readSymbolicLink(link));
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Whether {@code lockFile} still names the file {@code fd} is open on (same device and inode,
     * not following a link). False when the name is gone or names another file.
     */
    private static boolean pathNamesFile(NativePosix nat, Path lockFile, int fd) throws IOException {
        FileStat open = nat.posix.allocateStat();
        if (nat.posix.fstat(fd, open) != 0) {
            throw new IOException("fstat lock file " + lockFile + ": " + nat.errnoText());
        }
        FileStat named = nat.posix.allocateStat();
        if (nat.posix.lstat(lockFile.toString(), named) != 0) {
            return false;
        }
        return named.dev() == open.dev() && named.ino() == open.ino();
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

    /**
     * Creates the lock file's directory; the key is the canonical path of the (maybe missing) file.
     * The directory itself must be a real directory: a symbolic link there (or a file) is refused
     * with a one-line cause and remedy, never followed or reported as a raw exception.
     */
    static Path createParentAndKey(Path lockFile) throws IOException {
        Path abs = lockFile.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent == null || abs.getFileName() == null) {
            throw new IOException("cannot lock " + lockFile + ": not a file path");
        }
        refuseOddLockDir(lockFile, parent);
        try {
            Files.createDirectories(parent);
        } catch (FileAlreadyExistsException e) {
            refuseOddLockDir(lockFile, parent);
            throw new IOException("create lock subdirectory " + parent + ": " + reasonText(e), e);
        } catch (IOException e) {
            throw new IOException("create lock subdirectory " + parent + ": " + reasonText(e), e);
        }
        refuseOddLockDir(lockFile, parent);
        return parent.toRealPath().resolve(abs.getFileName());
    }

    /** Refuses a lock directory that is a symbolic link or not a directory; a missing one passes. */
    private static void refuseOddLockDir(Path lockFile, Path dir) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            return; // the create or open that follows reports it
        }
        if (a.isSymbolicLink()) {
            throw new IOException("cannot lock " + lockFile + ": " + LockMessages.lockDirIsSymlink(dir, linkTarget(dir)));
        }
        if (!a.isDirectory()) {
            throw new IOException("cannot lock " + lockFile + ": " + LockMessages.lockDirNotDirectory(dir));
        }
    }

    /** The reason of a Java file-system exception as cause and remedy, or as the JDK words it. */
    static String reasonText(IOException e) {
        String reason = IoErrorText.reason(e);
        String better = LockMessages.causeAndRemedyForReason(reason);
        if (!better.isEmpty()) {
            return better;
        }
        if ("Permission denied".equals(reason)) {
            return "permission denied: check the permissions of the directories on that path";
        }
        return reason;
    }

    private static IOException timedOut(String op, String context, Duration timeout, Path lockFile,
                                        String remediation) {
        return timedOut(op, context, timeout, lockFile, remediation, false);
    }

    private static IOException timedOut(String op, String context, Duration timeout, Path lockFile,
                                        String remediation, boolean replaced) {
        String text = LockMessages.timeout(op, context, timeout, lockFile, LockHolders.readOrEmpty(lockFile),
                remediation);
        return new IOException(replaced ? text + " The lock file was deleted or replaced while it was held;"
                + " a holder of the deleted file still counts until it exits." : text);
    }

    /**
     * Waits longer than this (about 73 years) mean "practically forever": the deadline
     * {@code System.nanoTime() + nanos} stays far from overflow, and every comparison against it
     * ({@code now - deadline}) stays exact.
     */
    static final long FOREVER_NANOS = Long.MAX_VALUE / 4;

    /** The timeout in nanoseconds, 0 for negative, capped at {@link #FOREVER_NANOS}; never overflows. */
    static long saturatedNanos(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return 0;
        }
        if (timeout.getSeconds() >= FOREVER_NANOS / 1_000_000_000L) {
            return FOREVER_NANOS;
        }
        return Math.min(FOREVER_NANOS, timeout.toNanos());
    }

    /** The held lock: closing the descriptor releases the kernel lock, then the JVM gate. */
    private static final class FlockHeld implements FileHeld {
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
        public RunRef run() {
            return RunLockFiles.runOf(lockFile);
        }

        @Override
        public String provider() {
            return "flock";
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
