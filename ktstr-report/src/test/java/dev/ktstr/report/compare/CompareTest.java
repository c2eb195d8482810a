package dev.ktstr.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.ScxEventDeltas;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.GauntletRow;
import dev.ktstr.report.Metrics;
import dev.ktstr.report.ReportException;
import dev.ktstr.report.Sidecars;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CompareTest {
    private static final RowFilter ALPHA = RowFilter.none().with(Dimension.SCHEDULER, List.of("scx_alpha"));
    private static final RowFilter BETA = RowFilter.none().with(Dimension.SCHEDULER, List.of("scx_beta"));

    private static SidecarResult trial(String scheduler, UnaryOperator<ScenarioStats.Builder> stats) {
        return Sidecars.base("avg_test", "1n2l4c1t").scheduler(scheduler).kernelVersion("6.14.2")
                .projectCommit("abc1234").runSource("local").stats(stats.apply(ScenarioStats.builder()).build())
                .build();
    }

    private static List<PooledSidecar> pool(List<SidecarResult> sidecars) {
        List<PooledSidecar> out = new ArrayList<>();
        for (int i = 0; i < sidecars.size(); i++) {
            out.add(new PooledSidecar("run", String.format("f%05d.ktstr.json", i), sidecars.get(i)));
        }
        return out;
    }

    private static List<SidecarResult> specExamplePool() {
        List<SidecarResult> s = new ArrayList<>();
        double[][] a = {{10, 400, 100}, {12, 410, 120}, {14, 420, 140}};
        double[][] b = {{28, 290, 280}, {30, 295.5, 300}, {32, 301, 320}};
        for (double[] v : a) {
            s.add(trial("scx_alpha", x -> x.worstSpread(v[0]).worstP99WakeLatencyUs(v[1]).worstGapMs((long) v[2])));
        }
        for (double[] v : b) {
            s.add(trial("scx_beta", x -> x.worstSpread(v[0]).worstP99WakeLatencyUs(v[1]).worstGapMs((long) v[2])));
        }
        return s;
    }

    @Test
    void specExampleRendersByteForByteAndRegresses() {
        CompareResult r = Compare.run(pool(specExamplePool()), ALPHA, BETA, CompareOptions.defaults());
        assertEquals("""
                slicing dimensions: scheduler
                pairing on: scenario, kernel, topology, work-type, project-commit, kernel-commit, run-source, flags
                averaged across 3 runs (scx_alpha) and 3 runs (scx_beta)
                 TEST                                              METRIC                     scx_alpha  scx_beta  \
                DELTA      VERDICT    \s
                 avg_test/6.14.2/1n2l4c1t/CpuSpin/abc1234//local/  worst_spread               12.00      30.00     \
                +18.00%    REGRESSION \s
                 avg_test/6.14.2/1n2l4c1t/CpuSpin/abc1234//local/  worst_p99_wake_latency_us  410.00     295.50    \
                -114.50µs  improvement\s

                summary: 1 regressions, 1 improvements, 1 unchanged

                per-group pass counts (passes_observed/total_observed):
                  avg_test/1n2l4c1t/CpuSpin: scx_alpha=3/3 scx_beta=3/3
                """, CompareText.render(r));
        assertEquals(1, r.exitCode());
        // 3 vs 3 trials: the smallest exact two-sided p is 0.1, never significant at 0.05
        Significance s = r.findings().get(0).comparison().significance();
        assertEquals(Significance.State.NOT_SIGNIFICANT, s.state());
        assertEquals(0.1, s.pValue(), 1e-12);
    }

    @Test
    void resultDoesNotDependOnPoolOrder() {
        List<SidecarResult> s = specExamplePool();
        String forward = CompareText.render(Compare.run(pool(s), ALPHA, BETA, CompareOptions.defaults()));
        List<PooledSidecar> shuffled = new ArrayList<>(pool(s));
        Collections.reverse(shuffled);
        assertEquals(forward, CompareText.render(Compare.run(shuffled, ALPHA, BETA, CompareOptions.defaults())));
    }

    private static CompareResult pairOf(UnaryOperator<ScenarioStats.Builder> a, UnaryOperator<ScenarioStats.Builder> b,
            CompareOptions options) {
        return Compare.run(pool(List.of(trial("scx_alpha", a), trial("scx_beta", b))), ALPHA, BETA, options);
    }

    private static MetricComparison metric(CompareResult r, String name) {
        return r.pairs().get(0).metrics().stream().filter(m -> m.metric().name().equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void higherIsBetterMetricRegressesOnADrop() {
        CompareResult down = pairOf(x -> x.totalIterations(1000), x -> x.totalIterations(800),
                CompareOptions.defaults());
        assertEquals(Verdict.REGRESSION, metric(down, "total_iterations").verdict());
        CompareResult up = pairOf(x -> x.totalIterations(800), x -> x.totalIterations(1000),
                CompareOptions.defaults());
        assertEquals(Verdict.IMPROVEMENT, metric(up, "total_iterations").verdict());
        assertEquals(0, up.exitCode());
    }

    @Test
    void lowerIsBetterMetricRegressesOnARise() {
        CompareResult up = pairOf(x -> x.worstSpread(10), x -> x.worstSpread(20), CompareOptions.defaults());
        assertEquals(Verdict.REGRESSION, metric(up, "worst_spread").verdict());
        CompareResult down = pairOf(x -> x.worstSpread(20), x -> x.worstSpread(10), CompareOptions.defaults());
        assertEquals(Verdict.IMPROVEMENT, metric(down, "worst_spread").verdict());
    }

    @Test
    void absoluteGateAloneHoldsBackAChange() {
        // +200 % relative, but |delta| = 2 < 5
        CompareResult r = pairOf(x -> x.worstSpread(1), x -> x.worstSpread(3), CompareOptions.defaults());
        assertEquals(Verdict.UNCHANGED, metric(r, "worst_spread").verdict());
        assertEquals(1, r.unchanged());
    }

    @Test
    void relativeGateAloneHoldsBackAChange() {
        // |delta| = 600 >= 500 but 6 % < 50 %
        CompareResult r = pairOf(x -> x.worstGapMs(10000), x -> x.worstGapMs(10600), CompareOptions.defaults());
        assertEquals(Verdict.UNCHANGED, metric(r, "worst_gap_ms").verdict());
        // equality on both gates counts as passing them: 500 ms and exactly 50 %
        CompareResult edge = pairOf(x -> x.worstGapMs(1000), x -> x.worstGapMs(1500), CompareOptions.defaults());
        assertEquals(Verdict.REGRESSION, metric(edge, "worst_gap_ms").verdict());
    }

    @Test
    void zeroBaselineIsUnchangedUnlessTheRelativeGateIsZero() {
        CompareResult r = pairOf(x -> x.worstSpread(0), x -> x.worstSpread(20), CompareOptions.defaults());
        assertEquals(Verdict.UNCHANGED, metric(r, "worst_spread").verdict());
        CompareResult zero = pairOf(x -> x.worstSpread(0), x -> x.worstSpread(20),
                CompareOptions.defaults().withPolicy(ComparisonPolicy.uniform(0)));
        assertEquals(Verdict.REGRESSION, metric(zero, "worst_spread").verdict());
        assertEquals(Verdict.BOTH_ZERO, metric(zero, "worst_gap_ms").verdict());
    }

    @Test
    void averagingFollowsEachMetricsRustType() {
        // Two passing trials and a failed one (left out of every mean): floats are divided, integers
        // rounded half away from zero (-1.5 -> -2, which Math.round would make -1), stall flags counted.
        List<GauntletRow> rows = new ArrayList<>();
        long[][] ints = {{1, 3, -1, 1}, {2, 4, -2, 0}, {90, 90, -90, 1}};
        double[] spread = {1.0, 2.0, 50.0};
        for (int i = 0; i < 3; i++) {
            long[] v = ints[i];
            MonitorSummary monitor = MonitorSummary.builder().maxLocalDsqDepth(v[1]).stallDetected(v[3] == 1)
                    .eventDeltas(ScxEventDeltas.builder().totalFallback(v[2]).totalDispatchKeepLast(7).build()).build();
            int t = i;
            rows.add(GauntletRow.of(Sidecars.base("avg_test", "1n2l4c1t").passed(i < 2).monitor(monitor)
                    .stats(ScenarioStats.builder().worstSpread(spread[t]).worstGapMs(v[0]).build()).build()));
        }
        List<Compare.Group> groups = Compare.average(rows, List.of());
        assertEquals(1, groups.size());
        Compare.Group g = groups.get(0);
        assertEquals(2, g.passes());
        assertEquals(3, g.total());
        GauntletRow avg = g.row();
        assertEquals(false, avg.passed());
        assertEquals(1.5, Metrics.named("worst_spread").value(avg));
        assertEquals(2, avg.values().bits(Metrics.named("worst_gap_ms")));
        assertEquals(4, avg.values().bits(Metrics.named("max_dsq_depth")));
        assertEquals(-2, avg.values().bits(Metrics.named("total_fallback")));
        assertEquals(7, avg.values().bits(Metrics.named("total_keep_last")));
        assertEquals(1, avg.values().bits(Metrics.named("stall_count")));
    }

    @Test
    void tailRatioIsAbsentBelowOneHundredIterationsAndFallsBackToExtMetrics() {
        CompareResult noExt = pairOf(x -> x.totalIterations(50).worstWakeLatencyTailRatio(1.0),
                x -> x.totalIterations(50).worstWakeLatencyTailRatio(9.0), CompareOptions.defaults());
        assertEquals(Verdict.BOTH_ZERO, metric(noExt, "worst_wake_latency_tail_ratio").verdict());
        CompareResult ext = pairOf(
                x -> x.totalIterations(50).worstWakeLatencyTailRatio(1.0)
                        .extMetrics(Map.of("worst_wake_latency_tail_ratio", 1.0)),
                x -> x.totalIterations(50).worstWakeLatencyTailRatio(9.0)
                        .extMetrics(Map.of("worst_wake_latency_tail_ratio", 3.0)), CompareOptions.defaults());
        MetricComparison m = metric(ext, "worst_wake_latency_tail_ratio");
        assertEquals(Verdict.REGRESSION, m.verdict());
        assertEquals(3.0, m.b());
        CompareResult enough = pairOf(x -> x.totalIterations(100).worstWakeLatencyTailRatio(1.0),
                x -> x.totalIterations(100).worstWakeLatencyTailRatio(9.0), CompareOptions.defaults());
        assertEquals(9.0, metric(enough, "worst_wake_latency_tail_ratio").b());
    }

    @Test
    void policyResolvesPerMetricThenDefaultThenRegistry() {
        ComparisonPolicy p = ComparisonPolicy.parse("{\"default_percent\": 10.0, \"per_metric_percent\": "
                + "{\"worst_spread\": 500}}");
        // spread +100 %: below the 500 % per-metric gate
        CompareResult r = pairOf(x -> x.worstSpread(10).worstGapMs(1000), x -> x.worstSpread(20).worstGapMs(1200),
                CompareOptions.defaults().withPolicy(p));
        assertEquals(Verdict.UNCHANGED, metric(r, "worst_spread").verdict());
        // gap +20 %: above default_percent 10 % (registry would say 50 %)
        assertEquals(Verdict.UNCHANGED, metric(pairOf(x -> x.worstGapMs(1000), x -> x.worstGapMs(1200),
                CompareOptions.defaults()), "worst_gap_ms").verdict());
        assertEquals(Verdict.UNCHANGED, metric(r, "worst_gap_ms").verdict()); // |200| < 500 absolute gate
        CompareResult big = pairOf(x -> x.worstGapMs(5000), x -> x.worstGapMs(6000),
                CompareOptions.defaults().withPolicy(p));
        assertEquals(Verdict.REGRESSION, metric(big, "worst_gap_ms").verdict());
    }

    @Test
    void failedOrSkippedTrialExcludesThePair() {
        List<SidecarResult> s = new ArrayList<>(specExamplePool());
        s.add(Sidecars.base("avg_test", "1n2l4c1t").scheduler("scx_beta").kernelVersion("6.14.2")
                .projectCommit("abc1234").runSource("local").passed(false).build());
        CompareResult r = Compare.run(pool(s), ALPHA, BETA, CompareOptions.defaults());
        assertEquals(1, r.skippedFailed());
        assertEquals(0, r.findings().size());
        String text = CompareText.render(r);
        assertTrue(text.contains("summary: 0 regressions, 0 improvements, 0 unchanged\n"
                + "  1 pairing-key row pair(s) skipped because one or both sides failed\n"), text);
        assertTrue(text.contains("avg_test/1n2l4c1t/CpuSpin: scx_alpha=3/3 scx_beta=3/4\n"), text);
    }

    @Test
    void unpairedRowsAreCountedOnBothSides() {
        List<SidecarResult> s = new ArrayList<>(specExamplePool());
        s.add(Sidecars.base("only_b", "1n2l4c1t").scheduler("scx_beta").build());
        s.add(Sidecars.base("only_a", "1n2l4c1t").scheduler("scx_alpha").build());
        CompareResult r = Compare.run(pool(s), ALPHA, BETA, CompareOptions.defaults());
        String text = CompareText.render(r);
        assertTrue(text.contains("  only_a/1n2l4c1t/CpuSpin: scx_alpha=1/1 scx_beta=-\n"), text);
        assertTrue(text.contains("  only_b/1n2l4c1t/CpuSpin: scx_alpha=- scx_beta=1/1\n"), text);
        assertTrue(text.endsWith("  1 row(s) new in 'scx_beta' (no matching key in 'scx_alpha')\n"
                + "  1 row(s) removed from 'scx_alpha' (no matching key in 'scx_beta')\n"), text);
        // -E only_ keeps the unpaired rows, drops the matched pair from the comparison
        CompareResult filtered = Compare.run(pool(s), ALPHA, BETA, CompareOptions.defaults()
                .withSubstringFilter("only_"));
        assertEquals(0, filtered.findings().size());
        assertEquals(1, filtered.newInB().size());
        assertEquals(1, filtered.removedFromA().size());
    }

    @Test
    void mixedDirtyCommitsDoNotPairWithCleanOnes() {
        RowFilter k14 = RowFilter.none().with(Dimension.KERNEL, List.of("6.14"));
        RowFilter k15 = RowFilter.none().with(Dimension.KERNEL, List.of("6.15"));
        List<SidecarResult> s = List.of(
                Sidecars.base("t", "1n1l1c1t").kernelVersion("6.14.2").projectCommit("abc1234").build(),
                Sidecars.base("t", "1n1l1c1t").kernelVersion("6.14.3").projectCommit("abc1234-dirty").build(),
                Sidecars.base("t", "1n1l1c1t").kernelVersion("6.15.0").projectCommit("abc1234").build(),
                Sidecars.base("u", "1n1l1c1t").kernelVersion("6.15.0").projectCommit("def5678-dirty").build(),
                Sidecars.base("u", "1n1l1c1t").kernelVersion("6.14.1").projectCommit("def5678").build());
        CompareResult r = Compare.run(pool(s), k14, k15, CompareOptions.defaults());
        // A's "t" group mixes clean and dirty: "abc1234+mixed" does not pair with B's "abc1234"
        assertEquals(List.of(List.of("t", "eevdf", "1n1l1c1t", "CpuSpin", "abc1234", "", "", "")), r.newInB().subList(0, 1));
        assertEquals(List.of("t", "eevdf", "1n1l1c1t", "CpuSpin", "abc1234+mixed", "", "", ""), r.removedFromA().get(0));
        // "u": dirty on B, clean on A, pairs because one -dirty is stripped
        assertEquals(List.of("u", "eevdf", "1n1l1c1t", "CpuSpin", "def5678", "", "", ""), r.pairs().get(0).key());
        assertEquals("warning: comparison includes dirty builds:\n"
                + "  - project: abc1234-dirty (working tree may have changed since this run)\n"
                + "  - project: def5678-dirty (working tree may have changed since this run)\n"
                + "  Dirty runs overwrite previous results with the same HEAD.\n"
                + "  Commit changes for reproducible-ish comparisons.\n", CompareText.warnings(r));
    }

    @Test
    void mannWhitneyMarksWellSeparatedFiveByFiveSignificant() {
        List<SidecarResult> s = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            double v = i;
            s.add(trial("scx_alpha", x -> x.worstSpread(10 + v)));
            s.add(trial("scx_beta", x -> x.worstSpread(40 + v)));
        }
        CompareResult r = Compare.run(pool(s), ALPHA, BETA, CompareOptions.defaults());
        Significance sig = r.findings().get(0).comparison().significance();
        assertEquals(Significance.State.SIGNIFICANT, sig.state());
        assertEquals(2.0 / 252.0, sig.pValue(), 1e-12); // exact: 2 of C(10,5) orderings
        assertEquals(1, r.significantRegressions());
        CompareResult strict = Compare.run(pool(s), ALPHA, BETA, CompareOptions.defaults().withAlpha(0.005));
        assertEquals(Significance.State.NOT_SIGNIFICANT, strict.findings().get(0).comparison().significance().state());
        String text = CompareText.render(r, false, true);
        assertTrue(text.contains("significance: 1 of 1 changes significant at alpha=0.05 (Mann-Whitney U, "
                + "two-sided); 0 with fewer than 3 trials per side: no test possible\n"), text);
    }

    @Test
    void fewerThanThreeTrialsMeansNoTest() {
        CompareResult r = pairOf(x -> x.worstSpread(10), x -> x.worstSpread(20), CompareOptions.defaults());
        Significance sig = r.findings().get(0).comparison().significance();
        assertEquals(Significance.State.TOO_FEW_TRIALS, sig.state());
        assertTrue(CompareText.render(r, false, true).contains("REGRESSION  n<3 "));
    }

    @Test
    void errorsCarryUpstreamsMessages() {
        ReportException same = assertThrows(ReportException.class,
                () -> Compare.run(pool(specExamplePool()), ALPHA, ALPHA, CompareOptions.defaults()));
        assertTrue(same.getMessage().startsWith("stats compare: A and B select identical rows."));
        RowFilter ci = RowFilter.none().with(Dimension.RUN_SOURCE, List.of("loca"));
        RowFilter local = RowFilter.none().with(Dimension.RUN_SOURCE, List.of("local"));
        ReportException zero = assertThrows(ReportException.class,
                () -> Compare.run(pool(specExamplePool()), ci, local, CompareOptions.defaults()));
        assertEquals("stats compare: A side filter matched 0 sidecars in pool (6 pooled). Check the per-side filters"
                + " or confirm the runs exist with `ktstr-sidecar stats list`.\nhint: --run-source `loca` not found in"
                + " pool; distinct values present: `local`. Values are case-sensitive (`ci` \u2260 `CI`).",
                zero.getMessage());
        ReportException dup = assertThrows(ReportException.class, () -> Compare.run(pool(specExamplePool()), ALPHA,
                BETA, CompareOptions.defaults().withAverage(false)));
        assertEquals("stats compare --no-average: side A has 3 sidecars with the same pairing key [\"avg_test\","
                + " \"6.14.2\", \"1n2l4c1t\", \"CpuSpin\", \"abc1234\", \"\", \"local\", \"\"]. Either drop"
                + " --no-average to average them, or add another --a-X filter to disambiguate.", dup.getMessage());
    }

    @Test
    void kernelFilterTreatsMajorMinorAsPrefix() {
        RowFilter f = RowFilter.none().with(Dimension.KERNEL, List.of("6.1"));
        SidecarResult k61 = Sidecars.base("t", "x").kernelVersion("6.1.5").build();
        SidecarResult k610 = Sidecars.base("t", "x").kernelVersion("6.10.0").build();
        assertTrue(f.matches(dev.ktstr.report.GauntletRow.of(k61)));
        assertEquals(false, f.matches(dev.ktstr.report.GauntletRow.of(k610)));
        RowFilter exact = RowFilter.none().with(Dimension.KERNEL, List.of("6.14.2"));
        assertEquals(false, exact.matches(dev.ktstr.report.GauntletRow.of(
                Sidecars.base("t", "x").kernelVersion("6.14.20").build())));
    }

    @Test
    void labelsUseBareLetterBeyondThreeValues() {
        RowFilter many = RowFilter.none().with(Dimension.PROJECT_COMMIT, List.of("d", "c", "b", "a"));
        RowFilter few = RowFilter.none().with(Dimension.PROJECT_COMMIT, List.of("b", "a"))
                .with(Dimension.KERNEL, List.of("6.15"));
        List<Dimension> slicing = Compare.slicingDimensions(many, few);
        assertEquals(List.of(Dimension.KERNEL, Dimension.PROJECT_COMMIT), slicing);
        assertEquals("A:A", Compare.sideLabel(many, slicing, "A"));
        assertEquals("6.15:a|b", Compare.sideLabel(few, slicing, "B"));
    }

    @Test
    void hostSectionShowsIdenticalAndDelta() {
        HostContext h = HostContext.builder().arch("x86_64").kernelRelease("6.14.0").build();
        List<SidecarResult> s = new ArrayList<>(specExamplePool());
        s.set(0, s.get(0).toBuilder().host(h).build());
        s.set(3, s.get(3).toBuilder().host(h).build());
        assertTrue(CompareText.render(Compare.run(pool(s), ALPHA, BETA, CompareOptions.defaults()))
                .endsWith("\nhost: identical between 'scx_alpha' and 'scx_beta' (arch: x86_64)\n"));
        s.set(3, s.get(3).toBuilder().host(h.toBuilder().kernelRelease("6.15.0").build()).build());
        assertTrue(CompareText.render(Compare.run(pool(s), ALPHA, BETA, CompareOptions.defaults()))
                .endsWith("\nhost delta ('scx_alpha' \u2192 'scx_beta'):\n  kernel_release: 6.14.0 \u2192 6.15.0\n"));
    }

    @Test
    void jsonCarriesFindingsAndSummary() {
        String json = CompareJson.render(Compare.run(pool(specExamplePool()), ALPHA, BETA, CompareOptions.defaults()),
                true);
        assertTrue(json.startsWith("{\n  \"_schema_version\": \"1\",\n  \"slicing\": [\n    \"scheduler\"\n  ],"), json);
        assertTrue(json.contains("\"regressions\": 1,"), json);
        assertTrue(json.contains("\"metric\": \"worst_p99_wake_latency_us\",\n      \"unit\": \"µs\""), json);
        assertTrue(json.contains("\"delta\": -114.5,"), json);
        assertTrue(json.contains("\"exit_code\": 1"), json);
    }
}
