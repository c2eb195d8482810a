package dev.ktstr.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.layout.SidecarDirs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WritePathPartsTest {

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        volatile Instant now;

        HandClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void runIdStampIsTakenOnceAndTheCounterStartsAtZero() {
        HandClock clock = new HandClock(Instant.parse("2025-06-01T12:34:01.987Z"));
        RunIds ids = new RunIds(clock);
        assertEquals("2025-06-01T12:34:01Z", ids.timestamp());
        assertEquals("20250601T123401Z-0", ids.nextRunId());
        clock.now = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals("20250601T123401Z-1", ids.nextRunId());
        assertEquals("2026-01-02T03:04:05Z", ids.timestamp());
    }

    @Test
    void aClockBeforeTheEpochReadsAsTheEpoch() {
        RunIds ids = new RunIds(new HandClock(Instant.parse("1960-01-01T00:00:00Z")));
        assertEquals("1970-01-01T00:00:00Z", ids.timestamp());
        assertEquals("19700101T000000Z-0", ids.nextRunId());
    }

    @Test
    void concurrentRunIdsAreDistinct() throws Exception {
        RunIds ids = new RunIds(Clock.systemUTC());
        List<String> all = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        all.add(ids.nextRunId());
                    }
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(2000, all.stream().distinct().count());
        assertEquals(1, all.stream().map(s -> s.substring(0, s.indexOf('-'))).distinct().count());
    }

    @Test
    void preClearRunsOncePerRunAndOthersWaitForItToFinish() throws Exception {
        PreClearGate gate = new PreClearGate();
        AtomicInteger clears = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger sawUnfinished = new AtomicInteger();
        CountDownLatch inClear = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            results.add(pool.submit(() -> gate.clearOnce("/runs/k", () -> {
                clears.incrementAndGet();
                inClear.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.set(true);
                return 5;
            })));
            inClear.await();
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(() -> {
                    int r = gate.clearOnce("/runs/k", () -> {
                        clears.incrementAndGet();
                        return 99;
                    });
                    if (!done.get()) {
                        sawUnfinished.incrementAndGet(); // would be the TOCTOU: writing while the clear still runs
                    }
                    return r;
                }));
            }
            go.countDown();
            int sum = 0;
            for (Future<Integer> f : results) {
                sum += f.get();
            }
            assertEquals(5, sum);
        } finally {
            pool.shutdown();
        }
        assertEquals(1, clears.get());
        assertEquals(0, sawUnfinished.get());
        assertTrue(gate.isCleared("/runs/k"));
        assertFalse(gate.isCleared("/runs/other"));
        assertEquals(3, gate.clearOnce("/runs/other", () -> 3));
    }

    @Test
    void aOneShotWarningFiresOnce() {
        List<String> lines = new ArrayList<>();
        OneShotWarning w = new OneShotWarning(lines::add);
        assertTrue(w.emit(OneShotWarning.UNKNOWN_COMMIT));
        assertFalse(w.emit(OneShotWarning.UNKNOWN_COMMIT));
        assertEquals(List.of(OneShotWarning.UNKNOWN_COMMIT), lines);
        assertTrue(lines.get(0).contains("WARNING:") && lines.get(0).contains("KTSTR_SIDECAR_DIR"));
        assertTrue(lines.get(0).contains("target/ktstr/{kernel}-unknown/"));
    }

    @Test
    void directoriesComeFromTheEnvironment() {
        assertEquals(Path.of("target/ktstr").toString(), SidecarDirs.runsRoot(Env.of(Map.of())));
        assertEquals(Path.of("target/ktstr").toString(), SidecarDirs.runsRoot(Env.of(Map.of("CARGO_TARGET_DIR", ""))));
        assertEquals("/x/t/ktstr", SidecarDirs.runsRoot(Env.of(Map.of("CARGO_TARGET_DIR", "/x/t"))));
        assertTrue(SidecarDirs.override(Env.of(Map.of("KTSTR_SIDECAR_DIR", ""))).isEmpty());
        assertEquals(" rel ", SidecarDirs.override(Env.of(Map.of("KTSTR_SIDECAR_DIR", " rel "))).orElseThrow());
        assertEquals("local", dev.ktstr.api.kernel.RunSource.detect(Env.of(Map.of())));
        assertEquals("local", dev.ktstr.api.kernel.RunSource.detect(Env.of(Map.of("KTSTR_CI", ""))));
        assertEquals("ci", dev.ktstr.api.kernel.RunSource.detect(Env.of(Map.of("KTSTR_CI", "0"))));
        assertFalse(SidecarDirs.isRunName(".locks"));
        assertTrue(SidecarDirs.isRunName("6.14.2-abc1234"));
    }

    @Test
    void testNamesThatCouldEscapeAreRefused() {
        for (String bad : List.of("", "a/b", "..", "a..b", "a\u0000b", "a\tb", "a\u007fb")) {
            assertFalse(SidecarFormat.testNameRefusal(bad).isEmpty(), bad);
        }
        assertEquals("", SidecarFormat.testNameRefusal("steal_under_pressure"));
    }
}
