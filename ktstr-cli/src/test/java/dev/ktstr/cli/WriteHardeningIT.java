package dev.ktstr.cli;

import static dev.ktstr.cli.LauncherIT.A_RUN;
import static dev.ktstr.cli.LauncherIT.run;
import static dev.ktstr.cli.LauncherIT.sidecarsUnder;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.cli.LauncherIT.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, write side, through the real launcher: inputs inside the run being pre-cleared
 * (item 2), refused writes that must not pre-clear (3), locale (5), bad run names aborting a
 * batch (8), control characters and dot names in run names (11), lock-timeout overflow (9).
 * Each test failed on the code before the fix.
 */
class WriteHardeningIT {

    @TempDir
    Path tmp;

    private Path target() {
        return tmp.resolve("tgt");
    }

    private Path runDir() {
        return target().resolve("ktstr/6.14.2-abc1234");
    }

    private Map<String, String> env() {
        return Map.of("CARGO_TARGET_DIR", target().toString());
    }

    /** The run's sidecar files by name, with their bytes. */
    private Map<String, byte[]> snapshot(Path dir) throws Exception {
        Map<String, byte[]> m = new TreeMap<>();
        for (Path p : topLevel(dir)) {
            m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
        }
        return m;
    }

    /** Copies the example run into the default-path run directory. */
    private List<Path> seedRun() throws Exception {
        Files.createDirectories(runDir());
        List<Path> out = new ArrayList<>();
        for (Path p : topLevel(A_RUN)) {
            out.add(Files.copy(p, runDir().resolve(p.getFileName())));
        }
        return out;
    }

    private static List<Path> topLevel(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.filter(p -> SidecarNames.isSidecarFile(p.toString())).sorted().collect(Collectors.toList());
        }
    }

    private Path variant(String file, UnaryOperator<SidecarResult.Builder> change) throws Exception {
        SidecarResult r = SidecarCodec.read(Files.readAllBytes(sidecarsUnder(A_RUN).get(0)));
        Path p = tmp.resolve(file);
        Files.write(p, SidecarCodec.write(change.apply(r.toBuilder()).build()));
        return p;
    }

    @Test
    void rewritingARunsOwnSidecarsKeepsAllOfThem() throws Exception {
        List<Path> inputs = seedRun();
        Map<String, byte[]> before = snapshot(runDir());
        List<String> args = new ArrayList<>(List.of("sidecar", "write"));
        inputs.forEach(p -> args.add(p.toString()));
        Result r = run(tmp, env(), new byte[0], args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertEquals(inputs.size(), r.out().lines().count(), r.out());
        Map<String, byte[]> after = snapshot(runDir());
        assertEquals(before.keySet(), after.keySet(), "every input survives its own run's pre-clear");
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
    }

    @Test
    void aRefusedWriteLeavesTheRunIntact() throws Exception {
        seedRun();
        Map<String, byte[]> before = snapshot(runDir());
        Path backslash = variant("bs.json", b -> b.testName("a\\b"));
        Path tooLong = variant("long.json", b -> b.testName("t".repeat(240)));
        for (Path bad : List.of(backslash, tooLong)) {
            Result r = run(tmp, env(), new byte[0], "sidecar", "write", bad.toString());
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().startsWith("error: " + bad + ": refusing to write a sidecar, nothing was written"),
                    r.err());
            Map<String, byte[]> after = snapshot(runDir());
            assertEquals(before.keySet(), after.keySet(), "a refused write pre-clears nothing: " + r.err());
        }
    }

    @Test
    void aBadRunNameIsOneErrorAndTheBatchGoesOnWithAJsonReport() throws Exception {
        Path slash = variant("slash.json", b -> b.kernelVersion("a/b"));
        Path climb = variant("climb.json", b -> b.kernelVersion("../../.."));
        Path escape = variant("esc.json", b -> b.kernelVersion("6.14\u001b]0;pwned\u0007"));
        Path dot = variant("dot.json", b -> b.kernelVersion(".hidden"));
        Path good = sidecarsUnder(A_RUN).get(1);
        Result r = run(tmp, env(), new byte[0], "sidecar", "write", "--json", slash.toString(), climb.toString(),
                escape.toString(), dot.toString(), good.toString());
        assertEquals(1, r.exit(), r.err());
        String summary = r.out().substring(r.out().indexOf("\"summary\""));
        assertTrue(summary.matches("(?s).*\"written\"\\s*:\\s*1\\b.*\"failed\"\\s*:\\s*4\\b.*"), r.out());
        assertEquals(4, r.out().split("run directory name '", -1).length - 1, r.out());
        assertFalse(r.err().contains("\u001b"), "control characters are shown escaped, never sent raw");
        assertTrue(r.err().contains("\\x1b") || r.err().contains("\\u001b"), r.err());
        // Nothing outside the one good run was created: no a/, no hidden run, no escaped directory.
        try (var s = Files.list(target().resolve("ktstr"))) {
            assertEquals(List.of(".locks", "6.14.2-abc1234"),
                    s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
        assertFalse(Files.exists(tmp.resolve("6.14.2-abc1234")), "nothing escaped the runs root");
    }

    @Test
    void nonAsciiNamesAreWrittenListedAndVerifiedUnderLangC() throws Exception {
        Path input = variant("u.json", b -> b.testName("caf\u00e9_\u65e5\u672c"));
        Map<String, String> env = new HashMap<>(env());
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        Result w = run(tmp, env, new byte[0], "sidecar", "write", input.toString());
        assertEquals(0, w.exit(), w.err());
        Path written = Path.of(w.out().trim());
        assertTrue(written.getFileName().toString().startsWith("caf\u00e9_\u65e5\u672c-"), w.out());
        assertArrayEquals(Files.readAllBytes(input), Files.readAllBytes(written));

        Result v = run(tmp, env, new byte[0], "sidecar", "verify", "--json", runDir().toString());
        assertEquals(0, v.exit(), v.out() + v.err());
        assertFalse(v.out().contains("not valid UTF-8"), v.out());

        Result l = run(tmp, env, new byte[0], "stats", "list-values", "--dir", target().resolve("ktstr").toString());
        assertEquals(0, l.exit(), l.err());
        assertFalse(l.err().contains("UTF-8"), l.err());
        Result e = run(tmp, env, new byte[0], "stats", "explain-sidecar", "--run", "6.14.2-abc1234");
        assertEquals(0, e.exit(), e.err());
        assertTrue(e.out().contains("parsed 1 valid"), e.out());
    }

    @Test
    void hugeLockTimeoutsSaturateInsteadOfOverflowing() throws Exception {
        Path input = sidecarsUnder(A_RUN).get(0);
        for (String t : List.of("18446744074", "1e23")) {
            Result r = run(tmp, env(), new byte[0], "sidecar", "write", "--lock-timeout", t, input.toString());
            assertEquals(0, r.exit(), t + ": " + r.err());
            assertFalse(r.err().contains("negative"), r.err());
        }
        assertEquals(Long.MAX_VALUE, SidecarWriteCommand.lockTimeout(new java.math.BigDecimal("1e23")).toNanos());
        assertEquals(1_500_000_000L, SidecarWriteCommand.lockTimeout(new java.math.BigDecimal("1.5")).toNanos());
    }
}
