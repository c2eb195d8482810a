package dev.ktstr.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/ktstr-sidecar} as a real process, for every subcommand, with good and bad
 * input. Runs under failsafe after {@code package}; {@code KTSTR_SIDECAR_NO_BUILD=1} keeps the
 * launcher from building.
 */
class LauncherIT {
    static final Path LAUNCHER = Path.of("..", "bin", "ktstr-sidecar").toAbsolutePath().normalize();
    static final Path EXAMPLES = Path.of("..", "examples", "runs").toAbsolutePath().normalize();
    static final Path A_RUN = EXAMPLES.resolve("6.14.2-abc1234");

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err) {
    }

    static Result run(Path cwd, Map<String, String> env, byte[] stdin, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> e = pb.environment();
        for (String k : List.of("KTSTR_SIDECAR_DIR", "CARGO_TARGET_DIR", "KTSTR_KERNEL", "KTSTR_CI", "KTSTR_STORE",
                "KTSTR_PROBE", "KTSTR_LOCK")) {
            e.remove(k);
        }
        e.put("KTSTR_SIDECAR_NO_BUILD", "1");
        e.putAll(env);
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(stdin);
        p.getOutputStream().close();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish: " + cmd);
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(tmp, env, new byte[0], args);
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(tmp, Map.of(), new byte[0], args);
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "git " + String.join(" ", args) + ": " + out);
        return out.trim();
    }

    /** A git repository with one commit; returns its 7-hex HEAD. */
    static String gitRepo(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        git(dir, "init", "-q");
        Files.writeString(dir.resolve("f"), "x");
        git(dir, "add", "f");
        git(dir, "commit", "-q", "-m", "c");
        return git(dir, "rev-parse", "--short=7", "HEAD");
    }

    static List<Path> sidecarsUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> SidecarNames.isSidecarFile(p.toString())).sorted()
                    .collect(Collectors.toList());
        }
    }

    // ---- root, usage errors ----

    @Test
    void helpListsEverySubcommand() throws Exception {
        Result r = run("--help");
        assertEquals(0, r.exit(), r.err());
        for (String c : List.of("probe", "sidecar", "providers", "stats")) {
            assertTrue(r.out().contains("  " + c + " "), c + " missing from:\n" + r.out());
        }
        assertEquals("", r.err());
    }

    @Test
    void unknownFlagsAndSubcommandsAreUsageErrors() throws Exception {
        for (String[] args : List.of(new String[] {"probe", "--bogus"}, new String[] {"frobnicate"},
                new String[] {"sidecar", "verify"}, new String[] {"sidecar"},
                new String[] {"sidecar", "write", "--lock-timeout", "soon", "x"},
                new String[] {"stats", "compare", "--no-such-flag"})) {
            Result r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + ": " + r.err());
            // picocli's message first, then either the usage or its suggestions
            assertTrue(r.err().matches("(?s)(Unknown option|Unmatched argument|Missing required|Invalid value).*"),
                    r.err());
            assertEquals("", r.out(), "usage errors print nothing on stdout");
        }
        assertTrue(run("probe", "--bogus").err().startsWith("Unknown option: '--bogus'"));
        assertTrue(run("frobnicate").err().startsWith("Unmatched argument at index 0: 'frobnicate'"));
    }

    @Test
    void providersShowsEachSpi() throws Exception {
        Result r = run("providers");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("store: fs ("), r.out());
        assertTrue(r.out().contains("probe: jgit ("), r.out());
        assertTrue(r.out().contains("lock: flock ("), r.out());
        assertEquals("", r.err(), "no SLF4J or other noise on stderr");
    }

    /**
     * The launcher runs the CLI on the class path unless provider jars are added (then on the
     * module path); both ways must give the same answers, and only the provider listing shows
     * which one ran.
     */
    @Test
    void classPathAndModulePathGiveTheSameAnswers() throws Exception {
        List<List<String>> commands = List.of(
                List.of("--version"),
                List.of("stats", "list-values", "--dir", EXAMPLES.toString(), "--json", "--no-cache"),
                List.of("stats", "compare", "--dir", EXAMPLES.toString(), "--a-project-commit", "abc1234",
                        "--b-project-commit", "def5678", "--no-cache"),
                List.of("stats", "compare", "--dir", EXAMPLES.toString(), "--a-project-commit", "abc1234",
                        "--b-project-commit", "def5678", "--no-cache", "--format", "html"),
                List.of("stats", "compare", "--dir", EXAMPLES.toString(), "--a-project-commit", "abc1234",
                        "--b-project-commit", "def5678", "--no-cache", "--format", "junit"),
                List.of("stats", "--dir", EXAMPLES.toString(), "--json"),
                List.of("sidecar", "verify", "--json", EXAMPLES.toString()),
                List.of("stats", "frobnicate"));
        for (List<String> args : commands) {
            Result cp = run(Map.of("KTSTR_LAUNCH", "classpath"), args.toArray(String[]::new));
            Result mp = run(Map.of("KTSTR_LAUNCH", "module"), args.toArray(String[]::new));
            assertEquals(mp, cp, "class path vs module path: " + args);
        }
        assertTrue(run("providers").out().contains("FsSidecarStore in unnamed module"), "the default is the class path");
        Path ext = Files.createDirectories(tmp.resolve("no-jars"));
        assertTrue(run(Map.of("KTSTR_MODULE_PATH", ext.toString()), "providers").out()
                .contains("FsSidecarStore in dev.ktstr.fs"), "an added provider path means the module path");
        Result bad = run(Map.of("KTSTR_LAUNCH", "jar"), "providers");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("KTSTR_LAUNCH"), bad.err());
        Result cpOpt = run(Map.of("KTSTR_JAVA_OPTS", "-cp /nowhere"), "providers");
        assertEquals(2, cpOpt.exit());
        assertTrue(cpOpt.err().contains("class path"), cpOpt.err());
    }

    // ---- probe ----

    @Test
    void probeOutsideAnyRepository() throws Exception {
        Path target = tmp.resolve("tgt");
        Result r = run(Map.of("CARGO_TARGET_DIR", target.toString(), "KTSTR_KERNEL", "6.14.2", "KTSTR_CI", "1"),
                "probe", "--json");
        assertEquals(0, r.exit(), r.err());
        String ktstr = target.resolve("ktstr").toString();
        assertTrue(r.out().contains("\"runs_root\": \"" + ktstr + "\""), r.out());
        assertTrue(r.out().contains("\"sidecar_dir\": \"" + ktstr + "/6.14.2-unknown\""), r.out());
        assertTrue(r.out().contains("\"kernel_version\": \"6.14.2\""), r.out());
        assertTrue(r.out().contains("\"kernel_commit\": null"), r.out());
        assertTrue(r.out().contains("\"project_commit\": null"), r.out());
        assertTrue(r.out().contains("\"run_source\": \"ci\""), r.out());
        assertTrue(r.out().contains("\"name\": \"flock\""), r.out());
        assertEquals("", r.err());
    }

    @Test
    void probeInsideAGitRepositoryAndWithTheOverride() throws Exception {
        Path repo = tmp.resolve("repo");
        String head = gitRepo(repo);
        Result r = run(repo, Map.of(), new byte[0], "probe");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("project commit: " + head + "\n"), r.out());
        assertTrue(r.out().contains("sidecar dir:    target/ktstr/unknown-" + head + " "), r.out());
        assertTrue(r.out().contains("run source:     local\n"), r.out());

        Result o = run(repo, Map.of("KTSTR_SIDECAR_DIR", "/some/dir"), new byte[0], "probe", "--json");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().contains("\"sidecar_dir\": \"/some/dir\""), o.out());
        assertTrue(o.out().contains("\"sidecar_dir_override\": true"), o.out());
        assertTrue(o.out().contains("\"project_commit\": \"" + head + "\""), o.out());
    }

    @Test
    void probeWithAnUnknownProviderChoiceFails() throws Exception {
        Result r = run(Map.of("KTSTR_LOCK", "nosuch"), "probe", "--json");
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: lock: The environment variable KTSTR_LOCK asks for RunLock provider"
                + " 'nosuch'"), r.err());
        assertTrue(r.out().contains("\"lock\": {\n      \"name\": null"), "the report is still printed:\n" + r.out());
    }

    // ---- sidecar write ----

    @Test
    void writeAsIsGoesThroughTheDefaultPathAndKeepsTheBytes() throws Exception {
        Path target = tmp.resolve("tgt");
        Path run = target.resolve("ktstr/6.14.2-abc1234");
        Files.createDirectories(run);
        Path stale = Files.writeString(run.resolve("old-0000000000000000.ktstr.json"), "{}");
        List<Path> inputs = sidecarsUnder(A_RUN).subList(0, 3);
        List<String> args = new ArrayList<>(List.of("sidecar", "write"));
        inputs.forEach(p -> args.add(p.toString()));
        Result r = run(Map.of("CARGO_TARGET_DIR", target.toString()), args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().collect(Collectors.toList());
        assertEquals(3, lines.size(), r.out());
        for (int i = 0; i < 3; i++) {
            Path written = Path.of(lines.get(i));
            assertEquals(run.resolve(inputs.get(i).getFileName()), written);
            assertArrayEquals(Files.readAllBytes(inputs.get(i)), Files.readAllBytes(written));
        }
        assertFalse(Files.exists(stale), "the run is pre-cleared before the first write");
        assertTrue(Files.exists(target.resolve("ktstr/.locks/6.14.2-abc1234.lock")), "the run lock file is used");
        assertEquals("", r.err());
    }

    @Test
    void writeReportsEachBadInputAndKeepsTheGoodOnes() throws Exception {
        Path target = tmp.resolve("tgt");
        Path good = sidecarsUnder(A_RUN).get(0);
        Path malformed = Files.writeString(tmp.resolve("bad.json"), "{\"test_name\": ");
        Path noTopology = Files.writeString(tmp.resolve("partial.json"), "{\"test_name\": \"t\"}");
        Path missing = tmp.resolve("missing.json");
        Path unreadable = Files.createDirectory(tmp.resolve("dir.json"));
        Result r = run(Map.of("CARGO_TARGET_DIR", target.toString()), "sidecar", "write", malformed.toString(),
                good.toString(), missing.toString(), noTopology.toString(), unreadable.toString());
        assertEquals(1, r.exit());
        assertEquals(target.resolve("ktstr/6.14.2-abc1234").resolve(good.getFileName()) + "\n", r.out());
        List<String> errors = r.err().lines().collect(Collectors.toList());
        assertEquals(4, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith("error: " + malformed + ": not a valid sidecar: "), errors.get(0));
        assertEquals("error: " + missing + ": no such file or directory", errors.get(1));
        assertTrue(errors.get(2).startsWith("error: " + noTopology + ": not a valid sidecar: missing field"),
                errors.get(2));
        assertTrue(errors.get(3).startsWith("error: " + unreadable + ": "), errors.get(3));
    }

    @Test
    void writeWithFillFromStdinInAGitRepository() throws Exception {
        Path repo = tmp.resolve("repo");
        String head = gitRepo(repo);
        SidecarResult draft = SidecarCodec.read(Files.readAllBytes(sidecarsUnder(A_RUN).get(0))).toBuilder()
                .projectCommit(java.util.Optional.empty()).kernelVersion(java.util.Optional.empty())
                .kernelCommit(java.util.Optional.empty()).runSource(java.util.Optional.empty()).timestamp("")
                .runId("").build();
        Result r = run(repo, Map.of("KTSTR_KERNEL", "6.15.0"), SidecarCodec.write(draft), "sidecar", "write",
                "--fill", "--json", "-");
        assertEquals(0, r.exit(), r.err());
        Path expectedRun = repo.resolve("target/ktstr/6.15.0-" + head);
        List<Path> written = sidecarsUnder(expectedRun);
        assertEquals(1, written.size());
        SidecarResult w = SidecarCodec.read(Files.readAllBytes(written.get(0)));
        assertEquals(head, w.projectCommit().orElseThrow());
        assertEquals("6.15.0", w.kernelVersion().orElseThrow());
        assertEquals("local", w.runSource().orElseThrow());
        assertTrue(w.timestamp().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), w.timestamp());
        assertTrue(w.runId().matches("\\d{8}T\\d{6}Z-\\d+"), w.runId());
        assertTrue(r.out().contains("\"input\": \"<stdin>\""), r.out());
        assertTrue(r.out().contains("\"failed\": []"), r.out());

        Result noFill = run(repo, Map.of(), SidecarCodec.write(draft), "sidecar", "write");
        assertEquals(1, noFill.exit());
        assertEquals("error: <stdin>: run_id is empty; pass --fill to have them set, or give them in the JSON\n",
                noFill.err());
    }

    @Test
    void writeUnderTheOverrideDirectory() throws Exception {
        Path dir = tmp.resolve("override");
        Path input = sidecarsUnder(A_RUN).get(1);
        Result r = run(Map.of("KTSTR_SIDECAR_DIR", dir.toString()), "sidecar", "write", input.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(dir.resolve(input.getFileName()) + "\n", r.out());
    }

    // ---- sidecar verify ----

    @Test
    void verifyTheExamples() throws Exception {
        Result r = run("sidecar", "verify", EXAMPLES.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().endsWith("summary: 24 files, 0 not parsed, 0 misnamed, 0 with non-canonical bytes\n"),
                r.out());
        assertEquals(24, r.out().lines().filter(l -> l.startsWith("ok        ")).count());
        assertEquals("", r.err(), "no progress on a stderr that is not a terminal");
    }

    @Test
    void verifyReportsBadFiles() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run/sub"));
        Path good = sidecarsUnder(A_RUN).get(0);
        Path misnamed = Files.copy(good, tmp.resolve("run/renamed-0000000000000000.ktstr.json"));
        Path malformed = Files.writeString(dir.resolve("broken-0000000000000000.ktstr.json"), "{ nope");
        Path unreadable = Files.createDirectories(tmp.resolve("run/sub/deeper/x.ktstr.json/y"));
        byte[] spaced = new String(Files.readAllBytes(good), StandardCharsets.UTF_8).replace("\n  ", "\n    ")
                .getBytes(StandardCharsets.UTF_8);
        Path loose = Files.write(tmp.resolve("run").resolve(good.getFileName()), spaced);
        Path missing = tmp.resolve("nothing-here");
        Result r = run("sidecar", "verify", "--json", tmp.resolve("run").toString(), missing.toString());
        assertEquals(1, r.exit(), r.err());
        String o = r.out();
        assertTrue(o.contains("\"path\": \"" + misnamed + "\",\n      \"parses\": true,\n      \"error\": null,\n"
                + "      \"canonical_name\": \"" + good.getFileName() + "\",\n      \"name_matches\": false,\n"
                + "      \"canonical_bytes\": true"), o);
        // serde_json's own wording for "{ nope" (checked with tools/serde-oracle).
        assertTrue(o.contains("\"path\": \"" + malformed + "\",\n      \"parses\": false,\n"
                + "      \"error\": \"key must be a string at line 1 column 3\""), o);
        assertTrue(o.contains("\"path\": \"" + loose + "\",\n      \"parses\": true,\n      \"error\": null,\n"
                + "      \"canonical_name\": \"" + good.getFileName() + "\",\n      \"name_matches\": true,\n"
                + "      \"canonical_bytes\": false"), o);
        assertTrue(o.contains("\"path\": \"" + missing + "\",\n      \"parses\": false,\n      \"error\": \"no such file or directory\""), o);
        assertFalse(o.contains(unreadable.toString()), "a directory is walked, not read");
        assertTrue(o.contains("\"summary\": {\n    \"files\": 4,\n    \"parsed\": 2,\n    \"parse_errors\": 2,\n"
                + "    \"misnamed\": 1,\n    \"non_canonical_bytes\": 1,\n    \"ok\": false\n  }"), o);
    }

    @Test
    void verifyAnExplicitDirectoryNamedLikeASidecarIsAReadError() throws Exception {
        Path d = Files.createDirectory(tmp.resolve("x.ktstr.json"));
        Files.writeString(tmp.resolve("plain.txt"), "hi");
        Result r = run("sidecar", "verify", tmp.resolve("plain.txt").toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().startsWith("ERROR     " + tmp.resolve("plain.txt") + ": "), r.out());
        Result empty = run("sidecar", "verify", d.toString());
        assertEquals(0, empty.exit());
        assertEquals("ktstr-sidecar: no sidecar files under " + d + "\n", empty.err());
    }

    // ---- stats ----

    @Test
    void statsCompareOnTheExamplesFindsOneRegression() throws Exception {
        Result r = run("stats", "compare", "--dir", EXAMPLES.toString(), "--a-project-commit", "abc1234",
                "--b-project-commit", "def5678");
        assertEquals(1, r.exit(), "a regression exits 1: " + r.err());
        assertEquals(1, r.out().lines().filter(l -> l.contains(" REGRESSION ")).count(), r.out());
        assertTrue(r.out().contains("summary: 1 regressions, 1 improvements, "), r.out());
        assertFalse(r.err().contains("error:"), r.err());
    }

    @Test
    void statsOnAMissingRunIsAnError() throws Exception {
        Result r = run("stats", "show-host", "--run", "no-such-run", "--dir", EXAMPLES.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.err().startsWith("error: "), r.err());
    }

    @Test
    void statsExplainSidecarCountsMalformedFiles() throws Exception {
        Path runs = tmp.resolve("runs");
        Path run = Files.createDirectories(runs.resolve("6.14.2-abc1234"));
        Files.copy(sidecarsUnder(A_RUN).get(0), run.resolve(sidecarsUnder(A_RUN).get(0).getFileName()));
        Files.writeString(run.resolve("broken-0000000000000000.ktstr.json"), "[");
        Result r = run("stats", "explain-sidecar", "--run", "6.14.2-abc1234", "--dir", runs.toString(), "--json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"walked\": 2"), r.out());
        assertTrue(r.out().contains("\"valid\": 1"), r.out());
        assertTrue(r.out().contains("broken-0000000000000000.ktstr.json"), r.out());
    }

    @Test
    void launcherWithoutJarsAndNoBuildFailsClearly() throws Exception {
        Path fake = tmp.resolve("fake");
        Files.createDirectories(fake.resolve("bin"));
        Path launcher = Files.copy(LAUNCHER, fake.resolve("bin/ktstr-sidecar"));
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "--help");
        pb.environment().put("KTSTR_SIDECAR_NO_BUILD", "1");
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor());
        assertTrue(out.startsWith("error: expected one ktstr-cli jar and lib/ in " + fake.toRealPath()
                + "/ktstr-cli/target"), out);
        assertTrue(out.contains("KTSTR_SIDECAR_NO_BUILD is set"), out);
    }

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
