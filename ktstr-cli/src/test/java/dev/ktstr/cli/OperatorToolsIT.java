package dev.ktstr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's operator tools through the launcher, as real processes: {@code sidecar write --fill}
 * outside git with no kernel, {@code show-host}, {@code locks} against a real {@code flock(1)},
 * {@code completions} checked by bash, {@code append-metrics}, {@code write --skip}, short usage
 * errors, {@code --threshold inf}/NaN, and file names at NAME_MAX.
 */
class OperatorToolsIT {
    /** The spec's fixtures, as ktstr-api's tests keep them. */
    static final Path FIXTURES = Path.of("..", "ktstr-api", "src", "test", "resources", "fixtures").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private LauncherIT.Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return LauncherIT.run(tmp, env, new byte[0], args);
    }

    private LauncherIT.Result run(String... args) throws IOException, InterruptedException {
        return run(Map.of(), args);
    }

    private static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static Path fixture(String name) {
        return FIXTURES.resolve(name);
    }

    private static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void fillOutsideGitWithNoKernelLandsInUnknownUnknownWithThisHost() throws Exception {
        Path target = tmp.resolve("tgt");
        LauncherIT.Result r = run(Map.of("CARGO_TARGET_DIR", target.toString()),
                "sidecar", "write", "--fill", fixture("example-full.ktstr.json").toString());
        assertEquals(0, r.exit(), r.err());
        Path written = Path.of(r.out().strip());
        assertEquals(target.resolve("ktstr/unknown-unknown"), written.getParent());
        SidecarResult s = SidecarCodec.read(Files.readAllBytes(written));
        assertEquals(java.util.Optional.empty(), s.projectCommit());
        assertEquals(java.util.Optional.empty(), s.kernelVersion());
        assertEquals(java.util.Optional.empty(), s.kernelCommit());
        assertEquals("local", s.runSource().orElseThrow());
        HostContext h = s.host().orElseThrow();
        assertEquals(sh("uname", "-m"), h.arch().orElseThrow());
        assertEquals(sh("uname", "-r"), h.kernelRelease().orElseThrow());
        assertEquals(sh("uname", "-s"), h.kernelName().orElseThrow());
        assertEquals(Long.parseLong(sh("getconf", "_NPROCESSORS_ONLN")), h.onlineCpus().orElseThrow());
        long memTotal = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:")).findFirst().orElseThrow().replaceAll("[^0-9]", ""));
        assertEquals(memTotal, h.totalMemoryKb().orElseThrow());
    }

    @Test
    void showHostPrintsThisHost() throws Exception {
        LauncherIT.Result text = run("show-host");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("arch: " + sh("uname", "-m")), text.out());
        LauncherIT.Result json = run("show-host", "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"kernel_release\": \"" + sh("uname", "-r") + "\""), json.out());
    }

    @Test
    void locksNamesTheFlockHolder() throws Exception {
        Path root = tmp.resolve("tgt/ktstr");
        Path lockFile = root.resolve(".locks/6.14.2-abc1234.lock");
        Files.createDirectories(lockFile.getParent());
        Files.createFile(root.resolve(".locks/free-run.lock"));
        Process holder = new ProcessBuilder("flock", lockFile.toString(), "sleep", "60").start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            LauncherIT.Result r;
            do {
                r = run(Map.of("CARGO_TARGET_DIR", tmp.resolve("tgt").toString()), "locks", "--json");
                assertEquals(0, r.exit(), r.err());
            } while (!r.out().contains("\"pid\" : " + holder.pid()) && !r.out().contains("\"pid\": " + holder.pid())
                    && System.nanoTime() < deadline);
            assertTrue(r.out().contains("\"pid\": " + holder.pid()), r.out());
            assertTrue(r.out().contains("\"run\": \"6.14.2-abc1234\""), r.out());
            assertTrue(r.out().contains("\"run\": \"free-run\""), r.out());
            LauncherIT.Result text = run(Map.of("CARGO_TARGET_DIR", tmp.resolve("tgt").toString()), "locks");
            assertTrue(text.out().contains("pid " + holder.pid() + ": flock"), text.out());
            assertTrue(text.out().contains("free-run.lock: free"), text.out());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void bashAcceptsTheCompletionScript() throws Exception {
        LauncherIT.Result r = run("completions", "bash");
        assertEquals(0, r.exit(), r.err());
        Path script = tmp.resolve("ktstr-sidecar.bash");
        Files.writeString(script, r.out());
        sh("bash", "-n", script.toString());
        String complete = sh("bash", "-c", "source " + script + " && complete -p ktstr-sidecar");
        assertTrue(complete.contains("ktstr-sidecar"), complete);
        // and it completes: the subcommands after the command name
        String words = sh("bash", "-c", "source " + script + " && COMP_WORDS=(ktstr-sidecar st) COMP_CWORD=1"
                + " COMP_LINE='ktstr-sidecar st' COMP_POINT=16 && _complete_ktstr-sidecar && echo ${COMPREPLY[@]}");
        assertTrue(words.contains("stats"), words);
        for (String shell : List.of("zsh", "fish")) {
            LauncherIT.Result s = run("completions", shell);
            assertEquals(0, s.exit(), s.err());
            assertTrue(s.out().contains("ktstr-sidecar"), s.out());
        }
    }

    @Test
    void usageErrorsAreAtMostFiveLines() throws Exception {
        LauncherIT.Result r = run("stats", "compare", "--threshold", "5", "--policy", "F");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().collect(Collectors.toList());
        assertTrue(lines.size() <= 5, r.err());
        assertTrue(lines.get(0).contains("mutually exclusive"), r.err());
        assertTrue(r.err().contains("Usage: ktstr-sidecar stats compare"), r.err());
        assertTrue(r.err().contains("ktstr-sidecar stats compare --help"), r.err());
        for (String[] args : List.of(new String[] {"stats", "compar"}, new String[] {"sidecar", "write", "--nope"},
                new String[] {"locks", "--interval"}, new String[] {"completions", "tcsh"})) {
            LauncherIT.Result u = run(args);
            assertEquals(2, u.exit(), String.join(" ", args) + ": " + u.err());
            assertTrue(u.err().lines().count() <= 5, u.err());
            assertFalse(u.err().contains("cargo ktstr"), u.err());
        }
    }

    @Test
    void thresholdInfIsAcceptedAndNanRefused() throws Exception {
        Path runs = tmp.resolve("runs");
        Files.createDirectories(runs);
        LauncherIT.Result inf = run("stats", "compare", "--threshold", "inf", "--dir", runs.toString());
        assertTrue(inf.exit() != 2, inf.err());
        assertFalse(inf.err().contains("Invalid value"), inf.err());
        LauncherIT.Result nan = run("stats", "compare", "--threshold", "NaN", "--dir", runs.toString());
        assertEquals(2, nan.exit(), nan.err());
        assertTrue(nan.err().contains("NaN"), nan.err());
    }

    @Test
    void appendMetricsAddsUnderTheRunLockAndLeavesNothingElse() throws Exception {
        Path target = tmp.resolve("tgt");
        Map<String, String> env = Map.of("CARGO_TARGET_DIR", target.toString());
        LauncherIT.Result w = run(env, "sidecar", "write", "--fill", fixture("example-full.ktstr.json").toString());
        assertEquals(0, w.exit(), w.err());
        Path sidecar = Path.of(w.out().strip());
        int before = SidecarCodec.read(Files.readAllBytes(sidecar)).metrics().size();
        Path metrics = tmp.resolve("m.json");
        Files.writeString(metrics, "{\"payload_index\": 7, \"metrics\": [{\"name\": \"jemalloc.allocated\", \"value\": 42.5,"
                + " \"polarity\": \"LowerBetter\", \"unit\": \"B\", \"source\": \"Json\", \"stream\": \"Stdout\"}],"
                + " \"exit_code\": 0}");
        LauncherIT.Result a = run(env, "sidecar", "append-metrics", "--sidecar", sidecar.toString(), metrics.toString());
        assertEquals(0, a.exit(), a.err());
        assertEquals(sidecar.toString(), a.out().strip());
        SidecarResult after = SidecarCodec.read(Files.readAllBytes(sidecar));
        assertEquals(before + 1, after.metrics().size());
        assertEquals(7L, after.metrics().get(before).payloadIndex());
        assertEquals(List.of(sidecar), files(sidecar.getParent()), "no staging file left behind");
        // bad input changes nothing
        Files.writeString(metrics, "{\"payload_index\": 1}");
        byte[] bytes = Files.readAllBytes(sidecar);
        LauncherIT.Result bad = run(env, "sidecar", "append-metrics", "--sidecar", sidecar.toString(), metrics.toString());
        assertEquals(1, bad.exit(), bad.err());
        assertTrue(bad.err().startsWith("error: "), bad.err());
        assertEquals(new String(bytes, StandardCharsets.UTF_8), Files.readString(sidecar));
    }

    @Test
    void writeSkipWritesTheSkipSidecar() throws Exception {
        Path target = tmp.resolve("tgt");
        LauncherIT.Result r = run(Map.of("CARGO_TARGET_DIR", target.toString()), "sidecar", "write", "--skip",
                fixture("example-full.ktstr.json").toString());
        assertEquals(0, r.exit(), r.err());
        SidecarResult s = SidecarCodec.read(Files.readAllBytes(Path.of(r.out().strip())));
        assertTrue(s.skipped());
        assertTrue(s.passed());
        assertEquals("skipped", s.workType());
        assertEquals(List.of(), s.metrics());
        assertTrue(s.host().isPresent());
    }

    /** A test name whose sidecar file name is exactly {@code bytes} bytes of UTF-8. */
    private static String testNameFor(int bytes, boolean utf8) {
        SidecarResult probe = base("x").build();
        int suffix = SidecarNames.fileName(probe).getBytes(StandardCharsets.UTF_8).length - 1;
        int nameBytes = bytes - suffix;
        StringBuilder b = new StringBuilder();
        if (utf8) {
            while (nameBytes - b.toString().getBytes(StandardCharsets.UTF_8).length >= 2) {
                b.append('é');
            }
        }
        while (b.toString().getBytes(StandardCharsets.UTF_8).length < nameBytes) {
            b.append('a');
        }
        return b.toString();
    }

    private static SidecarResult.Builder base(String testName) {
        return SidecarResult.builder().testName(testName).topology("1n1l1c1t").scheduler("eevdf").workType("CpuSpin")
                .passed(true).kernelVersion("6.14.2").projectCommit("abc1234")
                .timestamp("2026-01-02T03:04:05Z").runId("20260102T030405Z-0");
    }

    @Test
    void namesOf255BytesAreWrittenAnd256Refused() throws Exception {
        for (boolean utf8 : new boolean[] {false, true}) {
            for (boolean override : new boolean[] {false, true}) {
                Path target = tmp.resolve("t-" + utf8 + "-" + override);
                Map<String, String> env = new HashMap<>();
                env.put("CARGO_TARGET_DIR", target.toString());
                Path dir = target.resolve("override");
                if (override) {
                    env.put("KTSTR_SIDECAR_DIR", dir.toString());
                }
                Path input = tmp.resolve("in.json");
                String ok = testNameFor(255, utf8);
                SidecarResult okRecord = base(ok).build();
                assertEquals(255, SidecarNames.fileName(okRecord).getBytes(StandardCharsets.UTF_8).length);
                Files.write(input, SidecarCodec.write(okRecord));
                LauncherIT.Result r = run(env, "sidecar", "write", input.toString());
                assertEquals(0, r.exit(), utf8 + "/" + override + ": " + r.err());
                Path written = Path.of(r.out().strip());
                assertEquals(SidecarNames.fileName(okRecord), written.getFileName().toString());
                assertEquals(List.of(written), files(written.getParent()), "nothing else in the run");

                String tooLong = testNameFor(256, utf8);
                SidecarResult longRecord = base(tooLong).build();
                assertEquals(256, SidecarNames.fileName(longRecord).getBytes(StandardCharsets.UTF_8).length);
                Files.write(input, SidecarCodec.write(longRecord));
                List<Path> before = files(target);
                LauncherIT.Result refused = run(env, "sidecar", "write", input.toString());
                assertEquals(1, refused.exit(), refused.err());
                assertTrue(refused.err().startsWith("error: "), refused.err());
                assertEquals(1, refused.err().lines().count(), refused.err());
                assertEquals(before, files(target), "a refused write leaves nothing behind");
            }
        }
    }
}
