package dev.ktstr.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.HostHeapState;
import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.SidecarResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ListingsTest {
    @Test
    void runListMatchesTheSpecExample() {
        HostContext x86 = HostContext.builder().arch("x86_64").build();
        RunInfo newest = new RunInfo("7.0-def5678-dirty", Optional.of(Instant.parse("2026-04-27T10:00:00Z")),
                java.util.Collections.nCopies(24, Sidecars.base("t", "x").timestamp("2026-04-27T09:12:03Z").host(x86)
                        .build()));
        RunInfo older = new RunInfo("6.14-abc1234", Optional.of(Instant.parse("2026-04-26T19:00:00Z")),
                java.util.Collections.nCopies(24, Sidecars.base("t", "x").timestamp("2026-04-26T18:40:55Z").host(x86)
                        .build()));
        RunInfo unknown = new RunInfo("unknown-unknown", Optional.empty(),
                java.util.Collections.nCopies(3, Sidecars.base("t", "x").timestamp("").build()));
        assertEquals("""
                 RUN                TESTS  DATE                  ARCH  \s
                 7.0-def5678-dirty  24     2026-04-27T09:12:03Z  x86_64\s
                 6.14-abc1234       24     2026-04-26T18:40:55Z  x86_64\s
                 unknown-unknown    3      -                     -     \s
                """, RunList.text(List.of(unknown, older, newest)));
    }

    @Test
    void valueListMatchesTheSpecExample() {
        List<SidecarResult> pool = List.of(
                Sidecars.base("a", "1n2l4c1t").kernelVersion("6.14.2").projectCommit("abcdef1").scheduler("scx_rusty")
                        .workType("CpuSpin").activeFlags(List.of("llc", "rusty_balance")).build(),
                Sidecars.base("b", "1n4l2c1t").workType("PageFaultChurn").activeFlags(List.of("llc")).build());
        assertEquals("""
                kernel:
                  unknown
                  6.14.2

                commit:
                  unknown
                  abcdef1

                kernel_commit:
                  unknown

                source:
                  archive

                scheduler:
                  eevdf
                  scx_rusty

                topology:
                  1n2l4c1t
                  1n4l2c1t

                work_type:
                  CpuSpin
                  PageFaultChurn

                flags:
                  llc
                  rusty_balance

                """, ValueList.text(pool, true));
        String json = ValueList.json(List.of(), false);
        assertEquals("{\n  \"commit\": [],\n  \"flags\": [],\n  \"kernel\": [],\n  \"kernel_commit\": [],\n"
                + "  \"scheduler\": [],\n  \"source\": [],\n  \"topology\": [],\n  \"work_type\": []\n}\n", json);
        assertTrue(ValueList.text(List.of(), false).startsWith("kernel:\n  (no sidecars in pool)\n\ncommit:\n"));
        assertTrue(ValueList.json(pool, false).contains("\"kernel\": [\n    null,\n    \"6.14.2\"\n  ]"));
    }

    @Test
    void showHostMatchesTheSpecExample() {
        HostContext h = HostContext.builder().kernelName("Linux").kernelRelease("6.14.0").arch("x86_64")
                .cpuModel("AMD EPYC 9454P 48-Core Processor").cpuVendor("AuthenticAMD").totalMemoryKb(131598348)
                .hugepagesTotal(0).hugepagesFree(0).hugepagesSizeKb(2048).onlineCpus(16)
                .thpEnabled("always [madvise] never").thpDefrag("always defer defer+madvise [madvise] never")
                .kernelCmdline("BOOT_IMAGE=/vmlinuz-6.14.0 root=/dev/nvme0n1p2 ro")
                .cpufreqGovernor(new TreeMap<>(Map.of(1L, "performance", 0L, "performance")))
                .schedTunables(Map.of("sched_rt_runtime_us", "950000", "sched_autogroup_enabled", "1"))
                .heapState(HostHeapState.builder().allocatedBytes(18874368).activeBytes(20971520)
                        .residentBytes(31457280).mappedBytes(41943040).narenas(64).build())
                .build();
        assertEquals("""
                kernel_name: Linux
                kernel_release: 6.14.0
                arch: x86_64
                cpu_model: AMD EPYC 9454P 48-Core Processor
                cpu_vendor: AuthenticAMD
                total_memory_kb: 131598348
                hugepages_total: 0
                hugepages_free: 0
                hugepages_size_kb: 2048
                online_cpus: 16
                numa_nodes: (unknown)
                thp_enabled: always [madvise] never
                thp_defrag: always defer defer+madvise [madvise] never
                kernel_cmdline: BOOT_IMAGE=/vmlinuz-6.14.0 root=/dev/nvme0n1p2 ro
                cpufreq_governor:
                  cpu0 = performance
                  cpu1 = performance
                sched_tunables:
                  sched_autogroup_enabled = 1
                  sched_rt_runtime_us = 950000
                heap_state:
                  allocated_bytes: 18874368
                  active_bytes: 20971520
                  resident_bytes: 31457280
                  mapped_bytes: 41943040
                  narenas: 64
                """, HostReport.showHost("r", List.of(Sidecars.base("t", "x").build(),
                Sidecars.base("t", "x").host(h).build())));
        ReportException none = assertThrows(ReportException.class,
                () -> HostReport.showHost("r", List.of(Sidecars.base("t", "x").build())));
        assertTrue(none.getMessage().startsWith("run 'r' has 1 sidecar(s) but none carries a populated host context;"));
        assertEquals("  sched_tunables: (unknown) \u2192 (2 entries)\n  heap_state: (present) \u2192 (unknown)\n",
                HostReport.diff(h.toBuilder().schedTunables(Optional.empty()).build(),
                        h.toBuilder().heapState(Optional.empty()).build()));
    }

    @Test
    void suggestionPicksTheClosestRunWithinTheLimit() {
        assertEquals(Optional.of("6.14-abc1234"), HostReport.suggestRun("6.14-abc123", List.of("7.0-x", "6.14-abc1234")));
        assertEquals(Optional.empty(), HostReport.suggestRun("zzz", List.of("6.14-abc1234")));
        assertEquals("run 'x' not found under target/ktstr. Did you mean `y`? Run `ktstr-sidecar stats list` to"
                + " enumerate available run keys.", HostReport.runNotFoundMessage("x", "target/ktstr", Optional.of("y")));
    }

    @Test
    void explainSidecarMatchesTheSpecExample() {
        SidecarResult sc = Sidecars.base("cgroup_steady", "1n2l4c1t").scheduler("scx_rusty")
                .runId("20260427T091203Z-3").projectCommit("abc1234").monitor(MonitorSummary.builder().build())
                .kvmStats(dev.ktstr.api.schema.KvmStatsTotals.builder().build()).kernelVersion("6.14.2")
                .host(HostContext.builder().arch("x86_64").build()).cleanupDurationMs(5).runSource("local").build();
        WalkStats w = new WalkStats(2, List.of(sc), List.of(WalkStats.ParseError.of(
                "target/ktstr/6.14-abc1234/b-0000000000000000.ktstr.json", "expected value at line 1 column 1")),
                List.of());
        assertEquals("""
                walked 2 sidecar file(s), parsed 1 valid

                test: cgroup_steady
                  topology: 1n2l4c1t
                  scheduler: scx_rusty
                  run_id: 20260427T091203Z-3
                  arch: x86_64
                  populated optional fields (7): project_commit, monitor, kvm_stats, kernel_version, host, \
                cleanup_duration_ms, run_source
                  none fields (3):
                    scheduler_commit [expected]
                      - no SchedulerSpec variant currently exposes a reliable commit source — reserved on the schema \
                for future enrichment (e.g. --version probe or ELF-note read on the resolved scheduler binary)
                    payload [expected]
                      - test declared no binary payload (scheduler-only test or pure-scenario test that never \
                invokes ctx.payload(...))
                    kernel_commit [actionable]
                      - KTSTR_KERNEL is unset or empty
                      - kernel source is a Tarball or Git transient cache entry (no on-disk source tree to probe)
                      - resolved kernel directory is not a git repository (gix::open failed)
                      - HEAD cannot be read (unborn HEAD on a fresh `git init` with zero commits)
                      - gix probe failed for another reason — metadata, not a gate
                      fix: set KTSTR_KERNEL to a local kernel source tree that is a git repository (e.g. a git \
                clone of the kernel)

                corrupt sidecars (1):
                  target/ktstr/6.14-abc1234/b-0000000000000000.ktstr.json
                    error: expected value at line 1 column 1

                """, ExplainSidecar.text(w));
        String json = ExplainSidecar.json(w);
        assertTrue(json.startsWith("""
                {
                  "_schema_version": "1",
                  "_walk": {
                    "walked": 2,
                    "valid": 1,
                    "errors": [
                      {
                        "path": "target/ktstr/6.14-abc1234/b-0000000000000000.ktstr.json",
                        "error": "expected value at line 1 column 1",
                        "enriched_message": null
                      }
                    ],
                    "io_errors": []
                  },
                  "fields": {
                    "cleanup_duration_ms": {
                      "none_count": 0,
                      "some_count": 1,
                      "classification": "actionable",
                      "causes": [
                        "host-only / host-only-stub test path: no VM teardown window to time",
                        "run was killed by the watchdog before `KtstrVm::collect_results` returned"
                      ],
                      "fix": null
                    },"""), json);
        assertTrue(json.endsWith("""
                    "scheduler_commit": {
                      "none_count": 1,
                      "some_count": 0,
                      "classification": "expected",
                      "causes": [
                        "no SchedulerSpec variant currently exposes a reliable commit source — reserved on the \
                schema for future enrichment (e.g. --version probe or ELF-note read on the resolved scheduler binary)"
                      ],
                      "fix": null
                    }
                  }
                }"""), json);
    }

    @Test
    void runArgumentValidation() {
        ExplainSidecar.validateRunArgument("6.14-abc1234");
        ExplainSidecar.validateRunArgument("gauntlet/./job-1");
        for (String bad : List.of("", ".", "..", "/abs", "./x", "a/../b")) {
            assertThrows(ReportException.class, () -> ExplainSidecar.validateRunArgument(bad), bad);
        }
        assertEquals(Optional.empty(), WalkStats.enrich("expected value"));
        assertTrue(WalkStats.enrich("missing field `host` at line 3").orElseThrow()
                .endsWith("(no migration shim exists)"));
    }

    @Test
    void sanitizerZeroesNonFiniteMetricsAndDropsExtEntries() {
        List<String> warnings = new java.util.ArrayList<>();
        GauntletRow row = GauntletRow.of(Sidecars.base("t", "x").stats(dev.ktstr.api.schema.ScenarioStats.builder()
                .worstSpread(Double.NaN).extMetrics(Map.of("a", Double.POSITIVE_INFINITY, "b", 2.0,
                        GauntletRow.WALK_TRUNCATION_SENTINEL, 1.0)).build()).build(), warnings::add);
        assertEquals(0.0, Metrics.named("worst_spread").value(row));
        assertEquals(Map.of("b", 2.0), row.extMetrics());
        assertEquals(2, warnings.size());
        assertTrue(warnings.get(0).startsWith("dropping non-finite ext_metric") || warnings.get(1).startsWith(
                "dropping non-finite ext_metric"));
    }
}
