package dev.ktstr.cli.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.ProgVerifierStats;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stats commands in memory: exact stdout/stderr and exit codes against the spec's pinned strings. */
class StatsCommandTest {
    @TempDir
    Path target;

    SidecarTree runs;
    String root;

    @BeforeEach
    void setUp() {
        runs = new SidecarTree(target.resolve("ktstr"));
        root = target.resolve("ktstr").toString();
    }

    private static String line25(String name, String rest) {
        return "  " + name + " ".repeat(25 - name.length()) + " " + rest + "\n";
    }

    // ---- bare stats ----

    @Test
    void bareStatsWithoutRunsPrintsTheSkipNoticeAndExitsZero() {
        StatsRun r = StatsRun.run(target);
        assertEquals(0, r.exit());
        assertEquals("", r.out());
        assertEquals("cargo ktstr: no sidecar data found (skipped)\n", r.err());
    }

    @Test
    void bareStatsReportsTheNewestRunAndSkipsCorruptFilesWithADiagnostic() {
        runs.write("6.13-old0000", SidecarTree.sidecar("old_test", "1n1l1c1t").build());
        runs.touch("6.13-old0000", "2026-01-01T00:00:00Z");
        runs.write("6.14-abc1234", SidecarTree.sidecar("cgroup_steady", "1n2l4c1t")
                .stats(ScenarioStats.builder().worstSpread(12.5).worstGapMs(120).build())
                .verifierStats(List.of(new ProgVerifierStats("dispatch", 50000))).build());
        Path bad = runs.writeRaw("6.14-abc1234", "bad-0000000000000000.ktstr.json", "");
        runs.touch("6.14-abc1234", "2026-04-27T09:00:00Z");

        StatsRun r = StatsRun.run(target);

        assertEquals(0, r.exit());
        assertEquals("\n=== GAUNTLET ANALYSIS ===\n\nNo outliers detected.\n\nBy scenario (worst first):\n"
                + line25("cgroup_steady", "1/1 passed (0 skipped, 0 failed)  avg_spread=12.5%  avg_gap=120ms")
                + "\nBy topology:\n"
                + line25("1n2l4c1t", "1/1 passed (0 skipped, 0 failed)  avg_spread=12.5%  avg_gap=120ms")
                + "\n=== BPF VERIFIER STATS ===\n\n"
                + "  program                      verified   limit%\n"
                + "  ------------------------ ------------ --------\n"
                + "  dispatch                        50000     5.0%\n"
                + "\n  total verified insns: 50000\n", r.out());
        assertEquals("ktstr_test: skipping " + bad + ": EOF while parsing a value at line 1 column 0\n", r.err());
    }

    @Test
    void bareStatsReadsKtstrSidecarDirAsIs() {
        Path dir = target.resolve("elsewhere");
        new SidecarTree(target).write("elsewhere", SidecarTree.sidecar("from_override", "1n1l2c1t").build());
        runs.write("6.14-abc1234", SidecarTree.sidecar("from_runs_root", "1n1l2c1t").build());

        StatsRun r = StatsRun.run(target, Map.of("KTSTR_SIDECAR_DIR", dir.toString()));

        assertEquals(0, r.exit());
        assertTrue(r.out().contains("  from_override "), r.out());
        assertFalse(r.out().contains("from_runs_root"), r.out());
    }

    @Test
    void bareStatsDirPicksTheNewestRunUnderThatRootAndJsonIsAnObject() throws IOException {
        SidecarTree other = new SidecarTree(target.resolve("archive"));
        other.write("a-old", SidecarTree.sidecar("older", "1n1l2c1t").build());
        other.touch("a-old", "2026-01-01T00:00:00Z");
        other.write("b-new", SidecarTree.sidecar("newer", "1n1l2c1t").build());
        other.touch("b-new", "2026-02-01T00:00:00Z");

        StatsRun text = StatsRun.run(target, "--dir", other.root().toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("  newer "), text.out());
        assertFalse(text.out().contains("older"), text.out());

        StatsRun json = StatsRun.run(target, "--dir", other.root().toString(), "--json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().startsWith("{\n  \"_schema_version\": \"1\",\n  \"run\": \""
                + other.root().resolve("b-new") + "\",\n  \"sidecars\": 1,\n"), json.out());
        assertTrue(json.out().endsWith("}\n"), json.out());
    }

    // ---- list ----

    @Test
    void listPrintsRunsNewestFirstWithCountsEarliestDateAndArch() {
        runs.write("7.0-def5678-dirty", SidecarTree.sidecar("a", "1n1l2c1t").timestamp("2026-04-27T09:15:00Z")
                .host(HostContext.builder().arch("x86_64").build()).build());
        runs.write("7.0-def5678-dirty", SidecarTree.sidecar("b", "1n1l2c1t").timestamp("2026-04-27T09:12:03Z").build());
        runs.write("6.14-abc1234", SidecarTree.sidecar("c", "1n1l2c1t").timestamp("2026-04-26T18:40:55Z").build());
        runs.emptyRun("unknown-unknown");
        runs.emptyRun(".locks");
        runs.touch("7.0-def5678-dirty", "2026-04-27T10:00:00Z");
        runs.touch("6.14-abc1234", "2026-04-26T19:00:00Z");
        runs.touch("unknown-unknown", "2026-01-01T00:00:00Z");

        StatsRun r = StatsRun.run(target, "list");

        assertEquals(0, r.exit(), r.err());
        assertEquals(""
                + " RUN                TESTS  DATE                  ARCH   \n"
                + " 7.0-def5678-dirty  2      2026-04-27T09:12:03Z  x86_64 \n"
                + " 6.14-abc1234       1      2026-04-26T18:40:55Z  -      \n"
                + " unknown-unknown    0      -                     -      \n", r.out());
        assertEquals("", r.err());

        StatsRun json = StatsRun.run(target, "list", "--json");
        assertEquals(0, json.exit());
        assertTrue(json.out().startsWith("[\n  {\n    \"run\": \"7.0-def5678-dirty\",\n    \"tests\": 2,\n"
                + "    \"date\": \"2026-04-27T09:12:03Z\",\n    \"arch\": \"x86_64\",\n"), json.out());
    }

    @Test
    void listWithoutRunsPrintsTheNoticeOnStderrAndExitsZero() {
        StatsRun r = StatsRun.run(target, "list");
        assertEquals(0, r.exit());
        assertEquals("", r.out());
        assertEquals("no runs found at " + root + ". Run `cargo ktstr test` to generate sidecar data.\n", r.err());
    }

    @Test
    void listDirListsAnotherRoot() {
        SidecarTree other = new SidecarTree(target.resolve("copied"));
        other.write("run-x", SidecarTree.sidecar("a", "1n1l2c1t").build());
        StatsRun r = StatsRun.run(target, "list", "--dir", other.root().toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains(" run-x "), r.out());
    }

    // ---- list-metrics ----

    @Test
    void listMetricsPrintsTheRegistryTableAndUpstreamJson() {
        StatsRun r = StatsRun.run(target, "list-metrics");
        assertEquals(0, r.exit());
        String[] lines = r.out().split("\n", -1);
        assertEquals(21, lines.length); // header + 19 metrics + the empty string after the final newline
        assertEquals(" NAME                              POLARITY  DEFAULT_ABS  DEFAULT_REL  UNIT ", lines[0]);
        assertEquals(" worst_p99_wake_latency_us         lower     50           0.25         \u00b5s   ", lines[10]);
        assertEquals("", r.err());

        StatsRun json = StatsRun.run(target, "list-metrics", "--json");
        assertTrue(json.out().startsWith("[\n  {\n    \"name\": \"worst_spread\",\n    \"polarity\": \"LowerBetter\",\n"
                + "    \"default_abs\": 5.0,\n    \"default_rel\": 0.25,\n    \"display_unit\": \"%\"\n  },\n"), json.out());
        assertTrue(json.out().endsWith("]"), "upstream prints no trailing newline");
    }

    // ---- list-values ----

    private void twoSidecarPool(SidecarTree tree) {
        tree.write("6.14.2-abcdef1", SidecarTree.sidecar("t1", "1n2l4c1t").scheduler("scx_rusty").kernelVersion("6.14.2")
                .projectCommit("abcdef1").runSource("local").activeFlags(List.of("llc")).build());
        tree.write("unknown-unknown", SidecarTree.sidecar("t2", "1n4l2c1t").workType("PageFaultChurn").runSource("ci")
                .activeFlags(List.of("llc", "rusty_balance")).build());
    }

    @Test
    void listValuesWithDirShowsEveryDimensionAndArchiveAsTheSource() {
        SidecarTree tree = new SidecarTree(target.resolve("pool"));
        twoSidecarPool(tree);
        tree.writeRaw(".", "ignored-0000000000000000.ktstr.json", "not even json"); // directly in the root: ignored

        StatsRun r = StatsRun.run(target, "list-values", "--dir", tree.root().toString());

        assertEquals(0, r.exit());
        assertEquals("kernel:\n  unknown\n  6.14.2\n\ncommit:\n  unknown\n  abcdef1\n\nkernel_commit:\n  unknown\n\n"
                + "source:\n  archive\n\nscheduler:\n  eevdf\n  scx_rusty\n\ntopology:\n  1n2l4c1t\n  1n4l2c1t\n\n"
                + "work_type:\n  CpuSpin\n  PageFaultChurn\n\nflags:\n  llc\n  rusty_balance\n\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void listValuesOnTheDefaultRootKeepsRecordedSourcesAndJsonIsAlphabetical() {
        twoSidecarPool(runs);
        StatsRun r = StatsRun.run(target, "list-values");
        assertTrue(r.out().contains("source:\n  ci\n  local\n\n"), r.out());

        StatsRun json = StatsRun.run(target, "list-values", "--json");
        assertEquals(0, json.exit());
        assertTrue(json.out().startsWith("{\n  \"commit\": [\n    null,\n    \"abcdef1\"\n  ],\n  \"flags\": ["),
                json.out());
        assertTrue(json.out().endsWith("}\n"));
    }

    @Test
    void listValuesOnAMissingRootPrintsEmptyBlocks() {
        StatsRun r = StatsRun.run(target, "list-values");
        assertEquals(0, r.exit());
        assertEquals(8, r.out().split("  \\(no sidecars in pool\\)\n", -1).length - 1, r.out());
    }

    // ---- show-host ----

    @Test
    void showHostPrintsTheFirstHostContext() {
        runs.write("6.14-abc1234", SidecarTree.sidecar("no_host", "1n1l2c1t").build());
        runs.write("6.14-abc1234", SidecarTree.sidecar("with_host", "1n1l2c1t")
                .host(HostContext.builder().kernelName("Linux").arch("x86_64").onlineCpus(16).build()).build());

        StatsRun r = StatsRun.run(target, "show-host", "--run", "6.14-abc1234");

        assertEquals(0, r.exit(), r.err());
        assertEquals("kernel_name: Linux\nkernel_release: (unknown)\narch: x86_64\ncpu_model: (unknown)\n"
                + "cpu_vendor: (unknown)\ntotal_memory_kb: (unknown)\nhugepages_total: (unknown)\n"
                + "hugepages_free: (unknown)\nhugepages_size_kb: (unknown)\nonline_cpus: 16\nnuma_nodes: (unknown)\n"
                + "thp_enabled: (unknown)\nthp_defrag: (unknown)\nkernel_cmdline: (unknown)\n"
                + "cpufreq_governor: (empty)\nsched_tunables: (unknown)\nheap_state: (unknown)\n", r.out());

        StatsRun json = StatsRun.run(target, "show-host", "--run", "6.14-abc1234", "--json");
        assertTrue(json.out().startsWith("{\n  \"kernel_name\": \"Linux\",\n  \"kernel_release\": null,\n"), json.out());
    }

    @Test
    void showHostOfAMissingRunSuggestsTheClosestRun() {
        runs.write("6.14-abc1234", SidecarTree.sidecar("t", "1n1l2c1t").build());
        StatsRun r = StatsRun.run(target, "show-host", "--run", "6.14-abc1235");
        assertEquals(1, r.exit());
        assertEquals("", r.out());
        assertEquals("error: run '6.14-abc1235' not found under " + root
                + ". Did you mean `6.14-abc1234`? Run `ktstr-sidecar stats list` to enumerate available run keys.\n",
                r.err());
    }

    @Test
    void showHostErrorsWhenNoSidecarOrNoHost() {
        runs.emptyRun("empty");
        StatsRun empty = StatsRun.run(target, "show-host", "--run", "empty");
        assertEquals(1, empty.exit());
        assertEquals("error: run 'empty' has no sidecar data\n", empty.err());

        runs.write("hostless", SidecarTree.sidecar("t", "1n1l2c1t").build());
        StatsRun hostless = StatsRun.run(target, "show-host", "--run", "hostless");
        assertEquals(1, hostless.exit());
        assertEquals("error: run 'hostless' has 1 sidecar(s) but none carries a populated host context; this usually"
                + " means the run predates host-context enrichment. Re-run the test to produce a sidecar with the"
                + " current schema.\n", hostless.err());
    }

    @Test
    void showHostRequiresRun() {
        StatsRun r = StatsRun.run(target, "show-host");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("Missing required option: '--run=RUN'"), r.err());
    }

    // ---- explain-sidecar ----

    @Test
    void explainSidecarOfAnAllCorruptRunExitsZeroAndListsTheFile() {
        Path bad = runs.writeRaw("6.14-abc1234", "b-0000000000000000.ktstr.json", "");
        StatsRun r = StatsRun.run(target, "explain-sidecar", "--run", "6.14-abc1234");
        assertEquals(0, r.exit());
        assertEquals("walked 1 sidecar file(s), parsed 0 valid\n\ncorrupt sidecars (1):\n  " + bad
                + "\n    error: EOF while parsing a value at line 1 column 0\n\n", r.out());
        assertEquals("ktstr_test: skipping " + bad + ": EOF while parsing a value at line 1 column 0\n", r.err());

        StatsRun json = StatsRun.run(target, "explain-sidecar", "--run", "6.14-abc1234", "--json");
        assertEquals(0, json.exit());
        assertTrue(json.out().startsWith("{\n  \"_schema_version\": \"1\",\n  \"_walk\": {\n    \"walked\": 1,\n"
                + "    \"valid\": 0,\n    \"errors\": [\n      {\n        \"path\": \"" + bad + "\",\n"), json.out());
    }

    @Test
    void explainSidecarOfAValidSidecarListsItsNullFields() {
        runs.write("6.14-abc1234", SidecarTree.sidecar("cgroup_steady", "1n2l4c1t").scheduler("scx_rusty")
                .runId("20260427T091203Z-3").projectCommit("abc1234").runSource("local").build());
        StatsRun r = StatsRun.run(target, "explain-sidecar", "--run", "6.14-abc1234");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("walked 1 sidecar file(s), parsed 1 valid\n\ntest: cgroup_steady\n"
                + "  topology: 1n2l4c1t\n  scheduler: scx_rusty\n  run_id: 20260427T091203Z-3\n  arch: -\n"
                + "  populated optional fields (2): project_commit, run_source\n  none fields (8):\n"
                + "    scheduler_commit [expected]\n"), r.out());
    }

    @Test
    void explainSidecarErrors() {
        runs.emptyRun("nothing");
        StatsRun empty = StatsRun.run(target, "explain-sidecar", "--run", "nothing");
        assertEquals(1, empty.exit());
        assertEquals("error: run 'nothing' has no sidecar data (searched " + root + "/nothing)\n", empty.err());

        StatsRun traversal = StatsRun.run(target, "explain-sidecar", "--run", "../etc");
        assertEquals(1, traversal.exit());
        assertTrue(traversal.err().startsWith("error: run '../etc' contains pool-root-aliasing or path-traversal"
                + " components (`.`, `..`, or absolute path)."), traversal.err());

        StatsRun blank = StatsRun.run(target, "explain-sidecar", "--run", "");
        assertEquals(1, blank.exit());
        assertTrue(blank.err().startsWith("error: run argument must not be empty."), blank.err());

        StatsRun missing = StatsRun.run(target, "explain-sidecar", "--run", "zzz");
        assertEquals(1, missing.exit());
        assertEquals("error: run 'zzz' not found under " + root
                + ". Run `ktstr-sidecar stats list` to enumerate available run keys.\n", missing.err());
    }

    // ---- compare ----

    private void abPool() {
        double[][] sides = {{12, 410, 120}, {30, 295.5, 300}};
        String[] scheds = {"scx_alpha", "scx_beta"};
        for (int s = 0; s < 2; s++) {
            for (int trial = 0; trial < 3; trial++) {
                runs.write("6.14.2-abc1234", SidecarTree.sidecar("avg_test", "1n2l4c1t").scheduler(scheds[s])
                        .kernelVersion("6.14.2").projectCommit("abc1234").runSource("local")
                        .stats(ScenarioStats.builder().worstSpread(sides[s][0]).worstP99WakeLatencyUs(sides[s][1])
                                .worstGapMs((long) sides[s][2]).build()).build());
            }
        }
    }

    @Test
    void compareReproducesUpstreamsPinnedReportAndExitsOneOnRegression() {
        abPool();
        StatsRun r = StatsRun.run(target, "compare", "--a-scheduler", "scx_alpha", "--b-scheduler", "scx_beta");
        assertEquals(1, r.exit(), r.err());
        assertEquals(""
            + "slicing dimensions: scheduler\n"
            + "pairing on: scenario, kernel, topology, work-type, project-commit, kernel-commit, run-source, flags\n"
            + "averaged across 3 runs (scx_alpha) and 3 runs (scx_beta)\n"
            + " TEST                                              METRIC                     scx_alpha  scx_beta  DELTA      VERDICT     \n"
            + " avg_test/6.14.2/1n2l4c1t/CpuSpin/abc1234//local/  worst_spread               12.00      30.00     +18.00%    REGRESSION  \n"
            + " avg_test/6.14.2/1n2l4c1t/CpuSpin/abc1234//local/  worst_p99_wake_latency_us  410.00     295.50    -114.50\u00b5s  improvement \n"
            + "\n"
            + "summary: 1 regressions, 1 improvements, 1 unchanged\n"
            + "\n"
            + "per-group pass counts (passes_observed/total_observed):\n"
            + "  avg_test/1n2l4c1t/CpuSpin: scx_alpha=3/3 scx_beta=3/3\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void compareOptionsBeyondUpstream() {
        abPool();
        StatsRun json = StatsRun.run(target, "compare", "--a-scheduler", "scx_alpha", "--b-scheduler", "scx_beta",
                "--json", "--alpha", "0.1");
        assertEquals(1, json.exit());
        assertTrue(json.out().contains("\n  \"alpha\": 0.1,\n"), json.out());
        assertTrue(json.out().contains("\"regressions\": 1,"), json.out());
        assertFalse(json.out().contains("\"pairs\""), json.out());
        StatsRun all = StatsRun.run(target, "compare", "--a-scheduler", "scx_alpha", "--b-scheduler", "scx_beta",
                "--json", "--all-pairs");
        assertTrue(all.out().contains("\"pairs\": ["), all.out());

        StatsRun sig = StatsRun.run(target, "compare", "--a-scheduler", "scx_alpha", "--b-scheduler", "scx_beta",
                "--significance");
        assertTrue(sig.out().contains(" P "), sig.out());
        assertTrue(sig.out().contains("\nsignificance: "), sig.out());

        // A looser uniform gate turns the regression into "unchanged": exit 0.
        StatsRun loose = StatsRun.run(target, "compare", "--a-scheduler", "scx_alpha", "--b-scheduler", "scx_beta",
                "--threshold", "200");
        assertEquals(0, loose.exit(), loose.out());
        assertTrue(loose.out().contains("summary: 0 regressions, 0 improvements, 3 unchanged\n"), loose.out());

        // -E matching no B row: nothing compared.
        StatsRun filtered = StatsRun.run(target, "compare", "--a-scheduler", "scx_alpha", "--b-scheduler", "scx_beta",
                "-E", "nomatch");
        assertEquals(0, filtered.exit());
        assertTrue(filtered.out().contains("summary: 0 regressions, 0 improvements, 0 unchanged\n"), filtered.out());
    }

    @Test
    void compareWithDirRewritesRunSourceToArchive() {
        SidecarTree tree = new SidecarTree(target.resolve("ci-copy"));
        tree.write("r1", SidecarTree.sidecar("t", "1n1l2c1t").scheduler("a").runSource("ci").build());
        tree.write("r1", SidecarTree.sidecar("t", "1n1l2c1t").scheduler("b").runSource("ci").build());
        StatsRun ci = StatsRun.run(target, "compare", "--dir", tree.root().toString(), "--run-source", "ci",
                "--a-scheduler", "a", "--b-scheduler", "b");
        assertEquals(1, ci.exit());
        assertTrue(ci.err().startsWith("error: stats compare: A side filter matched 0 sidecars in pool (2 pooled)."
                + " Check the per-side filters or confirm the runs exist with `ktstr-sidecar stats list`.\n"
                + "hint: --run-source `ci` not found in pool; distinct values present: `archive`."), ci.err());

        StatsRun archive = StatsRun.run(target, "compare", "--dir", tree.root().toString(), "--run-source", "archive",
                "--a-scheduler", "a", "--b-scheduler", "b");
        assertEquals(0, archive.exit(), archive.err());
        assertTrue(archive.out().startsWith("slicing dimensions: scheduler\n"), archive.out());
    }

    @Test
    void compareErrors() throws IOException {
        StatsRun identical = StatsRun.run(target, "compare");
        assertEquals(1, identical.exit());
        assertEquals("error: stats compare: A and B select identical rows. Specify at least one per-side filter (e.g."
                + " --a-kernel 6.14 --b-kernel 6.15) to define what dimension separates the two sides.\n",
                identical.err());

        StatsRun emptyPool = StatsRun.run(target, "compare", "--a-kernel", "6.14", "--b-kernel", "6.15");
        assertEquals(1, emptyPool.exit());
        assertEquals("error: stats compare: no sidecar data found under " + root + ". Run `cargo ktstr test` to"
                + " generate runs, or pass --dir to point at an archived sidecar tree.\n", emptyPool.err());

        StatsRun both = StatsRun.run(target, "compare", "--threshold", "5", "--policy", "p.json");
        assertEquals(2, both.exit());
        assertTrue(both.err().startsWith("Error: --threshold=THRESHOLD, --policy=POLICY are mutually exclusive"),
                both.err());

        Path missing = target.resolve("nope.json");
        StatsRun noFile = StatsRun.run(target, "compare", "--policy", missing.toString(), "--a-kernel", "6.14",
                "--b-kernel", "6.15");
        assertEquals(1, noFile.exit());
        assertEquals("error: read comparison policy from " + missing + ": No such file or directory (os error 2)\n",
                noFile.err());

        Path typo = Files.writeString(target.resolve("typo.json"), "{\"default_percentage\": 5}");
        StatsRun badKey = StatsRun.run(target, "compare", "--policy", typo.toString(), "--a-kernel", "6.14",
                "--b-kernel", "6.15");
        assertEquals(1, badKey.exit());
        assertTrue(badKey.err().startsWith("error: parse comparison policy from " + typo
                + ": unknown field `default_percentage`, expected `default_percent` or `per_metric_percent`"),
                badKey.err());

        StatsRun negative = StatsRun.run(target, "compare", "--threshold=-5", "--a-kernel", "6.14", "--b-kernel", "6.15");
        assertEquals(1, negative.exit());
        assertTrue(negative.err().startsWith("error: ComparisonPolicy: default_percent must be non-negative; got -5."),
                negative.err());

        StatsRun alpha = StatsRun.run(target, "compare", "--alpha", "1.5", "--a-kernel", "6.14", "--b-kernel", "6.15");
        assertEquals(2, alpha.exit());
        assertTrue(alpha.err().startsWith("Invalid value for option '--alpha'"), alpha.err());
    }

    @Test
    void unknownFlagsAndSubcommandsAreUsageErrors() {
        StatsRun flag = StatsRun.run(target, "list", "--bogus");
        assertEquals(2, flag.exit());
        assertTrue(flag.err().startsWith("Unknown option: '--bogus'"), flag.err());
        assertEquals("", flag.out());

        StatsRun sub = StatsRun.run(target, "frobnicate");
        assertEquals(2, sub.exit());
        assertTrue(sub.err().contains("frobnicate"), sub.err());
    }
}
