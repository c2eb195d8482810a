package dev.ktstr.api.spi;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A cross-process lock on one run ({@link RunRef}), held by writers across the pre-clear and
 * the writes. What a run's lock is belongs to the provider: {@code flock} takes {@code flock(2)}
 * on {@code {root}/.locks/{name}.lock}, the file the Rust tool locks; {@code pg} takes a
 * PostgreSQL advisory lock keyed from the run name, so writers on different machines exclude
 * each other. Implementations must be thread-safe; a {@link Held} belongs to its thread.
 */
public interface RunLock extends KtstrProvider {

    /** Exclusive for writers, shared for readers. */
    enum Mode {
        /** Held by any number of readers at once, excluding writers. */
        SHARED,
        /** Held by one writer, excluding everyone else. */
        EXCLUSIVE
    }

    /** How long the sidecar writer waits for the run lock, as upstream does. */
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Upstream's remediation for a run-dir lock timeout, braces included (upstream prints them
     * literally). The flock provider appends it to its timeout message.
     */
    String RUN_DIR_REMEDIATION = "A peer cargo ktstr test process is writing sidecars to the same "
            + "{kernel}-{project_commit} directory; wait for it to finish or kill it, then retry.";

    /**
     * Takes the lock on {@code run}, waiting at most {@code timeout} (a timeout too long to
     * represent means "wait practically forever", never a short wait).
     *
     * @param run     the run to lock
     * @param mode    shared (readers) or exclusive (writers)
     * @param timeout the longest wait
     * @return the held lock; closing it releases the lock
     * @throws IOException when the lock cannot be taken in time or at all; the message names the
     *                     run (and the lock file or server), and, where known, the holders
     */
    Held acquire(RunRef run, Mode mode, Duration timeout) throws IOException;

    /**
     * Who holds the lock on {@code run} now, as far as the provider can tell; empty when none
     * or unknown. Never takes the lock.
     *
     * @param run the run whose lock is asked about
     * @return the holders now, in no particular order; the default knows none
     * @throws IOException when the provider could ask but the answer could not be read
     */
    default List<Holder> holders(RunRef run) throws IOException {
        Objects.requireNonNull(run, "run");
        return List.of();
    }

    /**
     * One holder of a lock.
     *
     * @param pid     process id (for a database lock: the server backend's)
     * @param cmdline what the holder is: its command line cut to 100 characters (then ending in
     *                {@code …}), or {@code <cmdline unavailable>}; a database lock gives the
     *                client's application name and address
     */
    record Holder(long pid, String cmdline) {
        /**
         * A holder.
         *
         * @param pid     process id (for a database lock: the server backend's)
         * @param cmdline what the holder is, as the record describes it; not null
         */
        public Holder {
            Objects.requireNonNull(cmdline, "cmdline");
        }
    }

    /** A lock that is held until closed. */
    interface Held extends AutoCloseable {
        /** {@return the run this lock is held on} */
        RunRef run();

        /** {@return the provider name of the lock ({@code flock}, {@code pg}), for stores that check it} */
        String provider();

        /**
         * Releases the lock; idempotent.
         *
         * @throws IOException when the provider fails to release it
         */
        @Override
        void close() throws IOException;
    }
}
