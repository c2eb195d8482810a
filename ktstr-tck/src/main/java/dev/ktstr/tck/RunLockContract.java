package dev.ktstr.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunLock.Mode;
import dev.ktstr.api.spi.RunRef;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RunLock} passes. A provider's test extends this class and supplies
 * the lock and fresh runs:
 *
 * <pre>{@code
 * class MyLockContractTest extends RunLockContract {
 *     @Override protected RunLock newLock() { return new MyLock(); }
 *     @Override protected RunRef newRun() { return new RunRef(root, "run-" + UUID.randomUUID()); }
 * }
 * }</pre>
 *
 * <p>Contention comes from other threads of this JVM: every lock provider must exclude them
 * as it excludes other processes (a provider's own tests show the cross-process side, e.g.
 * against {@code flock(1)}). Each {@link RunLock.Held} is taken and released on one thread. The
 * guarantees checked, one case each:
 * <ul>
 *   <li>an exclusive lock excludes an exclusive one from another thread, which times out with an
 *       {@link IOException} naming the run, after waiting about its timeout;</li>
 *   <li>shared admits shared; shared excludes exclusive; exclusive excludes shared;</li>
 *   <li>releasing lets a waiter in, within its timeout;</li>
 *   <li>{@link RunLock.Held#close} is idempotent: a second close does not release a lock
 *       someone else took since; {@link RunLock#close} is idempotent;</li>
 *   <li>{@link RunLock.Held#run} is the run locked, {@link RunLock.Held#provider} the lock's name;</li>
 *   <li>a timeout too long to represent ({@code Duration.ofSeconds(Long.MAX_VALUE)}) waits for
 *       the holder instead of overflowing into a short wait; a zero timeout takes a free lock
 *       and fails at once on a held one;</li>
 *   <li>locks on different runs are independent; {@link RunLock#holders} never takes the lock.</li>
 * </ul>
 */
// A held lock's try block is its scope: the body need not name it, and closing one may wait
// for the holder thread (hence InterruptedException); both are what the "try" lint flags.
@SuppressWarnings("try")
public abstract class RunLockContract {
    /** For the provider's test class, which extends this one. */
    protected RunLockContract() {
    }

    /** How long a case expects an uncontended acquisition to take at most. */
    private static final Duration GENEROUS = Duration.ofSeconds(20);
    /** The short timeout of cases that expect a timeout. */
    private static final Duration SHORT = Duration.ofMillis(300);

    private RunLock lock;
    private ExecutorService threads;

    /**
     * A new instance of the lock under test, called once before each case.
     *
     * @return a fresh lock; the contract closes it after the case
     * @throws Exception when the lock cannot be created; the case fails
     */
    protected abstract RunLock newLock() throws Exception;

    /**
     * A run no other case (and no other call) uses; a case calls this once per run it locks.
     *
     * @return a run distinct from every run returned before
     * @throws Exception when the run cannot be prepared; the case fails
     */
    protected abstract RunRef newRun() throws Exception;

    /**
     * The lock of the running case.
     *
     * @return the lock {@link #newLock()} gave for this case
     */
    protected final RunLock lock() {
        return lock;
    }

    @BeforeEach
    final void openLockForContract() throws Exception {
        lock = newLock();
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "run-lock-contract");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    final void closeLockAfterContract() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        if (lock != null) {
            lock.close();
        }
    }

    @Test
    void exclusiveExcludesExclusiveAndTheTimeoutNamesTheRun() throws Exception {
        RunRef run = newRun();
        try (HeldOnThread holder = hold(run, Mode.EXCLUSIVE)) {
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> acquireOnThread(run, Mode.EXCLUSIVE, SHORT),
                    "a second exclusive lock on " + run + " while one is held");
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(String.valueOf(e.getMessage()).contains(run.name()),
                    "the timeout message names the run '" + run.name() + "': " + e.getMessage());
            assertTrue(waitedMs >= SHORT.toMillis() - 50, "it waited for its timeout, not " + waitedMs + " ms");
        }
    }

    @Test
    void sharedAdmitsShared() throws Exception {
        RunRef run = newRun();
        try (HeldOnThread reader = hold(run, Mode.SHARED)) {
            assertDoesNotThrow(() -> acquireOnThread(run, Mode.SHARED, GENEROUS), "a second shared lock");
        }
    }

    @Test
    void sharedExcludesExclusive() throws Exception {
        RunRef run = newRun();
        try (HeldOnThread reader = hold(run, Mode.SHARED)) {
            assertThrows(IOException.class, () -> acquireOnThread(run, Mode.EXCLUSIVE, SHORT),
                    "an exclusive lock while a shared one is held");
        }
    }

    @Test
    void exclusiveExcludesShared() throws Exception {
        RunRef run = newRun();
        try (HeldOnThread writer = hold(run, Mode.EXCLUSIVE)) {
            assertThrows(IOException.class, () -> acquireOnThread(run, Mode.SHARED, SHORT),
                    "a shared lock while an exclusive one is held");
        }
    }

    @Test
    void releaseLetsAWaiterIn() throws Exception {
        RunRef run = newRun();
        HeldOnThread holder = hold(run, Mode.EXCLUSIVE);
        long start = System.nanoTime();
        Future<?> waiter = threads.submit(() -> {
            try (RunLock.Held h = lock.acquire(run, Mode.EXCLUSIVE, GENEROUS)) {
                return h.run();
            }
        });
        Thread.sleep(300);
        assertTrue(!waiter.isDone(), "the waiter must wait while the lock is held");
        holder.close();
        assertEquals(run, waiter.get(GENEROUS.toSeconds() + 5, TimeUnit.SECONDS), "the waiter got the lock");
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 250, "the waiter waited");
    }

    @Test
    void heldCloseIsIdempotentAndNeverReleasesALaterHolder() throws Exception {
        RunRef run = newRun();
        RunLock.Held first = lock.acquire(run, Mode.EXCLUSIVE, GENEROUS);
        first.close();
        try (RunLock.Held second = lock.acquire(run, Mode.EXCLUSIVE, GENEROUS)) {
            first.close(); // again: must not release "second"
            assertThrows(IOException.class, () -> acquireOnThread(run, Mode.EXCLUSIVE, SHORT),
                    "the lock taken after the first close is still held after a second close of the first");
        }
        assertDoesNotThrow(() -> acquireOnThread(run, Mode.EXCLUSIVE, GENEROUS), "free again");
    }

    @Test
    void providerCloseIsIdempotent() {
        assertDoesNotThrow(() -> {
            lock.close();
            lock.close();
        });
    }

    @Test
    void heldNamesItsRunAndProvider() throws Exception {
        RunRef run = newRun();
        try (RunLock.Held held = lock.acquire(run, Mode.EXCLUSIVE, GENEROUS)) {
            assertEquals(run, held.run(), "Held.run()");
            assertEquals(lock.name(), held.provider(), "Held.provider()");
        }
        try (RunLock.Held held = lock.acquire(run, Mode.SHARED, GENEROUS)) {
            assertEquals(run, held.run(), "Held.run() of a shared lock");
        }
    }

    @Test
    void aHugeTimeoutWaitsForTheHolderInsteadOfOverflowing() throws Exception {
        RunRef run = newRun();
        HeldOnThread holder = hold(run, Mode.EXCLUSIVE);
        CompletableFuture<Void> releaser = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(300);
                holder.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, threads);
        long start = System.nanoTime();
        Future<RunRef> waiter = threads.submit(() -> {
            try (RunLock.Held h = lock.acquire(run, Mode.EXCLUSIVE, Duration.ofSeconds(Long.MAX_VALUE))) {
                return h.run();
            }
        });
        assertEquals(run, getOrFail(waiter), "Duration.ofSeconds(Long.MAX_VALUE) got the lock once released");
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMs >= 200, "it waited for the holder (" + waitedMs + " ms)");
        releaser.get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aZeroTimeoutTakesAFreeLockAndFailsAtOnceOnAHeldOne() throws Exception {
        RunRef run = newRun();
        assertDoesNotThrow(() -> acquireOnThread(run, Mode.EXCLUSIVE, Duration.ZERO), "a free lock, zero timeout");
        try (HeldOnThread holder = hold(run, Mode.EXCLUSIVE)) {
            long start = System.nanoTime();
            assertThrows(IOException.class, () -> acquireOnThread(run, Mode.EXCLUSIVE, Duration.ZERO),
                    "a held lock, zero timeout");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(ms < 5_000, "failed at once, not after " + ms + " ms");
        }
    }

    @Test
    void locksOnDifferentRunsAreIndependent() throws Exception {
        RunRef a = newRun();
        RunRef b = newRun();
        assertNotEquals(a, b, "newRun() must return a new run each call");
        try (HeldOnThread holder = hold(a, Mode.EXCLUSIVE)) {
            assertDoesNotThrow(() -> acquireOnThread(b, Mode.EXCLUSIVE, Duration.ofSeconds(5)),
                    "an exclusive lock on " + b + " while " + a + " is held");
        }
    }

    @Test
    void holdersNeverTakesTheLock() throws Exception {
        RunRef run = newRun();
        lock.holders(run);
        try (HeldOnThread holder = hold(run, Mode.EXCLUSIVE)) {
            lock.holders(run);
        }
        lock.holders(run);
        assertDoesNotThrow(() -> acquireOnThread(run, Mode.EXCLUSIVE, Duration.ZERO), "free after holders()");
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Takes {@code mode} on {@code run} on another thread, and returns once it is held there; the
     * thread releases it on {@link HeldOnThread#close}.
     *
     * @param run the run to lock
     * @param mode shared or exclusive
     * @return the holder; close it to release the lock
     * @throws Exception what the acquisition threw, e.g. an {@link IOException} when the lock was
     *     not free within the contract's generous timeout
     */
    protected final HeldOnThread hold(RunRef run, Mode mode) throws Exception {
        return new HeldOnThread(run, mode);
    }

    /**
     * Takes and at once releases {@code mode} on {@code run} on another thread, waiting at most
     * {@code timeout}.
     *
     * @param run the run to lock
     * @param mode shared or exclusive
     * @param timeout the longest wait for the lock; {@link Duration#ZERO} tries once
     * @throws Exception what the acquisition threw, e.g. the {@link IOException} of a timeout
     */
    protected final void acquireOnThread(RunRef run, Mode mode, Duration timeout) throws Exception {
        Future<?> f = threads.submit(() -> {
            try (RunLock.Held h = lock.acquire(run, mode, timeout)) {
                return h.run();
            }
        });
        getOrFail(f);
    }

    private static <T> T getOrFail(Future<T> f) throws Exception {
        try {
            return f.get(GENEROUS.toSeconds() + 10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw e;
        }
    }

    /** A lock held by a thread of its own until closed (a {@link RunLock.Held} belongs to its thread). */
    protected final class HeldOnThread implements AutoCloseable {
        private final CountDownLatch release = new CountDownLatch(1);
        private final Future<?> holder;

        HeldOnThread(RunRef run, Mode mode) throws Exception {
            CountDownLatch acquired = new CountDownLatch(1);
            holder = threads.submit(() -> {
                try (RunLock.Held h = lock.acquire(run, mode, GENEROUS)) {
                    acquired.countDown();
                    release.await();
                }
                return null;
            });
            while (!acquired.await(50, TimeUnit.MILLISECONDS)) {
                if (holder.isDone()) {
                    getOrFail(holder); // throws what the acquisition threw
                    throw new AssertionError("the holder thread ended without taking the lock");
                }
            }
        }

        /** Releases the lock on its thread and waits until it is released. Idempotent. */
        @Override
        public void close() throws Exception {
            release.countDown();
            getOrFail(holder);
        }
    }
}
