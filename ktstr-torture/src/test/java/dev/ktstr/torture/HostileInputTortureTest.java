package dev.ktstr.torture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the real launcher {@code bin/ktstr-sidecar}, one child JVM per command:
 * FIFOs and a link to {@code /dev/zero} named like sidecars or given as directories, sidecars
 * too large for the limit or the heap, a chain of symbolic links with 2^31 paths, {@code /proc/1},
 * and escape sequences in sidecar values and file names. Every command must end (the 60 s limit
 * per child is a hang guard, not a speed check), print its report, and show control characters
 * escaped in text output.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class HostileInputTortureTest {
    static final Path LAUNCHER = Path.of(System.getProperty("torture.launcher", "../bin/ktstr-sidecar")).toAbsolutePath()
            .normalize();
    static final Path FIXTURE = Path.of(System.getProperty("torture.fixtures", "../ktstr-api/src/test/resources/fixtures"))
            .resolve("example-full.ktstr.json");
    static final long HANG_SECONDS = 60;
    static final String DEFAULT_LIMIT = "larger than 268435456 bytes (ktstr.maxSidecarBytes)";

    @TempDir
    Path tmp;

    record Result(int exit, String out, String err, byte[] raw) {
        String all() {
            return out + err;
        }
    }

    /** Builds the CLI when its jars are stale (the launcher's own rule), with all the time that takes. */
    @BeforeAll
    static void buildOnce() throws Exception {
        Process p = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "launcher build did not finish");
        assertEquals(0, p.exitValue(), out);
    }

    private Result launch(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().put("CARGO_TARGET_DIR", tmp.resolve("target").toString());
        pb.environment().remove("KTSTR_SIDECAR_DIR");
        pb.environment().remove("KTSTR_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(HANG_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            fail("hung for " + HANG_SECONDS + " s: " + String.join(" ", args) + "\nstdout: " + Files.readString(out)
                    + "\nstderr: " + Files.readString(err));
        }
        byte[] o = Files.readAllBytes(out);
        byte[] e = Files.readAllBytes(err);
        byte[] raw = new byte[o.length + e.length];
        System.arraycopy(o, 0, raw, 0, o.length);
        System.arraycopy(e, 0, raw, o.length, e.length);
        Files.delete(out);
        Files.delete(err);
        return new Result(p.exitValue(), new String(o, StandardCharsets.UTF_8), new String(e, StandardCharsets.UTF_8), raw);
    }

    private Result launch(String... args) throws Exception {
        return launch(Map.of(), args);
    }

    private Path mkfifo(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Torture.run(tmp, "mkfifo", p.toString());
        return p;
    }

    private static Path copyFixture(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.copy(FIXTURE, dir.resolve(name));
    }

    private static void assertSummaryPrinted(Result r) {
        assertTrue(r.out().contains("summary: "), "no summary: " + r.out() + r.err());
        assertFalse(r.err().contains("error: java."), r.err());
        assertFalse(r.err().contains("OutOfMemoryError"), r.err());
    }

    // ---- item 7: FIFOs, devices --------------------------------------------------------------

    @Test
    void verifyNeverOpensAFifoOrADeviceNamedLikeASidecar() throws Exception {
        Path dir = tmp.resolve("v");
        Path good = copyFixture(dir, "example-full.ktstr.json");
        Path fifo = mkfifo(dir.resolve("pipe-0000000000000000.ktstr.json"));
        Path zero = Files.createSymbolicLink(dir.resolve("zero-0000000000000000.ktstr.json"), Path.of("/dev/zero"));

        Result text = launch("sidecar", "verify", dir.toString());
        assertSummaryPrinted(text);
        assertEquals(1, text.exit(), text.all());
        assertTrue(text.out().contains("ERROR     " + fifo + ": cannot read: " + fifo + ": not a regular file\n"), text.out());
        assertTrue(text.out().contains("ERROR     " + zero + ": cannot read: " + zero + ": not a regular file\n"), text.out());
        assertTrue(text.out().contains(good.toString()), text.out());
        assertTrue(text.out().contains("summary: 3 files, 2 not parsed"), text.out());

        Result json = launch("sidecar", "verify", "--json", dir.toString(), fifo.toString());
        assertEquals(1, json.exit(), json.all());
        assertTrue(json.out().contains("\"files\" : 4") || json.out().contains("\"files\": 4"), json.out());
        assertTrue(json.out().contains("not a regular file"), json.out());
    }

    @Test
    void aFifoGivenAsADirectoryIsAnErrorNotAHang() throws Exception {
        Path fifo = mkfifo(tmp.resolve("pipe"));
        for (String[] args : List.of(new String[] {"stats", "list", "--dir", fifo.toString()},
                new String[] {"stats", "list-values", "--dir", fifo.toString()},
                new String[] {"stats", "explain-sidecar", "--dir", tmp.toString(), "--run", "pipe"})) {
            Result r = launch(args);
            assertEquals(1, r.exit(), String.join(" ", args) + ": " + r.all());
            assertTrue(r.err().contains(fifo + ": not a directory"), r.err());
        }
        Result stats = launch(Map.of("KTSTR_SIDECAR_DIR", fifo.toString()), "stats");
        assertTrue(stats.err().contains("ktstr_test: unreadable directory " + fifo + ": not a directory"), stats.err());
        assertTrue(stats.err().contains("no sidecar data found"), stats.err());
    }

    // ---- item 6: memory -------------------------------------------------------------------------

    @Test
    void aSparseSidecarAboveTheLimitIsOneErrorEntry() throws Exception {
        Path dir = tmp.resolve("big");
        Path good = copyFixture(dir, "example-full.ktstr.json");
        Path big = dir.resolve("big-0000000000000000.ktstr.json");
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(3L << 30); // 3 GiB, sparse: above the limit and above any Java array
        }
        Result text = launch("sidecar", "verify", dir.toString());
        assertSummaryPrinted(text);
        assertTrue(text.out().contains("ERROR     " + big + ": cannot read: " + big + ": " + DEFAULT_LIMIT + "\n"), text.out());
        assertTrue(text.out().contains(good.toString()), text.out());
        Result json = launch("sidecar", "verify", "--json", dir.toString());
        assertTrue(json.out().contains(DEFAULT_LIMIT), json.out());

        // The limit is a system property: the 30 kB fixture is too large under 1000 bytes.
        Result small = launch(Map.of("KTSTR_JAVA_OPTS", "-Dktstr.maxSidecarBytes=1000"), "sidecar", "verify", good.toString());
        assertTrue(small.out().contains("larger than 1000 bytes (ktstr.maxSidecarBytes)"), small.all());
    }

    /** A run of two sidecars, one a valid JSON document holding a 40 MB string: too large for a 64 MB heap. */
    private Path heapBusterRun() throws IOException {
        Path run = tmp.resolve("target").resolve("ktstr").resolve("6.14-abc1234");
        copyFixture(run, "example-full.ktstr.json");
        Path big = run.resolve("huge-0000000000000000.ktstr.json");
        byte[] a = new byte[40 << 20];
        java.util.Arrays.fill(a, (byte) 'a');
        try (var out = Files.newOutputStream(big)) {
            out.write("{\"test_name\": \"".getBytes(StandardCharsets.US_ASCII));
            out.write(a);
            out.write("\"}\n".getBytes(StandardCharsets.US_ASCII));
        }
        return big;
    }

    @Test
    void aSidecarTooLargeForTheHeapIsOneErrorEntryInTheStatsWalkers() throws Exception {
        Path big = heapBusterRun();
        String heap = "-Xmx64m -Xmn16m";
        Path run = big.getParent();
        // Under the limit but too large to parse in 64 MB: one IO error, the report of the other file goes on.
        Result stats = launch(Map.of("KTSTR_JAVA_OPTS", heap, "KTSTR_SIDECAR_DIR", run.toString()), "stats");
        assertEquals(0, stats.exit(), stats.all());
        assertTrue(stats.err().contains("ktstr_test: cannot read " + big + ": too large to parse"), stats.err());
        assertTrue(stats.out().contains("GAUNTLET"), stats.out());
        // With the limit below the file, the file is not even read.
        String limited = heap + " -Dktstr.maxSidecarBytes=16777216";
        for (String[] args : List.of(new String[] {"stats", "explain-sidecar", "--run", "6.14-abc1234"},
                new String[] {"stats", "list-values"}, new String[] {"stats", "list"})) {
            Result r = launch(Map.of("KTSTR_JAVA_OPTS", limited), args);
            assertEquals(0, r.exit(), String.join(" ", args) + ": " + r.all());
            assertTrue(r.err().contains("ktstr_test: cannot read " + big + ": larger than 16777216 bytes (ktstr.maxSidecarBytes)"),
                    String.join(" ", args) + ": " + r.err());
        }
        Result verify = launch(Map.of("KTSTR_JAVA_OPTS", heap), "sidecar", "verify", run.toString());
        assertSummaryPrinted(verify);
        assertTrue(verify.out().contains("ERROR     " + big + ": "), verify.out());
        assertTrue(verify.out().contains("summary: 2 files, 1 not parsed"), verify.out());
    }

    // ---- item 7: symbolic link fan-out and loops -----------------------------------------------

    @Test
    void verifyWalksEachDirectoryOnceThroughAChainOfLinksWith2To31Paths() throws Exception {
        Path root = tmp.resolve("chain");
        int depth = 31;
        for (int i = 0; i <= depth; i++) {
            Files.createDirectories(root.resolve("d" + i));
        }
        for (int i = 0; i < depth; i++) {
            Files.createSymbolicLink(root.resolve("d" + i).resolve("a"), Path.of("..", "d" + (i + 1)));
            Files.createSymbolicLink(root.resolve("d" + i).resolve("b"), Path.of("..", "d" + (i + 1)));
        }
        Files.createSymbolicLink(root.resolve("d" + depth).resolve("loop"), Path.of("..", "d0"));
        copyFixture(root.resolve("d" + depth), "example-full.ktstr.json");
        Result r = launch("sidecar", "verify", root.resolve("d0").toString());
        assertSummaryPrinted(r);
        assertTrue(r.out().contains("summary: 1 files, 0 not parsed"), r.out());
        assertEquals(1, r.out().split("example-full.ktstr.json", -1).length - 1, r.out());
    }

    // ---- item 8: one bad directory is one error entry ------------------------------------------

    private static boolean listingFails(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(p -> { });
            return false;
        } catch (IOException | DirectoryIteratorException e) {
            return true;
        }
    }

    @Test
    void aDirectoryThatFailsHalfWayIsOneErrorEntryAndTheWalkGoesOn() throws Exception {
        Path mapFiles = Path.of("/proc/1/map_files");
        Assumptions.assumeTrue(listingFails(mapFiles), "this process may list /proc/1/map_files");
        Path dir = tmp.resolve("m");
        Path good = copyFixture(dir, "example-full.ktstr.json");
        Files.writeString(dir.resolve("z-broken-0000000000000000.ktstr.json"), "{\"test_name\": ");
        Path link = Files.createSymbolicLink(dir.resolve("map_files"), mapFiles);
        for (String mode : List.of("text", "json")) {
            Result r = mode.equals("json") ? launch("sidecar", "verify", "--json", dir.toString())
                    : launch("sidecar", "verify", dir.toString());
            assertEquals(1, r.exit(), r.all());
            assertFalse(r.err().contains("error: java."), r.err());
            assertTrue(r.out().contains(link.toString()), r.out());
            assertTrue(r.out().contains("cannot list directory"), r.out());
            assertTrue(r.out().contains(good.toString()), r.out());
            assertTrue(r.out().contains("z-broken-0000000000000000.ktstr.json"), r.out());
        }
    }

    @Test
    void verifyOfProc1ReportsEntriesInsteadOfDying() throws Exception {
        // Where /proc/1/root can be listed, the walk would cover the whole host file system.
        Assumptions.assumeTrue(listingFails(Path.of("/proc/1/root")), "this process may list /proc/1/root");
        Result r = launch("sidecar", "verify", "/proc/1");
        assertSummaryPrinted(r);
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("ERROR     /proc/1/"), r.out());
        Result json = launch("sidecar", "verify", "--json", "/proc/1");
        assertTrue(json.out().contains("\"summary\""), json.all());
        assertFalse(json.err().contains("error: java."), json.err());
    }

    // ---- item 11: escape sequences --------------------------------------------------------------

    /** Clear screen, window title, bell, an 8-bit CSI, carriage return. */
    static final String HOSTILE = "\u001b[2J\u001b]0;pwned\u0007\u009b1m\r";

    private static void assertNoRawControls(String what, Result r) {
        assertNoRawControls(what, r, true);
    }

    /** {@code c1}: C1 controls and DEL count too (JSON encoders escape only C0, as the JSON grammar asks). */
    private static void assertNoRawControls(String what, Result r, boolean c1) {
        String s = new String(r.raw(), StandardCharsets.UTF_8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && (c < 0x20 || (c1 && c >= 0x7f && c <= 0x9f))) {
                fail(what + ": raw control U+" + Integer.toHexString(c) + " at " + i + ": " + s);
            }
        }
    }

    @Test
    void controlCharactersFromSidecarsAndFileNamesAreShownEscaped() throws Exception {
        SidecarResult base = SidecarCodec.read(Files.readAllBytes(FIXTURE));
        SidecarResult evil = base.toBuilder().testName("evil" + HOSTILE).scheduler("scx" + HOSTILE)
                .kernelVersion("6.14" + HOSTILE).topology("1n" + HOSTILE).build();
        String runName = "6.14-abc1234" + HOSTILE;
        Path run = tmp.resolve("target").resolve("ktstr").resolve(runName);
        Files.createDirectories(run);
        Files.write(run.resolve(SidecarNames.fileName(evil)), SidecarCodec.write(evil));
        Files.writeString(run.resolve("broken" + HOSTILE + "-0000000000000000.ktstr.json"), "{\"test_name\": ");

        Map<String, String> env = new HashMap<>();
        env.put("KTSTR_SIDECAR_DIR", run.toString());
        List<String[]> text = List.of(new String[] {"stats"}, new String[] {"stats", "list"},
                new String[] {"stats", "list-values"}, new String[] {"stats", "explain-sidecar", "--run", runName},
                new String[] {"stats", "show-host", "--run", runName},
                new String[] {"stats", "compare", "--a-scheduler", "scx" + HOSTILE, "--b-scheduler", "x" + HOSTILE},
                new String[] {"sidecar", "verify", run.toString()});
        for (String[] args : text) {
            Result r = launch(args[0].equals("stats") && args.length == 1 ? env : Map.of(), args);
            String what = String.join(" ", args);
            assertNoRawControls(what, r);
            assertTrue(r.all().contains("\\x1b"), what + ": " + r.all());
        }
        // JSON output escapes with the JSON encoder, as before (\\u001b / \\u001B): no raw C0 control.
        for (String[] args : List.of(new String[] {"stats", "--json"}, new String[] {"sidecar", "verify", "--json", run.toString()})) {
            Result r = launch(args.length == 2 ? env : Map.of(), args);
            String what = String.join(" ", args);
            assertNoRawControls(what, r, false); // JSON as before: C1 controls stay as the encoder leaves them
            assertTrue(r.out().toLowerCase(java.util.Locale.ROOT).contains("\\u001b"), what + ": " + r.out());
            assertFalse(r.out().contains("\\x1b"), what + ": " + r.out());
        }
    }
}
