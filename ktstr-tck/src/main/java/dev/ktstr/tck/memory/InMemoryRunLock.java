package dev.ktstr.tck.memory;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link RunLock} inside this JVM (name {@code memory}): a shared/exclusive gate per
 * {@link RunRef}, shared by every instance of this class in the JVM (as {@code flock(2)} is
 * shared by every process on a host). It excludes threads, never other processes: it is the
 * lock of {@link InMemorySidecarStore}, and a reference for tests and embedders, not a lock for
 * files other processes write.
 *
 * <p>It behaves as the file locks do inside one JVM: not reentrant (a thread that asks again
 * for an exclusive lock it holds waits, then times out), a {@link Held} may be released from
 * any thread, a timeout too long to represent waits practically forever, and a timeout fails
 * with an {@link IOException} naming the run. Gates of runs nobody holds are forgotten.
 * Priority {@code -1000}: chosen only by name ({@code ktstr.lock=memory}), by the memory store,
 * or when no other lock is present.
 */
public final class InMemoryRunLock implements RunLock {

    /** The provider name, {@code memory}. */
    public static final String NAME = "memory";

    /** Longest wait honoured, about 146 years: longer timeouts are cut to it, never wrapped. */
    private static final long MAX_WAIT_NANOS = Long.MAX_VALUE / 2;

    private static final class Gate {
        int shared;
        boolean exclusive;
    }

    /** One gate per held run, JVM-wide; guarded by itself. */
    private static final Map<RunRef, Gate> GATES = new HashMap<>();

    /** A public no-argument constructor, for {@link java.util.ServiceLoader}. */
    public InMemoryRunLock() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -1000;
    }

    @Override
    public Held acquire(RunRef run, Mode mode, Duration timeout) throws IOException {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(timeout, "timeout");
        long wait = waitNanos(timeout);
        long start = System.nanoTime();
        synchronized (GATES) {
            Gate g = GATES.computeIfAbsent(run, k -> new Gate());
            while (g.exclusive || (mode == Mode.EXCLUSIVE && g.shared > 0)) {
                long left = wait - (System.nanoTime() - start);
                if (left <= 0) {
                    dropIfIdle(run, g);
                    throw new IOException("memory lock " + mode + " on run " + run + " timed out after " + timeout
                            + ": another thread of this JVM holds it; release it (close its Held) or wait longer");
                }
                try {
                    GATES.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    dropIfIdle(run, g);
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the memory lock on run " + run);
                }
                g = GATES.computeIfAbsent(run, k -> new Gate());
            }
            if (mode == Mode.EXCLUSIVE) {
                g.exclusive = true;
            } else {
                g.shared++;
            }
        }
        return new MemoryHeld(run, mode);
    }

    /** Nanoseconds to wait: negative is zero, anything too long to represent is the maximum. */
    private static long waitNanos(Duration timeout) {
        if (timeout.isNegative()) {
            return 0;
        }
        try {
            return Math.min(timeout.toNanos(), MAX_WAIT_NANOS);
        } catch (ArithmeticException tooLong) {
            return MAX_WAIT_NANOS;
        }
    }

    private static void dropIfIdle(RunRef run, Gate g) {
        if (!g.exclusive && g.shared == 0) {
            GATES.remove(run, g);
        }
    }

    private static void release(RunRef run, Mode mode) {
        synchronized (GATES) {
            Gate g = GATES.get(run);
            if (g == null) {
                return;
            }
            if (mode == Mode.EXCLUSIVE) {
                g.exclusive = false;
            } else if (g.shared > 0) {
                g.shared--;
            }
            dropIfIdle(run, g);
            GATES.notifyAll();
        }
    }

    private static final class MemoryHeld implements Held {
        private final RunRef run;
        private final Mode mode;
        private final AtomicBoolean released = new AtomicBoolean();

        MemoryHeld(RunRef run, Mode mode) {
            this.run = run;
            this.mode = mode;
        }

        @Override
        public RunRef run() {
            return run;
        }

        @Override
        public String provider() {
            return NAME;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(run, mode);
            }
        }

        @Override
        public String toString() {
            return "memory " + mode + " lock on run " + run + (released.get() ? " (released)" : "");
        }
    }
}
