package dev.ktstr.api.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A cross-process lock on one lock file, such as {@code {runs_root}/.locks/{key}.lock}.
 * Providers that interoperate with the Rust tool must take the same kind of lock it takes
 * ({@code flock(2)}).
 */
public interface RunLock extends KtstrProvider {

    /** Exclusive for writers, shared for readers. */
    enum Mode { SHARED, EXCLUSIVE }

    /** How long the sidecar writer waits for the run-dir lock, as upstream does. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Upstream's remediation for a run-dir lock timeout, braces included (upstream prints them
     * literally). Pass it with the context {@code "run-dir " + dir} to
     * {@link #acquire(Path, Mode, Duration, String, String)} to get upstream's exact message.
     */
    String RUN_DIR_REMEDIATION = "A peer cargo ktstr test process is writing sidecars to the same "
            + "{kernel}-{project_commit} directory; wait for it to finish or kill it, then retry.";

    /**
     * Takes the lock, creating the file and its parent directory if missing, waiting at most
     * {@code timeout}.
     *
     * @throws IOException when the lock cannot be taken in time or the file cannot be opened;
     *                     the message names the file and, where known, the holders
     */
    Held acquire(Path lockFile, Mode mode, Duration timeout) throws IOException;

    /**
     * {@link #acquire(Path, Mode, Duration)} with the words of the timeout message chosen by
     * the caller. The flock provider then fails with exactly upstream's text:
     * {@code flock <LOCK_EX|LOCK_SH> on <context> timed out after <timeout> (lockfile <path>,
     * holders: <holders>).} followed by a space and {@code remediation} unless it is empty.
     * For the sidecar run directory: context {@code "run-dir " + dir}, remediation
     * {@link #RUN_DIR_REMEDIATION}. Providers that cannot word it ignore both.
     */
    default Held acquire(Path lockFile, Mode mode, Duration timeout, String context, String remediation)
            throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(remediation, "remediation");
        return acquire(lockFile, mode, timeout);
    }

    /**
     * Who holds this lock now, as far as the provider can tell (the flock provider reads
     * {@code /proc/locks}); empty when none or unknown. Never takes the lock.
     *
     * @throws IOException when the provider could ask but the answer could not be read
     */
    default List<Holder> holders(Path lockFile) throws IOException {
        Objects.requireNonNull(lockFile, "lockFile");
        return List.of();
    }

    /**
     * One holder of a lock.
     *
     * @param pid     process id
     * @param cmdline its command line, arguments separated by spaces, cut to 100 characters
     *                (then ending in {@code …}), or {@code <cmdline unavailable>}
     */
    record Holder(long pid, String cmdline) {
        public Holder {
            Objects.requireNonNull(cmdline, "cmdline");
        }
    }

    /** A lock that is held until closed. */
    interface Held extends AutoCloseable {
        /** The lock file. */
        Path lockFile();

        /** Releases the lock; idempotent. */
        @Override
        void close() throws IOException;
    }
}
