package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock.Mode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Shared/exclusive gate per lock file inside this JVM. {@code flock(2)} belongs to an open file
 * description, and each acquisition opens its own, so the kernel would already make two threads
 * exclude each other; this gate makes them wait in the JVM instead of polling the kernel, and
 * gives the same semantics to the portable provider, whose JDK locks are per JVM. A gate entry
 * may be released from any thread (unlike {@link java.util.concurrent.locks.ReentrantReadWriteLock}).
 */
final class JvmLockTable {
    /** The process-wide table; keys are canonical lock-file paths. */
    static final JvmLockTable INSTANCE = new JvmLockTable();

    private static final class State {
        int shared;
        boolean exclusive;
    }

    private final Map<Path, State> states = new HashMap<>();

    /**
     * Enters the gate for {@code key}, waiting until {@code deadlineNanos} ({@link System#nanoTime()} scale).
     *
     * @return whether the gate was entered; {@code false} on timeout
     */
    synchronized boolean enter(Path key, Mode mode, long deadlineNanos) throws InterruptedException {
        State s = states.computeIfAbsent(key, k -> new State());
        while (s.exclusive || (mode == Mode.EXCLUSIVE && s.shared > 0)) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                dropIfIdle(key, s);
                return false;
            }
            long millis = Math.max(1, left / 1_000_000);
            wait(millis);
            s = states.computeIfAbsent(key, k -> new State());
        }
        if (mode == Mode.EXCLUSIVE) {
            s.exclusive = true;
        } else {
            s.shared++;
        }
        return true;
    }

    /** Leaves the gate entered with {@code mode}. */
    synchronized void leave(Path key, Mode mode) {
        State s = states.get(key);
        if (s == null) {
            return;
        }
        if (mode == Mode.EXCLUSIVE) {
            s.exclusive = false;
        } else if (s.shared > 0) {
            s.shared--;
        }
        dropIfIdle(key, s);
        notifyAll();
    }

    private void dropIfIdle(Path key, State s) {
        if (!s.exclusive && s.shared == 0) {
            states.remove(key, s);
        }
    }
}
