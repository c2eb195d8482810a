package dev.ktstr.api.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.Env;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.api.store.PoolCollection;
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
        public String runLocation(String runsRoot, String runName) {
            return runsRoot + "/" + runName;
        }

        @Override
        public String createRun(String runLocation) {
            log.add("create " + runLocation);
            return "canon:" + runLocation;
        }

        @Override
        public Optional<Path> lockFile(String runsRoot, String runName) {
            return Optional.of(Path.of(runsRoot, ".locks", runName + ".lock"));
        }

        @Override
        public int preClear(String runLocation) {
            log.add("preClear " + runLocation);
            return 0;
        }

        @Override
        public String write(String runLocation, String fileName, byte[] json, String runId) {
            log.add("write " + runLocation + " " + fileName.substring(0, fileName.indexOf('-')));
            return runLocation + "/" + fileName;
        }

        @Override
        public <T> RunCollection<T> collect(String runLocation, SidecarParser<T> parser) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> PoolCollection<T> pool(String runsRoot, SidecarParser<T> parser) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<RunInfo> listRuns(String runsRoot) {
            return List.of();
        }

        @Override
        public String canonicalLocation(String location) {
            return location;
        }
    };

    private final RunLock lock = new RunLock() {
        @Override
        public String name() {
            return "recording-test-double";
        }

        @Override
        public Held acquire(Path lockFile, Mode mode, Duration timeout) {
            log.add("lock " + lockFile + " " + mode + " " + timeout.toSeconds() + "s");
            return new Held() {
                @Override
                public Path lockFile() {
                    return lockFile;
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
                .meterRegistry(new SimpleMeterRegistry()).preClearGate(new PreClearGate())
                .unknownCommitWarning(new OneShotWarning(s -> log.add("warn"))).build();
    }

    private static SidecarResult rec(String name) {
        return SidecarResult.builder().testName(name).topology("1n1l1c1t").scheduler("eevdf").workType("CpuSpin")
                .build();
    }

    @Test
    void defaultPathCreatesThenLocksAcrossOnePreClearAndEachWrite() throws Exception {
        SidecarWriter w = writer(Map.of("CARGO_TARGET_DIR", "/t"));
        WriteResult r = w.write(rec("a"));
        w.write(rec("b"));
        assertEquals(List.of(
                "create /t/ktstr/6.14.2-abc1234", "lock /t/ktstr/.locks/6.14.2-abc1234.lock EXCLUSIVE 30s",
                "preClear canon:/t/ktstr/6.14.2-abc1234", "write canon:/t/ktstr/6.14.2-abc1234 a", "unlock",
                "create /t/ktstr/6.14.2-abc1234", "lock /t/ktstr/.locks/6.14.2-abc1234.lock EXCLUSIVE 30s",
                "write canon:/t/ktstr/6.14.2-abc1234 b", "unlock"), log);
        assertEquals(Optional.of("fedcba9-dirty"), r.written().kernelCommit());
        assertEquals(Optional.of("local"), r.written().runSource());
    }

    @Test
    void overridePathWritesWithoutLockOrPreClear() throws Exception {
        writer(Map.of("KTSTR_SIDECAR_DIR", "/mine", "CARGO_TARGET_DIR", "/t")).write(rec("a"));
        assertEquals(List.of("create /mine", "write canon:/mine a"), log);
    }
}
