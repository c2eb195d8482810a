package dev.ktstr.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.read.SidecarReader;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.store.PoolCollection;
import dev.ktstr.api.store.RunCollection;
import dev.ktstr.api.store.SidecarMeters;
import dev.ktstr.api.write.OneShotWarning;
import dev.ktstr.api.write.PreClearGate;
import dev.ktstr.api.write.SidecarWriter;
import dev.ktstr.api.write.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer and reader over the real filesystem store, in this JVM. */
class WriterEndToEndTest {

    @TempDir
    Path tmp;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<String> warnings = new ArrayList<>();

    private SidecarWriter.Builder writer(Map<String, String> env, String projectCommit) {
        return SidecarWriter.builder().env(Env.of(env)).store(new FsSidecarStore())
                .probe(new FixedCommitProbeTestDouble(projectCommit, "")).lock(new FcntlRunLockTestDouble())
                .kernelVersion(() -> Optional.of("6.14.2")).meterRegistry(registry)
                .unknownCommitWarning(new OneShotWarning(warnings::add)).preClearGate(new PreClearGate());
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static SidecarResult rec(String name) {
        return WriterChild.record(name, 1);
    }

    private double count(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void twoWritesInOneProcessToAFreshRelativeDefaultDirBothSurvive() throws IOException {
        // A relative target dir: the first write's raw key and the second's canonical key must agree.
        String relTarget = Path.of("").toAbsolutePath().relativize(tmp.resolve("target")).toString();
        SidecarWriter w = writer(Map.of("CARGO_TARGET_DIR", relTarget), "abc1234").build();
        WriteResult a = w.write(rec("first"));
        WriteResult b = w.write(rec("second"));
        Path run = tmp.resolve("target/ktstr/6.14.2-abc1234");
        assertEquals(2, names(run).size(), names(run).toString());
        assertEquals(a.runLocation(), b.runLocation());
        assertEquals(run.toRealPath().toString(), a.runLocation());
        assertTrue(Files.exists(tmp.resolve("target/ktstr/.locks/6.14.2-abc1234.lock")));
    }

    @Test
    void theDefaultPathPreClearsOnceReapingSidecarsAndOrphansOnly() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("target/ktstr/6.14.2-abc1234"));
        Files.writeString(run.resolve("old-0000000000000001.ktstr.json"), "{}");
        Files.writeString(run.resolve("old-0000000000000001.ktstr.json.tmp.77.20240101T000000Z-3"), "{\"te");
        Files.writeString(run.resolve("README.md"), "keep");
        Files.createDirectories(run.resolve("job"));
        Files.writeString(run.resolve("job/kept-0000000000000002.ktstr.json"), "{}");

        SidecarWriter w = writer(Map.of("CARGO_TARGET_DIR", tmp.resolve("target").toString()), "abc1234").build();
        WriteResult first = w.write(rec("fresh"));
        WriteResult second = w.write(rec("again"));

        assertTrue(first.defaultPath());
        assertEquals(2, first.preClearRemoved());
        assertEquals(0, second.preClearRemoved());
        assertEquals(List.of("README.md", Path.of(second.location()).getFileName().toString(),
                Path.of(first.location()).getFileName().toString(), "job").stream().sorted().collect(Collectors.toList()),
                names(run));
        assertEquals(List.of("kept-0000000000000002.ktstr.json"), names(run.resolve("job")));
        assertEquals(2.0, count(SidecarMeters.WRITES, "outcome", "ok", "path", "default"));
        assertEquals(2.0, count(SidecarMeters.PRE_CLEAR_REMOVED));
        assertEquals(2, registry.find(SidecarMeters.LOCK_WAIT).timer().count());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theOverridePathNeitherLocksNorPreClearsNorWarns() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(dir.resolve("old-0000000000000001.ktstr.json"), "{}");
        Map<String, String> env = Map.of("KTSTR_SIDECAR_DIR", dir.toString(),
                "CARGO_TARGET_DIR", tmp.resolve("target").toString());
        WriteResult r = writer(env, "").build().write(rec("t"));
        assertFalse(r.defaultPath());
        assertEquals(2, names(dir).size());
        assertFalse(Files.exists(tmp.resolve("target")), "no run dir, no .locks");
        assertEquals(List.of(), warnings);
        assertEquals(1.0, count(SidecarMeters.WRITES, "outcome", "ok", "path", "override"));
        assertEquals(SidecarCodec.writeString(r.written()), Files.readString(Path.of(r.location())));
    }

    @Test
    void anUnknownCommitWarnsOnceAndLandsInTheUnknownRun() throws IOException {
        SidecarWriter w = writer(Map.of("CARGO_TARGET_DIR", tmp.resolve("target").toString()), "").build();
        w.write(rec("a"));
        w.write(rec("b"));
        assertEquals(List.of(OneShotWarning.UNKNOWN_COMMIT), warnings);
        assertEquals(2, names(tmp.resolve("target/ktstr/6.14.2-unknown")).size());
        SidecarResult back = SidecarCodec.read(Files.readAllBytes(
                Files.list(tmp.resolve("target/ktstr/6.14.2-unknown")).findFirst().orElseThrow()));
        assertTrue(back.projectCommit().isEmpty(), "the sentinel is in the directory name only");
    }

    @Test
    void escapingTestNamesAreRefusedAndNothingIsWritten() {
        SidecarWriter w = writer(Map.of("CARGO_TARGET_DIR", tmp.resolve("target").toString()), "abc1234").build();
        for (String bad : List.of("../evil", "a/b", "", "nul\u0000", "bell\u0007", "..")) {
            KtstrException e = assertThrows(KtstrException.class, () -> w.write(rec(bad)));
            assertTrue(e.getMessage().contains("test name"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("target")));
        assertEquals(6.0, count(SidecarMeters.WRITES, "outcome", "refused"));
    }

    @Test
    void aRegularFileWhereTheRunShouldBeIsAnErrorNotASilentDrop() throws IOException {
        Path file = Files.writeString(tmp.resolve("blocker"), "x");
        SidecarWriter w = writer(Map.of("KTSTR_SIDECAR_DIR", file.toString()), "abc1234").build();
        IOException e = assertThrows(IOException.class, () -> w.writeSkip(rec("skipped_one")));
        assertTrue(e.getMessage().contains("create sidecar dir " + file), e.getMessage());
        assertEquals(1.0, count(SidecarMeters.WRITES, "outcome", "error", "path", "override"));
    }

    @Test
    void aSkipSidecarIsMarkedSkippedWithNoTelemetryAndFilled() throws IOException {
        Path dir = tmp.resolve("skips");
        SidecarWriter w = writer(Map.of("KTSTR_SIDECAR_DIR", dir.toString(), "KTSTR_CI", "1"), "abc1234").build();
        SidecarResult template = rec("perf_mode_smoke").toBuilder().payload("fio").activeFlags(List.of("steal", "llc"))
                .passed(false).build();
        WriteResult r = w.writeSkip(template);
        SidecarResult back = SidecarCodec.read(Files.readAllBytes(Path.of(r.location())));
        assertEquals("skipped", back.workType());
        assertTrue(back.passed() && back.skipped());
        assertEquals(Optional.of("fio"), back.payload());
        assertEquals(List.of("llc", "steal"), back.activeFlags());
        assertTrue(back.metrics().isEmpty() && back.monitor().isEmpty() && back.kvmStats().isEmpty());
        assertEquals(Optional.of("ci"), back.runSource());
        assertEquals(Optional.of("abc1234"), back.projectCommit());
        assertEquals(Optional.of("6.14.2"), back.kernelVersion());
        assertTrue(back.runId().matches("\\d{8}T\\d{6}Z-\\d+"), back.runId());
        assertTrue(back.timestamp().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), back.timestamp());
    }

    @Test
    void theReaderCollectsWhatTheWriterWroteAndArchivesForeignRoots() throws IOException {
        Path target = tmp.resolve("target");
        Map<String, String> env = Map.of("CARGO_TARGET_DIR", target.toString());
        SidecarWriter w = writer(env, "abc1234").build();
        w.write(rec("one"));
        w.write(rec("two"));
        Path run = target.resolve("ktstr/6.14.2-abc1234");
        Files.writeString(run.resolve("broken-0000000000000003.ktstr.json"), "{\"test_name\": \"x\"}");
        // Not UTF-8: upstream's read_to_string fails before JSON, so it is an IO error, not a parse error.
        Files.write(run.resolve("latin1-0000000000000004.ktstr.json"), new byte[] {'{', '"', (byte) 0xE9, '"', '}'});

        SidecarReader reader = SidecarReader.builder().env(Env.of(env)).store(new FsSidecarStore())
                .meterRegistry(registry).build();
        RunCollection<SidecarResult> c = reader.collect(reader.currentRunLocation().orElseThrow());
        assertEquals(List.of("one", "two"),
                c.values().stream().map(SidecarResult::testName).sorted().collect(Collectors.toList()));
        assertEquals(1, c.parseErrors().size());
        assertTrue(c.parseErrors().get(0).rawError().startsWith("missing field `topology`"),
                c.parseErrors().get(0).rawError());
        assertEquals(1.0, count(SidecarMeters.READ_PARSE_ERRORS));
        assertEquals(1, c.ioErrors().size());
        assertTrue(c.ioErrors().get(0).location().endsWith("latin1-0000000000000004.ktstr.json"));
        assertEquals("stream did not contain valid UTF-8", c.ioErrors().get(0).rawError());
        assertEquals(4, c.walked());

        PoolCollection<SidecarResult> local = reader.pool(target.resolve("ktstr").toString());
        assertTrue(local.values().stream().allMatch(s -> s.runSource().equals(Optional.of("local"))));
        Path copy = Files.createDirectories(tmp.resolve("archive/6.14.2-abc1234"));
        for (String n : names(run)) {
            Files.copy(run.resolve(n), copy.resolve(n));
        }
        PoolCollection<SidecarResult> archived = reader.pool(tmp.resolve("archive").toString());
        assertEquals(2, archived.values().size());
        assertTrue(archived.values().stream().allMatch(s -> s.runSource().equals(Optional.of("archive"))));
        assertEquals("6.14.2-abc1234", reader.newestRun().orElseThrow().name());

        // An unmetered reader (the CLI's) counts nothing, even given a registry.
        SimpleMeterRegistry quiet = new SimpleMeterRegistry();
        SidecarReader unmetered = SidecarReader.builder().env(Env.of(env)).store(new FsSidecarStore())
                .meterRegistry(quiet).metered(false).build();
        assertEquals(4, unmetered.collect(run.toString()).walked());
        assertEquals(2, unmetered.pool(tmp.resolve("archive").toString()).values().size());
        assertTrue(quiet.getMeters().isEmpty(), quiet.getMeters().toString());
        assertEquals(4.0 + 4 + 4, count(SidecarMeters.READ_WALKED), "the metered reader counted its three walks");
    }

    @Test
    void writeAsIsProducesUpstreamsFileNameAndBytes() throws IOException {
        Path dir = tmp.resolve("exact");
        WriteResult r = writer(Map.of("KTSTR_SIDECAR_DIR", dir.toString()), "abc1234").build()
                .writeAsIs(SidecarResult.testFixture());
        assertEquals(dir.resolve("t-55f6b9881e152f8c.ktstr.json").toRealPath().toString(),
                Path.of(r.location()).toRealPath().toString());
        byte[] golden;
        try (var in = WriterEndToEndTest.class.getResourceAsStream("/fixtures/example-fixture.ktstr.json")) {
            golden = in.readAllBytes();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(golden, Files.readAllBytes(Path.of(r.location())));
    }
}
