package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** flock(2) run lock (first draft: registration only; the lock is the POSIX lock issue). */
public final class FlockRunLock implements RunLock {
    @Override
    public String name() {
        return "flock";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Held acquire(Path lockFile, Mode mode, Duration timeout) throws IOException {
        throw new UnsupportedOperationException("FlockRunLock.acquire is not implemented yet");
    }
}
