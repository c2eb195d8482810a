package dev.ktstr.bench;

import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.compare.Compare;
import dev.ktstr.report.compare.CompareOptions;
import dev.ktstr.report.compare.CompareResult;
import dev.ktstr.report.compare.CompareText;
import dev.ktstr.report.compare.Dimension;
import dev.ktstr.report.compare.PooledSidecar;
import dev.ktstr.report.compare.RowFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * {@code stats compare} in one JVM: compare and text rendering over a synthetic pool of 20,000
 * sidecars, 500 scenarios x 4 topologies x 5 trials per side. Run with {@code bench/compare}.
 */
public final class CompareBench {
    private CompareBench() {
    }

    /**
     * Prints the time of one compare plus render, averaged over 10 after 5 warm-up runs.
     *
     * @param args none
     */
    public static void main(String[] args) {
        int scenarios = 500;
        String[] topologies = {"1n2l4c1t", "1n4l2c1t", "2n2l2c1t", "1n1l8c1t"};
        int trials = 5;
        SplittableRandom rnd = new SplittableRandom(1);
        List<PooledSidecar> pool = new ArrayList<>();
        for (String side : new String[] {"6.14.2", "6.15.0"}) {
            for (int s = 0; s < scenarios; s++) {
                for (String topo : topologies) {
                    for (int t = 0; t < trials; t++) {
                        double shift = side.startsWith("6.15") ? 1.3 : 1.0;
                        SidecarResult sc = SidecarResult.builder().testName("scenario_" + s).topology(topo)
                                .scheduler("scx_rusty").workType("CpuSpin").passed(true).kernelVersion(side)
                                .projectCommit("abc1234").runSource("ci").timestamp("2026-04-27T09:12:03Z")
                                .runId("r-" + t).stats(ScenarioStats.builder()
                                        .worstSpread(10 * shift + rnd.nextDouble())
                                        .worstGapMs(100 + rnd.nextInt(50)).totalIterations(10_000 + rnd.nextInt(500))
                                        .worstP99WakeLatencyUs(400 * shift + rnd.nextDouble() * 20)
                                        .worstWakeLatencyTailRatio(2 + rnd.nextDouble()).build())
                                .build();
                        pool.add(new PooledSidecar(side, "scenario_" + s + "-" + topo + "-" + t, sc));
                    }
                }
            }
        }
        RowFilter a = RowFilter.none().with(Dimension.KERNEL, List.of("6.14"));
        RowFilter b = RowFilter.none().with(Dimension.KERNEL, List.of("6.15"));
        for (int warm = 0; warm < 5; warm++) {
            Compare.run(pool, a, b, CompareOptions.defaults());
        }
        int reps = 10;
        long start = System.nanoTime();
        CompareResult r = null;
        for (int i = 0; i < reps; i++) {
            r = Compare.run(pool, a, b, CompareOptions.defaults());
            CompareText.render(r);
        }
        double msPerRun = (System.nanoTime() - start) / 1e6 / reps;
        System.out.printf("pool=%d sidecars, pairs=%d, findings=%d: %.1f ms per compare+render, %.2f ms per 1,000 rows%n",
                pool.size(), r.pairs().size(), r.findings().size(), msPerRun, msPerRun / (pool.size() / 1000.0));
    }
}
