package dev.ktstr.api.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A cross-process lock on one lock file, such as {@code {runs_root}/.locks/{key}.lock}.
 * Providers that interoperate with the Rust tool must take the same kind of lock it takes
 * ({@code flock(2)}).
 */
public interface RunLock extends KtstrProvider {

    /** Exclusive for writers, shared for readers. */
    enum Mode { SHARED, EXCLUSIVE }

    /**
     * Takes the lock, creating the file and its parent directory if missing, waiting at most
     * {@code timeout}.
     *
     * @throws IOException when the lock cannot be taken in time or the file cannot be opened;
     *                     the message names the file and, where known, the holders
     */
    Held acquire(Path lockFile, Mode mode, Duration timeout) throws IOException;

    /** A lock that is held until closed. */
    interface Held extends AutoCloseable {
        /** The lock file. */
        Path lockFile();

        /** Releases the lock; idempotent. */
        @Override
        void close() throws IOException;
    }
}
