package dev.ktstr.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.spi.WriteSession;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.RunInfo;
import dev.ktstr.api.store.SidecarParser;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The order of the write path's steps. The store, lock and probe here are TEST DOUBLES that
 * record calls: the real providers live in implementation modules that ktstr-api cannot depend
 * on (their end-to-end tests are in ktstr-fs).
 */
class SidecarWriterOrderTest {

    private final List<String> log = new ArrayList<>();

    private final SidecarStore store = new SidecarStore() {
        @Override
        public String name() {
            return "recording-test-double";
        }

        @Override
        public String defaultRoot(Env env) {
            return env.nonEmpty("CARGO_TARGET_DIR").orElse("target") + "/ktstr";
        }

        @Override
        public WriteSession openRun(RunRef run, RunLock.Held held) {
            log.add("open " + run + " held on " + held.run());
            return session("canon:" + run, true);
        }

        @Override
        public WriteSession openLocation(String location) {
            log.add("open " + location);
            return session("canon:" + location, false);
        }

        private WriteSession session(String location, boolean locked) {
            return new WriteSession() {
                @Override
                public String location() {
                    return location;
                }

                @Override
                public int preClear() {
                    if (!locked) {
                        throw new IllegalStateException("pre-clear without the lock");
                    }
                    log.add("preClear " + location);
                    return 0;
                }

                @Override
                public String write(String fileName, byte[] json, String runId) {
                    log.add("write " + location + " " + fileName.substring(0, fileName.indexOf('-')));
                    return location + "/" + fileName;
                }

                @Override
                public void close() {
                    log.add("close");
                }
            };
        }

        @Override
        public <T> RunCollection<T> collect(String runLocation, SidecarParser<T> parser) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RunInfo> listRuns(String runsRoot) {
            return List.of();
        }
    };

    private final RunLock lock = new RunLock() {
        @Override
        public String name() {
            return "recording-test-double";
        }

        @Override
        public Held acquire(RunRef run, Mode mode, Duration timeout) {
            log.add("lock " + run + " " + mode + " " + timeout.toSeconds() + "s");
            return new Held() {
                @Override
                public RunRef run() {
                    return run;
                }

                @Override
                public String provider() {
                    return name();
                }

                @Override
                public void close() {
                    log.add("unlock");
                }
            };
        }
    };

    private final CommitProbe probe = new CommitProbe() {
        @Override
        public String name() {
            return "fixed-test-double";
        }

        @Override
        public Optional<String> projectCommit(Path start) {
            return Optional.of("abc1234");
        }

        @Override
        public Optional<String> kernelCommit(Path kernelDir) {
            return Optional.of("fedcba9-dirty");
        }
    };

    private SidecarWriter writer(Map<String, String> env) {
        return SidecarWriter.builder().env(Env.of(env)).store(store).lock(lock).probe(probe)
                .kernelVersion(() -> Optional.of("6.14.2")).kernelSourceDir(() -> Optional.of(Path.of("/k")))
                .hostContext(Optional::empty)
                .meterRegistry(new SimpleMeterRegistry()).preClearGate(new PreClearGate())
                .unknownCommitWarning(new OneShotWarning(s -> log.add("warn"))).build();
    }

    private static SidecarResult rec(String name) {
        return SidecarResult.builder().testName(name).topology("1n1l1c1t").scheduler("eevdf").workType("CpuSpin")
                .build();
    }

    @Test
    void defaultPathLocksThenOpensAcrossOnePreClearAndEachWrite() throws Exception {
        SidecarWriter w = writer(Map.of("CARGO_TARGET_DIR", "/t"));
        WriteResult r = w.write(rec("a"));
        w.write(rec("b"));
        assertEquals(List.of(
                "lock /t/ktstr/6.14.2-abc1234 EXCLUSIVE 30s", "open /t/ktstr/6.14.2-abc1234 held on /t/ktstr/6.14.2-abc1234",
                "preClear canon:/t/ktstr/6.14.2-abc1234", "write canon:/t/ktstr/6.14.2-abc1234 a", "close", "unlock",
                "lock /t/ktstr/6.14.2-abc1234 EXCLUSIVE 30s", "open /t/ktstr/6.14.2-abc1234 held on /t/ktstr/6.14.2-abc1234",
                "write canon:/t/ktstr/6.14.2-abc1234 b", "close", "unlock"), log);
        assertEquals(Optional.of("fedcba9-dirty"), r.written().kernelCommit());
        assertEquals(Optional.of("local"), r.written().runSource());
    }

    @Test
    void overridePathWritesWithoutLockOrPreClear() throws Exception {
        writer(Map.of("KTSTR_SIDECAR_DIR", "/mine", "CARGO_TARGET_DIR", "/t")).write(rec("a"));
        assertEquals(List.of("open /mine", "write canon:/mine a", "close"), log);
    }
}
