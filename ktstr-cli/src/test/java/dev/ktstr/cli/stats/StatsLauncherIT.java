package dev.ktstr.cli.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.ScenarioStats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stats subcommand through the real launcher {@code bin/ktstr-sidecar} in a child JVM:
 * streams, exit codes, and bad input (missing run, unreadable files, malformed JSON, unknown
 * flags). Runs under failsafe after {@code package}.
 */
class StatsLauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "ktstr-sidecar").toAbsolutePath().normalize();

    @TempDir
    Path target;

    SidecarTree runs;
    String root;

    record Result(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp() {
        runs = new SidecarTree(target.resolve("ktstr"));
        root = target.resolve("ktstr").toString();
    }

    private Result launch(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.add("stats");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(target.toFile());
        pb.environment().put("CARGO_TARGET_DIR", target.toString());
        pb.environment().remove("KTSTR_SIDECAR_DIR");
        pb.environment().put("KTSTR_SIDECAR_NO_BUILD", "1");
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not exit");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void pool() {
        runs.write("6.14-abc1234", SidecarTree.sidecar("steady", "1n2l4c1t").scheduler("scx_a").kernelVersion("6.14.2")
                .host(HostContext.builder().kernelName("Linux").arch("x86_64").build())
                .stats(ScenarioStats.builder().worstSpread(10).build()).build());
        runs.write("6.14-abc1234", SidecarTree.sidecar("steady", "1n2l4c1t").scheduler("scx_b").kernelVersion("6.14.2")
                .stats(ScenarioStats.builder().worstSpread(40).build()).build());
    }

    @Test
    void bareStatsAndListOverARealTree() throws Exception {
        Result none = launch();
        assertEquals(0, none.exit());
        assertEquals("", none.out());
        assertEquals("cargo ktstr: no sidecar data found (skipped)\n", none.err());

        pool();
        Result report = launch();
        assertEquals(0, report.exit(), report.err());
        assertTrue(report.out().startsWith("\n=== GAUNTLET ANALYSIS ===\n\nNo outliers detected.\n"), report.out());

        Result json = launch("--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().startsWith("{\n  \"_schema_version\": \"1\",\n"), json.out());

        Result list = launch("list");
        assertEquals(0, list.exit(), list.err());
        assertEquals(" RUN           TESTS  DATE                  ARCH   \n"
                + " 6.14-abc1234  2      2026-04-27T09:12:03Z  x86_64 \n", list.out());
        assertEquals("", list.err());
    }

    @Test
    void listMetricsAndListValuesWriteNonAsciiAsUtf8() throws Exception {
        Result metrics = launch("list-metrics");
        assertEquals(0, metrics.exit());
        assertTrue(metrics.out().contains(" worst_p99_wake_latency_us         lower     50           0.25         \u00b5s   \n"),
                metrics.out());

        pool();
        Result values = launch("list-values", "--json");
        assertEquals(0, values.exit(), values.err());
        assertTrue(values.out().contains("\"scheduler\": [\n    \"scx_a\",\n    \"scx_b\"\n  ]"), values.out());
    }

    @Test
    void showHostAndExplainSidecar() throws Exception {
        pool();
        Result host = launch("show-host", "--run", "6.14-abc1234");
        assertEquals(0, host.exit(), host.err());
        assertTrue(host.out().startsWith("kernel_name: Linux\nkernel_release: (unknown)\narch: x86_64\n"), host.out());

        Result missing = launch("show-host", "--run", "6.14-abc1243");
        assertEquals(1, missing.exit());
        assertEquals("", missing.out());
        assertEquals("error: run '6.14-abc1243' not found under " + root + ". Did you mean `6.14-abc1234`? Run"
                + " `ktstr-sidecar stats list` to enumerate available run keys.\n", missing.err());

        Result explain = launch("explain-sidecar", "--run", "6.14-abc1234", "--json");
        assertEquals(0, explain.exit(), explain.err());
        assertTrue(explain.out().contains("\"walked\": 2,\n    \"valid\": 2,"), explain.out());
    }

    @Test
    void unreadableAndMalformedFilesAreReportedAndNeverAbortTheWalk() throws Exception {
        pool();
        String run = "6.14-abc1234";
        Path malformed = runs.writeRaw(run, "broken-0000000000000000.ktstr.json", "{\"test_name\": ");
        Path dirLikeSidecar = Files.createDirectories(runs.root().resolve(run).resolve("job").resolve("d.ktstr.json"));
        Path dangling = Files.createSymbolicLink(runs.root().resolve(run).resolve("gone-0000000000000000.ktstr.json"),
                target.resolve("does-not-exist"));
        Path fifo = runs.root().resolve(run).resolve("pipe-0000000000000000.ktstr.json");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());

        Result explain = launch("explain-sidecar", "--run", run);
        assertEquals(0, explain.exit(), explain.err());
        assertTrue(explain.out().startsWith("walked 6 sidecar file(s), parsed 2 valid\n\n"), explain.out());
        assertTrue(explain.out().contains("corrupt sidecars (1):\n  " + malformed + "\n    error: EOF while parsing"),
                explain.out());
        assertTrue(explain.out().contains("io errors (3):\n"), explain.out());
        String err = explain.err();
        assertTrue(err.contains("ktstr_test: skipping " + malformed + ": EOF while parsing"), err);
        assertTrue(err.contains("ktstr_test: cannot read " + dangling + ": "), err);
        assertTrue(err.contains("ktstr_test: cannot read " + fifo + ": "), err);
        assertTrue(err.contains("ktstr_test: cannot read " + dirLikeSidecar + ": "), err);

        // The report itself still covers the two good sidecars.
        Result list = launch("list");
        assertEquals(0, list.exit());
        assertTrue(list.out().contains(" 6.14-abc1234  2 "), list.out());
    }

    @Test
    void compareExitsOneOnRegressionAndReportsErrors() throws Exception {
        pool();
        Result regression = launch("compare", "--a-scheduler", "scx_a", "--b-scheduler", "scx_b");
        assertEquals(1, regression.exit(), regression.err());
        assertTrue(regression.out().contains("summary: 1 regressions, 0 improvements, 0 unchanged\n"),
                regression.out());
        assertEquals("", regression.err());

        Result json = launch("compare", "--a-scheduler", "scx_a", "--b-scheduler", "scx_b", "--json");
        assertEquals(1, json.exit());
        assertTrue(json.out().contains("\"exit_code\": 1"), json.out());

        Result identical = launch("compare");
        assertEquals(1, identical.exit());
        assertTrue(identical.err().startsWith("error: stats compare: A and B select identical rows."), identical.err());

        Path policy = Files.writeString(target.resolve("policy.json"), "{\"default_percent\": ");
        Result badPolicy = launch("compare", "--policy", policy.toString(), "--a-scheduler", "scx_a",
                "--b-scheduler", "scx_b");
        assertEquals(1, badPolicy.exit());
        assertTrue(badPolicy.err().startsWith("error: parse comparison policy from " + policy + ": "),
                badPolicy.err());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Result unknown = launch("list", "--frobnicate");
        assertEquals(2, unknown.exit());
        assertEquals("", unknown.out());
        assertTrue(unknown.err().startsWith("Unknown option: '--frobnicate'"), unknown.err());

        Result missingRun = launch("explain-sidecar");
        assertEquals(2, missingRun.exit());
        assertTrue(missingRun.err().startsWith("Missing required option: '--run=RUN'"), missingRun.err());

        Result conflict = launch("compare", "--threshold", "5", "--policy", "x.json");
        assertEquals(2, conflict.exit());
        assertTrue(conflict.err().contains("mutually exclusive"), conflict.err());
    }
}
