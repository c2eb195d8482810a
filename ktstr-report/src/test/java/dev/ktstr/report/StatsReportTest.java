package dev.ktstr.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.schema.KvmStatsTotals;
import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.ProgStatsDelta;
import dev.ktstr.api.schema.ProgVerifierStats;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.ScxEventDeltas;
import dev.ktstr.api.schema.SidecarResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsReportTest {
    private static SidecarResult row(String scenario, String topo, boolean passed, boolean skipped, double spread,
            long gap, double imbalance, long dsq, boolean stall, long fallback) {
        return Sidecars.base(scenario, topo).passed(passed).skipped(skipped)
                .stats(ScenarioStats.builder().worstSpread(spread).worstGapMs(gap).build())
                .monitor(MonitorSummary.builder().maxImbalanceRatio(imbalance).maxLocalDsqDepth(dsq)
                        .stallDetected(stall).eventDeltas(ScxEventDeltas.builder().totalFallback(fallback).build())
                        .build())
                .build();
    }

    @Test
    void gauntletAnalysisOfFourSidecars() {
        List<SidecarResult> sidecars = List.of(
                row("mixed_load", "1n2l4c1t", false, false, 41.0, 2000, 2.4, 8, true, 16),
                row("mixed_load", "1n4l2c1t", true, true, 0.0, 100, 0.0, 0, false, 0),
                row("cgroup_steady", "1n2l4c1t", true, false, 12.2, 240, 1.0, 0, false, 0),
                row("cgroup_steady", "1n4l2c1t", true, false, 15.2, 80, 1.0, 0, false, 0));
        assertEquals("""

                === GAUNTLET ANALYSIS ===

                No outliers detected.

                By scenario (worst first):
                  mixed_load                0/2 passed (1 skipped, 1 failed)  avg_spread=20.5%  avg_gap=1050ms  \
                imbal=1.2  dsq=4  stalls=1  fallback=8
                  cgroup_steady             2/2 passed (0 skipped, 0 failed)  avg_spread=13.7%  avg_gap=160ms

                By topology:
                  1n2l4c1t                  1/2 passed (0 skipped, 1 failed)  avg_spread=26.6%  avg_gap=1120ms  \
                imbal=1.7  dsq=4  stalls=1  fallback=8
                  1n4l2c1t                  1/2 passed (1 skipped, 0 failed)  avg_spread=7.6%  avg_gap=90ms
                """, StatsReport.render(sidecars));
    }

    @Test
    void outlierNeedsMeanAboveTwoSampleSigmasAndWorkTypesShowWhenMixed() {
        List<SidecarResult> sidecars = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sidecars.add(Sidecars.base("calm" + i, "1n1l1c1t")
                    .stats(ScenarioStats.builder().worstSpread(10.0).build()).build());
        }
        sidecars.add(Sidecars.base("hot", "2n2l2c1t").workType("Mixed")
                .stats(ScenarioStats.builder().worstSpread(100.0).build()).build());
        String text = StatsReport.render(sidecars);
        // mean 25, sample sigma sqrt(1350) = 36.74, threshold 98.5, sigma of hot = 75/36.74 = 2.04
        assertEquals("""

                === GAUNTLET ANALYSIS ===

                Outliers detected:
                  hot: spread 100.0 (overall avg 25.0, +2.0\u03c3)
                    worst on: 2n2l2c1t

                By scenario (worst first):
                  hot                       1/1 passed (0 skipped, 0 failed)  avg_spread=100.0%  avg_gap=0ms
                  calm0                     1/1 passed (0 skipped, 0 failed)  avg_spread=10.0%  avg_gap=0ms
                  calm1                     1/1 passed (0 skipped, 0 failed)  avg_spread=10.0%  avg_gap=0ms
                  calm2                     1/1 passed (0 skipped, 0 failed)  avg_spread=10.0%  avg_gap=0ms
                  calm3                     1/1 passed (0 skipped, 0 failed)  avg_spread=10.0%  avg_gap=0ms
                  calm4                     1/1 passed (0 skipped, 0 failed)  avg_spread=10.0%  avg_gap=0ms

                By topology:
                  2n2l2c1t                  1/1 passed (0 skipped, 0 failed)  avg_spread=100.0%  avg_gap=0ms
                  1n1l1c1t                  5/5 passed (0 skipped, 0 failed)  avg_spread=10.0%  avg_gap=0ms

                By work_type:
                  Mixed                     1/1 passed (0 skipped, 0 failed)  avg_spread=100.0%  avg_gap=0ms
                  CpuSpin                   5/5 passed (0 skipped, 0 failed)  avg_spread=10.0%  avg_gap=0ms
                """, text);
    }

    @Test
    void verifierStatsKeepThePerProgramMaximumAndWarnAtSeventyFivePercent() {
        SidecarResult a = Sidecars.base("a", "t").verifierStats(List.of(prog("dispatch", 50000),
                prog("heavy", 800000), prog("enqueue", 1000))).build();
        SidecarResult b = Sidecars.base("b", "t").verifierStats(List.of(prog("dispatch", 50000),
                prog("enqueue", 30000))).build();
        assertEquals("""

                === BPF VERIFIER STATS ===

                  program                      verified   limit%
                  ------------------------ ------------ --------
                  dispatch                        50000     5.0%
                  enqueue                         30000     3.0%
                  heavy                          800000    80.0% !

                  total verified insns: 880000

                WARNING: programs near verifier complexity limit:
                  heavy: 80.0% of 1M limit (800000 verified insns)
                """, StatsReport.verifierStats(List.of(a, b)));
        assertEquals("", StatsReport.verifierStats(List.of(Sidecars.base("c", "t").build())));
        // exactly 75 % warns; 74.99 % does not
        String edge = StatsReport.verifierStats(List.of(Sidecars.base("d", "t")
                .verifierStats(List.of(prog("at", 750000), prog("below", 749900))).build()));
        assertEquals(true, edge.contains("  at                             750000    75.0% !\n"));
        assertEquals(true, edge.contains("  below                          749900    75.0%\n"));
    }

    @Test
    void callbackProfileMatchesTheSpecExample() {
        SidecarResult sc = Sidecars.base("my_test", "1n2l4c1t").monitor(MonitorSummary.builder()
                .progStatsDeltas(List.of(ProgStatsDelta.builder().name("ktstr_enqueue").cnt(120000).nsecs(36000000)
                        .nsecsPerCall(300.0).build())).build()).build();
        assertEquals("""

                === BPF CALLBACK PROFILE ===

                  my_test (1n2l4c1t):
                    program                           cnt       total_ns       avg_ns
                    ------------------------ ------------ -------------- ------------
                    ktstr_enqueue                  120000       36000000          300
                """, StatsReport.callbackProfile(List.of(sc, Sidecars.base("quiet", "t").build())));
    }

    @Test
    void kvmStatsMatchTheSpecExample() {
        // VM 1: two vCPUs; VM 2: one vCPU. Integer averages per VM, then across VMs.
        KvmStatsTotals vm1 = KvmStatsTotals.builder().perVcpu(List.of(
                Map.of("exits", 15000L, "halt_exits", 800L, "halt_wait_ns", 1_200_000_000L, "preemption_reported", 3L,
                        "signal_exits", 12L, "hypercalls", 40L, "halt_successful_poll", 873L,
                        "halt_attempted_poll", 1000L),
                Map.of("exits", 15001L, "halt_exits", 801L, "halt_wait_ns", 1_200_000_001L, "preemption_reported", 3L,
                        "signal_exits", 12L, "hypercalls", 40L))).build();
        KvmStatsTotals vm2 = KvmStatsTotals.builder().perVcpu(List.of(
                Map.of("exits", 15468L, "halt_exits", 824L, "halt_wait_ns", 1_269_200_000L, "preemption_reported", 3L,
                        "signal_exits", 12L, "hypercalls", 40L))).build();
        String text = StatsReport.kvmStats(List.of(Sidecars.base("a", "t").kvmStats(vm1).build(),
                Sidecars.base("b", "t").kvmStats(vm2).build(), Sidecars.base("no-vm", "t").build()));
        assertEquals("""

                === KVM STATS (avg across 2 VMs) ===

                  exits/vcpu    15234   halt/vcpu       812   halt_wait_ms  1234.6
                  poll_ok%      87.3%   preempted/vcpu    3   signal/vcpu       12
                  hypercalls/vcpu   40

                  WARNING: 9 host preemptions detected -- timing results may be unreliable
                """, text);
    }

    @Test
    void kvmStatsWithoutExitsAreOmitted() {
        KvmStatsTotals idle = KvmStatsTotals.builder().perVcpu(List.of(Map.of("halt_exits", 3L))).build();
        assertEquals("", StatsReport.kvmStats(List.of(Sidecars.base("a", "t").kvmStats(idle).build())));
        assertEquals("", StatsReport.render(List.of()));
    }

    private static ProgVerifierStats prog(String name, long insns) {
        return ProgVerifierStats.builder().name(name).verifiedInsns(insns).build();
    }
}
