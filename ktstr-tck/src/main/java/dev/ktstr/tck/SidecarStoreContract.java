package dev.ktstr.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.Utf8Order;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.PoolQuery;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import dev.ktstr.api.write.OneShotWarning;
import dev.ktstr.api.write.PreClearGate;
import dev.ktstr.api.write.RunIds;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import dev.ktstr.tck.memory.InMemoryRunLock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SidecarStore} passes. A provider's test extends this class and
 * supplies the store and a fresh root; every case below is inherited:
 *
 * <pre>{@code
 * class MyStoreContractTest extends SidecarStoreContract {
 *     @Override protected SidecarStore newStore() { return new MyStore(); }
 *     @Override protected String newRoot() { return "ns-" + UUID.randomUUID(); }
 * }
 * }</pre>
 *
 * <p>Each case gets a new store ({@link #newStore}), a new empty root ({@link #newRoot}) and the
 * run lock of {@link #lockFor}; the store is closed after the case. Sidecars are real records
 * encoded by the project's codec, so a store that reads its dimensions from the JSON (a
 * database) can do so. The guarantees checked, one case each:
 * <ul>
 *   <li><b>bytes</b>: what a session writes, collect hands to the parser byte for byte; the
 *       same file name in the same run replaces the earlier sidecar; test and run names with
 *       quotes, {@code ;}, {@code --} and characters outside ASCII (and outside the BMP) are
 *       stored, listed and selected literally;</li>
 *   <li><b>sessions</b>: {@link WriteSession#location()} is the canonical location of the run,
 *       the same for every session on it; {@link WriteSession#preClear} removes the run's
 *       sidecars and no other run's, and is refused ({@link IllegalStateException}) on a
 *       session from {@link SidecarStore#openLocation}; {@link SidecarStore#openRun} refuses
 *       ({@link IllegalArgumentException}) a lock held on another run;</li>
 *   <li><b>reading</b>: collect puts every stored sidecar in exactly one bucket
 *       ({@code walked == valid + parse errors + IO errors}), a parser's exception becoming a
 *       parse error carrying its message and its {@link IOException} an IO error; a run never
 *       written collects empty; {@link SidecarStore#listRuns} lists the runs newest first, then
 *       by name (UTF-8 order), never a dot-named one; a fresh root has no runs; the pool
 *       holds every run ordered by name, and a {@link PoolQuery} pool holds at least what the
 *       query selects;</li>
 *   <li><b>concurrency</b>: threads writing distinct sidecars, each through its own session,
 *       lose nothing, with and without the run lock;</li>
 *   <li><b>lifecycle</b>: {@link SidecarStore#close} is idempotent; the lock named by
 *       {@link SidecarStore#lockProvider} is found by name and locks the store's runs;</li>
 *   <li><b>writer</b>: {@link SidecarWriter} over this store and lock writes the default path
 *       (two writers in one process: the run is pre-cleared once, by the first) and the
 *       override location (never pre-cleared), bytes as the codec encodes them.</li>
 * </ul>
 */
public abstract class SidecarStoreContract {
    /** For the provider's test class, which extends this one. */
    protected SidecarStoreContract() {
    }

    /** Parses with the project's codec. */
    private static final SidecarParser<SidecarResult> CODEC = (location, bytes) -> SidecarCodec.read(bytes);

    private SidecarStore store;
    private String root;
    private RunLock lock;

    /**
     * A new instance of the store under test, called once before each case.
     *
     * @return a fresh store; the contract closes it after the case
     * @throws Exception when the store cannot be created; the case fails
     */
    protected abstract SidecarStore newStore() throws Exception;

    /**
     * A root no other case uses, holding no runs, that the store just made by {@link #newStore}
     * can use (filesystem: a new empty directory; a database: a new namespace or database).
     * Called once per case, right after {@link #newStore}.
     *
     * @return the case's root, in the store's own notation
     * @throws Exception when the root cannot be prepared; the case fails
     */
    protected abstract String newRoot() throws Exception;

    /**
     * The lock the cases take before {@link SidecarStore#openRun}. Default: the provider the
     * store {@linkplain SidecarStore#lockProvider names} (looked up with
     * {@link Providers#named}), else an {@link InMemoryRunLock}. Override to lock with the
     * provider the store is deployed with when it does not name one.
     *
     * @param store the store of the running case, just made by {@link #newStore}
     * @return the lock of the running case; the contract closes it after the case
     */
    protected RunLock lockFor(SidecarStore store) {
        return store.lockProvider().<RunLock>map(name -> Providers.named(Spi.LOCK, name))
                .orElseGet(InMemoryRunLock::new);
    }

    /**
     * How long a case waits for the run lock.
     *
     * @return the timeout of every acquisition; 30 seconds unless overridden
     */
    protected Duration lockTimeout() {
        return Duration.ofSeconds(30);
    }

    /**
     * The store of the running case.
     *
     * @return the store {@link #newStore()} gave for this case
     */
    protected final SidecarStore store() {
        return store;
    }

    /**
     * The root of the running case.
     *
     * @return the root {@link #newRoot()} gave for this case
     */
    protected final String root() {
        return root;
    }

    /**
     * The run lock of the running case.
     *
     * @return the lock {@link #lockFor} gave for this case's store
     */
    protected final RunLock lock() {
        return lock;
    }

    @BeforeEach
    final void openStoreForContract() throws Exception {
        store = newStore();
        root = newRoot();
        lock = lockFor(store);
    }

    @AfterEach
    final void closeStoreAfterContract() {
        if (store != null) {
            store.close();
        }
    }

    // ---------------------------------------------------------------- bytes

    @Test
    void roundTripHandsTheParserExactlyTheBytesWritten() throws Exception {
        SidecarResult a = sidecar("round_trip_a", "eevdf");
        SidecarResult b = sidecar("round_trip_b", "scx_lavd");
        writeLocked("6.14.2-aaaaaaa", a, b);

        RunCollection<byte[]> run = collectBytes("6.14.2-aaaaaaa");
        assertEquals(2, run.walked(), "walked");
        assertEquals(List.of(), run.parseErrors(), "parse errors");
        assertEquals(List.of(), run.ioErrors(), "IO errors");
        assertSameBytes(List.of(SidecarCodec.write(a), SidecarCodec.write(b)), run.values());
    }

    @Test
    void sameFileNameInTheSameRunReplacesTheSidecar() throws Exception {
        SidecarResult first = sidecar("overwrite", "eevdf");
        SidecarResult second = first.toBuilder().passed(false).build();
        assertEquals(SidecarNames.fileName(first), SidecarNames.fileName(second), "precondition: one file name");
        writeLocked("6.14.2-bbbbbbb", first);
        writeLocked("6.14.2-bbbbbbb", second);

        RunCollection<byte[]> run = collectBytes("6.14.2-bbbbbbb");
        assertEquals(1, run.walked(), "one sidecar after rewriting the same file name");
        assertArrayEquals(SidecarCodec.write(second), run.values().get(0), "the second write's bytes");
    }

    @Test
    void quotesSemicolonsDashesAndNonAsciiAreStoredListedAndSelectedLiterally() throws Exception {
        String runName = "6.14.2-o'brien\";--\u00fc";
        List<String> testNames = List.of("it's_\"quoted\"", "semi;colon -- DROP TABLE sidecars; --",
                "\u00fcn\u00efc\u00f8d\u00e9_\u6d4b\u8bd5_\ud83d\ude80", "percent_%_under_score");
        List<SidecarResult> records = new ArrayList<>();
        for (String t : testNames) {
            records.add(sidecar(t, "sched'; --"));
        }
        writeLocked(runName, records.toArray(new SidecarResult[0]));

        assertTrue(listedNames(root).contains(runName), "run name listed literally: " + listedNames(root));
        RunCollection<SidecarResult> run = store.collect(store.runLocation(root, runName), CODEC);
        assertEquals(testNames.size(), run.walked(), "walked");
        assertEquals(new HashSet<>(testNames), run.values().stream().map(SidecarResult::testName)
                .collect(Collectors.toSet()), "test names read back literally");
        assertSameBytes(records.stream().map(SidecarCodec::write).collect(Collectors.toList()),
                collectBytes(runName).values());
        for (String t : testNames) {
            PoolCollection<SidecarResult> pool = store.pool(root,
                    new PoolQuery(Map.of("test_name", Set.of(t), "scheduler", Set.of("sched'; --"))), CODEC);
            assertTrue(pool.values().stream().anyMatch(s -> s.testName().equals(t)),
                    "a pool query on test_name " + t + " returns it");
        }
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void sessionLocationIsTheCanonicalRunLocationForEverySession() throws Exception {
        RunRef run = new RunRef(root, "6.14.2-ccccccc");
        String first;
        String second;
        try (RunLock.Held held = lock.acquire(run, RunLock.Mode.EXCLUSIVE, lockTimeout());
             WriteSession s = store.openRun(run, held)) {
            first = s.location();
        }
        try (RunLock.Held held = lock.acquire(run, RunLock.Mode.EXCLUSIVE, lockTimeout());
             WriteSession s = store.openRun(run, held)) {
            second = s.location();
        }
        assertEquals(first, second, "two sessions on one run");
        assertEquals(store.canonicalLocation(store.runLocation(root, run.name())), first,
                "session location == canonicalLocation(runLocation(root, name))");
    }

    @Test
    void preClearRemovesTheRunsSidecarsAndNoOtherRuns() throws Exception {
        writeLocked("6.14.2-clear01", sidecar("doomed_a", "eevdf"), sidecar("doomed_b", "eevdf"));
        writeLocked("6.14.2-keep001", sidecar("kept", "eevdf"));

        RunRef run = new RunRef(root, "6.14.2-clear01");
        SidecarResult fresh = sidecar("written_after_clear", "eevdf");
        try (RunLock.Held held = lock.acquire(run, RunLock.Mode.EXCLUSIVE, lockTimeout());
             WriteSession s = store.openRun(run, held)) {
            assertEquals(2, s.preClear(), "pre-clear reports the two sidecars it removed");
            s.write(SidecarNames.fileName(fresh), SidecarCodec.write(fresh), "run-id-0");
        }
        RunCollection<byte[]> cleared = collectBytes("6.14.2-clear01");
        assertEquals(1, cleared.walked(), "only the sidecar written after the pre-clear");
        assertArrayEquals(SidecarCodec.write(fresh), cleared.values().get(0));
        assertEquals(1, collectBytes("6.14.2-keep001").walked(), "the other run is untouched");
    }

    @Test
    void preClearIsRefusedOnAnOpenLocationSession() throws Exception {
        String location = store.runLocation(root, "override-run");
        SidecarResult kept = sidecar("kept_at_override", "eevdf");
        try (WriteSession s = store.openLocation(location)) {
            s.write(SidecarNames.fileName(kept), SidecarCodec.write(kept), "run-id-0");
        }
        try (WriteSession s = store.openLocation(location)) {
            assertThrows(IllegalStateException.class, s::preClear,
                    "an openLocation session holds no run lock and must refuse to pre-clear");
        }
        RunCollection<byte[]> run = store.collect(location, (loc, bytes) -> bytes);
        assertEquals(1, run.walked(), "the sidecar at the override location is still there");
        assertArrayEquals(SidecarCodec.write(kept), run.values().get(0));
    }

    @Test
    void openRunRefusesALockHeldOnAnotherRun() throws Exception {
        RunRef locked = new RunRef(root, "6.14.2-locked1");
        RunRef other = new RunRef(root, "6.14.2-other01");
        try (RunLock.Held held = lock.acquire(locked, RunLock.Mode.EXCLUSIVE, lockTimeout())) {
            assertThrows(IllegalArgumentException.class, () -> store.openRun(other, held).close(),
                    "openRun(" + other + ") with the lock of " + locked);
        }
    }

    // ---------------------------------------------------------------- reading

    @Test
    void collectPutsEverySidecarInExactlyOneBucket() throws Exception {
        writeLocked("6.14.2-buckets", sidecar("valid_one", "eevdf"), sidecar("rejected_one", "eevdf"),
                sidecar("unreadable_one", "eevdf"));
        SidecarParser<String> parser = (location, bytes) -> {
            String testName = SidecarCodec.read(bytes).testName();
            if (testName.equals("rejected_one")) {
                throw new IllegalArgumentException("contract parse failure for " + testName);
            }
            if (testName.equals("unreadable_one")) {
                throw new IOException("contract IO failure for " + testName);
            }
            return testName;
        };
        RunCollection<String> run = store.collect(store.runLocation(root, "6.14.2-buckets"), parser);

        assertEquals(3, run.walked(), "walked");
        assertEquals(run.walked(), run.sidecars().size() + run.parseErrors().size() + run.ioErrors().size(),
                "walked == valid + parse errors + IO errors");
        assertEquals(List.of("valid_one"), run.values(), "valid");
        assertEquals(1, run.parseErrors().size(), "parse errors");
        assertEquals("contract parse failure for rejected_one", run.parseErrors().get(0).rawError(),
                "a parser exception's message is the parse error");
        assertEquals(1, run.ioErrors().size(), "IO errors");
        assertTrue(run.ioErrors().get(0).rawError().contains("contract IO failure for unreadable_one"),
                "a parser IOException is an IO error with its message: " + run.ioErrors().get(0));
    }

    @Test
    void aRunNeverWrittenCollectsEmpty() {
        RunCollection<byte[]> run = collectBytes("6.14.2-missing");
        assertEquals(0, run.walked(), "walked");
        assertEquals(List.of(), run.sidecars(), "sidecars");
        assertEquals(List.of(), run.parseErrors(), "parse errors");
        assertEquals(List.of(), run.ioErrors(), "IO errors");
    }

    @Test
    void aFreshRootHasNoRunsAndAnEmptyPool() throws Exception {
        assertEquals(List.of(), store.listRuns(root), "runs of a fresh root");
        PoolCollection<byte[]> pool = store.pool(root, (loc, bytes) -> bytes);
        assertEquals(0, pool.walked(), "pool of a fresh root");
        assertEquals(List.of(), pool.allProblems(), "problems");
    }

    @Test
    void listRunsIsNewestFirstThenByName() throws Exception {
        writeLocked("6.14.2-older01", sidecar("old", "eevdf"));
        for (String name : List.of("6.14.2-mid-b", "6.14.2-mid-a", "6.14.2-mid-c")) {
            writeLocked(name, sidecar("mid", "eevdf"));
        }
        // Write the newest run until the store reports it strictly newer than the oldest:
        // stores keep times at different resolutions (a directory's mtime, a column).
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<RunInfo> runs;
        while (true) {
            writeLocked("6.14.2-newest1", sidecar("new", "eevdf"));
            runs = store.listRuns(root);
            if (info(runs, "6.14.2-newest1").modified().isAfter(info(runs, "6.14.2-older01").modified())) {
                break;
            }
            if (System.nanoTime() - giveUp > 0) {
                fail("after 10 s of rewrites, run 6.14.2-newest1 is still not newer than 6.14.2-older01: " + runs);
            }
            Thread.sleep(20);
        }
        assertEquals(Set.of("6.14.2-older01", "6.14.2-mid-a", "6.14.2-mid-b", "6.14.2-mid-c", "6.14.2-newest1"),
                runs.stream().map(RunInfo::name).collect(Collectors.toSet()), "exactly the runs written");
        assertEquals("6.14.2-newest1", runs.get(0).name(), "newest first: " + runs);
        for (int i = 1; i < runs.size(); i++) {
            RunInfo prev = runs.get(i - 1);
            RunInfo cur = runs.get(i);
            int byTime = cur.modified().compareTo(prev.modified());
            assertTrue(byTime < 0 || (byTime == 0 && Utf8Order.INSTANCE.compare(prev.name(), cur.name()) < 0),
                    "runs out of order at " + i + " (newest first, then by name): " + runs);
        }
    }

    @Test
    void listRunsNeverListsADotName() throws Exception {
        writeLocked("6.14.2-visible", sidecar("visible", "eevdf"));
        RunRef hidden = new RunRef(root, ".hidden-run");
        try (RunLock.Held held = lock.acquire(hidden, RunLock.Mode.EXCLUSIVE, lockTimeout());
             WriteSession s = store.openRun(hidden, held)) {
            SidecarResult r = sidecar("hidden", "eevdf");
            s.write(SidecarNames.fileName(r), SidecarCodec.write(r), "run-id-0");
        } catch (IllegalArgumentException | IOException refused) {
            // A store may refuse a dot-named run outright; then there is nothing to hide.
        }
        List<String> names = listedNames(root);
        assertTrue(names.contains("6.14.2-visible"), "the visible run is listed: " + names);
        assertTrue(names.stream().noneMatch(n -> n.startsWith(".")), "no dot-named run listed: " + names);
    }

    @Test
    void poolHoldsEveryRunOrderedByName() throws Exception {
        writeLocked("6.14.2-run-b", sidecar("in_b", "eevdf"));
        writeLocked("6.14.2-run-c", sidecar("in_c", "eevdf"));
        writeLocked("6.14.2-run-a", sidecar("in_a", "eevdf"), sidecar("in_a_too", "eevdf"));

        PoolCollection<SidecarResult> pool = store.pool(root, CODEC);
        assertEquals(4, pool.walked(), "walked over the pool");
        assertEquals(List.of(), pool.parseErrors(), "parse errors");
        List<String> firstTestOfEachRun = pool.runs().stream().filter(r -> r.walked() > 0)
                .map(r -> r.values().stream().map(SidecarResult::testName).sorted().findFirst().orElseThrow())
                .collect(Collectors.toList());
        assertEquals(List.of("in_a", "in_b", "in_c"), firstTestOfEachRun, "runs ordered by name");
    }

    @Test
    void poolWithAQueryHoldsAtLeastWhatItSelects() throws Exception {
        writeLocked("6.14.2-query-1", sidecar("q_one", "eevdf"), sidecar("q_two", "scx_lavd"));
        writeLocked("6.14.2-query-2", sidecar("q_three", "scx_lavd"), sidecar("q_four", "scx_rusty"));

        PoolQuery lavd = PoolQuery.ALL.and("scheduler", Set.of("scx_lavd"));
        Set<String> selected = store.pool(root, lavd, CODEC).values().stream()
                .filter(s -> s.scheduler().equals("scx_lavd")).map(SidecarResult::testName).collect(Collectors.toSet());
        assertEquals(Set.of("q_two", "q_three"), selected, "every sidecar the query selects (more is allowed)");

        PoolQuery narrow = lavd.and("test_name", Set.of("q_three", "q_four"));
        Set<String> narrowed = store.pool(root, narrow, CODEC).values().stream()
                .filter(s -> s.scheduler().equals("scx_lavd") && Set.of("q_three", "q_four").contains(s.testName()))
                .map(SidecarResult::testName).collect(Collectors.toSet());
        assertEquals(Set.of("q_three"), narrowed, "two dimensions: both must match");
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void threadsWritingThroughTheirOwnLockedSessionsLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 10;
        RunRef run = new RunRef(root, "6.14.2-threads");
        List<byte[]> expected = runConcurrently(threads, perThread, (t, i, r) -> {
            try (RunLock.Held held = lock.acquire(run, RunLock.Mode.EXCLUSIVE, lockTimeout());
                 WriteSession s = store.openRun(run, held)) {
                s.write(SidecarNames.fileName(r), SidecarCodec.write(r), "run-id-" + t + "-" + i);
            }
        });
        RunCollection<byte[]> collected = collectBytes(run.name());
        assertEquals(threads * perThread, collected.walked(), "every sidecar written is stored");
        assertSameBytes(expected, collected.values());
    }

    @Test
    void threadsWritingThroughConcurrentUnlockedSessionsLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 10;
        String location = store.runLocation(root, "6.14.2-parallel");
        List<byte[]> expected = runConcurrently(threads, perThread, new Writes() {
            private final ThreadLocal<WriteSession> session = new ThreadLocal<>();

            @Override
            public void write(int t, int i, SidecarResult r) throws Exception {
                // One session per thread, kept open across the thread's writes.
                if (session.get() == null) {
                    session.set(store.openLocation(location));
                }
                session.get().write(SidecarNames.fileName(r), SidecarCodec.write(r), "run-id-" + t + "-" + i);
                if (i == perThread - 1) {
                    session.get().close();
                }
            }
        });
        RunCollection<byte[]> collected = store.collect(location, (loc, bytes) -> bytes);
        assertEquals(threads * perThread, collected.walked(), "every sidecar written is stored");
        assertSameBytes(expected, collected.values());
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void closeIsIdempotent() {
        assertDoesNotThrow(() -> {
            store.close();
            store.close();
        });
    }

    @Test
    void theLockTheStoreNamesIsFoundByNameAndLocksItsRuns() throws Exception {
        Assumptions.assumeTrue(store.lockProvider().isPresent(),
                "the store names no lock provider; the lock lookup chooses one");
        String name = store.lockProvider().get();
        RunLock named = Providers.named(Spi.LOCK, name);
        assertEquals(name, named.name(), "Providers.named(LOCK, lockProvider())");
        RunRef run = new RunRef(root, "6.14.2-ownlock");
        try (RunLock.Held held = named.acquire(run, RunLock.Mode.EXCLUSIVE, lockTimeout());
             WriteSession s = store.openRun(run, held)) {
            assertEquals(name, held.provider(), "the held lock's provider");
            SidecarResult r = sidecar("own_lock", "eevdf");
            s.write(SidecarNames.fileName(r), SidecarCodec.write(r), "run-id-0");
        }
        assertEquals(1, collectBytes(run.name()).walked());
    }

    // ---------------------------------------------------------------- writer

    @Test
    void sidecarWriterDefaultPathPreClearsOnceForTwoWritersInOneProcess() throws Exception {
        String runName = "6.14.2-abc1234";
        writeLocked(runName, sidecar("stale_from_an_earlier_run", "eevdf"));
        PreClearGate processGate = new PreClearGate();
        SidecarWriter first = writer(processGate, Map.of());
        SidecarWriter second = writer(processGate, Map.of());
        SidecarResult a = identified("writer_a");
        SidecarResult b = identified("writer_b");

        WriteResult wa = first.writeAsIs(a);
        WriteResult wb = second.writeAsIs(b);

        assertTrue(wa.defaultPath() && wb.defaultPath(), "default path");
        assertEquals(1, wa.preClearRemoved(), "the first write pre-clears the stale sidecar");
        assertEquals(0, wb.preClearRemoved(), "the second writer does not pre-clear again");
        assertEquals(wa.runLocation(), wb.runLocation(), "one run");
        RunCollection<byte[]> run = collectBytes(runName);
        assertEquals(2, run.walked(), "both writers' sidecars, not the stale one");
        assertSameBytes(List.of(SidecarCodec.write(a), SidecarCodec.write(b)), run.values());
    }

    @Test
    void sidecarWriterOverrideLocationIsNeverPreCleared() throws Exception {
        String location = store.runLocation(root, "override-dir");
        SidecarResult kept = sidecar("kept_at_override", "eevdf");
        try (WriteSession s = store.openLocation(location)) {
            s.write(SidecarNames.fileName(kept), SidecarCodec.write(kept), "run-id-0");
        }
        SidecarResult r = identified("override_write");
        WriteResult w = writer(new PreClearGate(), Map.of("KTSTR_SIDECAR_DIR", location)).writeAsIs(r);

        assertFalse(w.defaultPath(), "override path");
        assertEquals(0, w.preClearRemoved(), "never pre-cleared");
        RunCollection<byte[]> run = store.collect(location, (loc, bytes) -> bytes);
        assertSameBytes(List.of(SidecarCodec.write(kept), SidecarCodec.write(r)), run.values());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * A real sidecar: the upstream fixture with this test name and scheduler, and fixed kernel,
     * commit, timestamp and run id.
     *
     * @param testName the sidecar's {@code test_name}
     * @param scheduler the sidecar's {@code scheduler}
     * @return a complete record; its file name depends on both arguments
     */
    protected static SidecarResult sidecar(String testName, String scheduler) {
        return SidecarResult.testFixture().toBuilder().testName(testName).scheduler(scheduler)
                .kernelVersion("6.14.2").projectCommit("abc1234").runSource("local")
                .timestamp("2026-01-02T03:04:05Z").runId("20260102T030405Z-0").build();
    }

    private static SidecarResult identified(String testName) {
        return sidecar(testName, "eevdf");
    }

    private SidecarWriter writer(PreClearGate gate, Map<String, String> env) {
        return SidecarWriter.builder().store(store).lock(lock).env(Env.of(env)).root(root)
                .lockTimeout(lockTimeout()).preClearGate(gate).runIds(new RunIds(Clock.systemUTC()))
                .unknownCommitWarning(new OneShotWarning(line -> { }))
                .meterRegistry(new SimpleMeterRegistry()).build();
    }

    /**
     * Writes {@code records} into run {@code runName} of the case's root, under its exclusive
     * run lock, each under its production file name.
     *
     * @param runName the run's directory name (e.g. {@code 6.14.2-abc1234})
     * @param records the sidecars to write, in order
     * @throws IOException when the lock is not free within {@link #lockTimeout()}, or the store
     *     fails to open the run or to write a record
     */
    protected final void writeLocked(String runName, SidecarResult... records) throws IOException {
        RunRef run = new RunRef(root, runName);
        try (RunLock.Held held = lock.acquire(run, RunLock.Mode.EXCLUSIVE, lockTimeout());
             WriteSession s = store.openRun(run, held)) {
            int n = 0;
            for (SidecarResult r : records) {
                s.write(SidecarNames.fileName(r), SidecarCodec.write(r), "run-id-" + n++);
            }
        }
    }

    /**
     * Collects run {@code runName} of the case's root with a parser that keeps the bytes.
     *
     * @param runName the run's directory name
     * @return the run's sidecars as stored bytes, with its parse errors, IO errors and walk
     *     problems
     */
    protected final RunCollection<byte[]> collectBytes(String runName) {
        return store.collect(store.runLocation(root, runName), (location, bytes) -> bytes.clone());
    }

    private List<String> listedNames(String r) throws IOException {
        return store.listRuns(r).stream().map(RunInfo::name).collect(Collectors.toList());
    }

    private static RunInfo info(List<RunInfo> runs, String name) {
        return runs.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("run " + name + " not listed: " + runs));
    }

    private static void assertSameBytes(List<byte[]> expected, List<byte[]> actual) {
        List<String> e = expected.stream().map(Arrays::toString).sorted().collect(Collectors.toList());
        List<String> a = actual.stream().map(Arrays::toString).sorted().collect(Collectors.toList());
        if (!e.equals(a)) {
            fail("stored bytes differ from the bytes written: expected " + expected.size() + " sidecar(s) "
                    + describe(expected) + ", collected " + actual.size() + " " + describe(actual));
        }
    }

    private static String describe(List<byte[]> sidecars) {
        return sidecars.stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))
                .map(s -> s.length() > 120 ? s.substring(0, 120).replace('\n', ' ') + "…" : s)
                .collect(Collectors.toList()).toString();
    }

    /** One write of a concurrent case. */
    private interface Writes {
        void write(int thread, int index, SidecarResult record) throws Exception;
    }

    /** Runs {@code threads × perThread} distinct writes started together; returns the bytes written. */
    private static List<byte[]> runConcurrently(int threads, int perThread, Writes writes) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<byte[]> written = new ConcurrentLinkedQueue<>();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        SidecarResult r = sidecar("concurrent_t" + thread + "_w" + i, "eevdf");
                        writes.write(thread, i, r);
                        written.add(SidecarCodec.write(r));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertNotEquals(0, written.size());
        return new ArrayList<>(written);
    }
}
