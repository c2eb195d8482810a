package dev.ktstr.cli;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.layout.Flags;
import dev.ktstr.api.layout.SidecarNames;
import dev.ktstr.api.schema.HostContext;
import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.ProgVerifierStats;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.SidecarResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sample runs root shipped in {@code examples/runs}: two runs of the same kernel at project
 * commits {@code abc1234} and {@code def5678}, twelve sidecars each, encoded with this project's
 * codec and named with its variant hash.
 *
 * <p>Each run has six variants at its top level; the two performance-sensitive ones
 * ({@code cgroup_steady}, {@code wake_chain}) are repeated three more times in
 * {@code repeat-2..4/}, so they have four trials per run. Between the runs exactly one metric
 * crosses both regression gates the wrong way ({@code cgroup_steady} {@code worst_spread}, about
 * 12% to 24%, every B trial above every A trial), one improves ({@code wake_chain}
 * {@code total_iterations}, +25%), everything else moves by a few percent at most; {@code host_gate}
 * is a skip sidecar on both sides.
 *
 * <p>{@link ExampleRunsTest} checks the committed files against this; to regenerate them:
 * {@code KTSTR_WRITE_EXAMPLES=1 mvn -B -ntp -pl ktstr-cli -am test -Dtest=ExampleRunsTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
final class ExampleRuns {
    static final String KERNEL = "6.14.2";
    static final String KERNEL_COMMIT = "1a2b3c4";
    static final String COMMIT_A = "abc1234";
    static final String COMMIT_B = "def5678";
    static final String REGRESSED_TEST = "cgroup_steady";
    static final String REGRESSED_METRIC = "worst_spread";

    /** Jitter of the four trials of a repeated variant (multiplies every measured value). */
    private static final double[] TRIAL_JITTER = {1.00, 1.02, 0.98, 1.01};
    private static final double B_JITTER = 1.01;

    private ExampleRuns() {
    }

    /** Measured values of one trial; what the registry metrics read. */
    private record Perf(double spread, long gapMs, long migrations, double migrationRatio, double p99,
            double median, double cv, long iterations, double meanRunDelay, double runDelay, double tailRatio,
            double itersPerWorker, double pageLocality, double crossNode, double imbalance, long dsqDepth) {

        Perf scaled(double f) {
            return new Perf(spread * f, Math.round(gapMs * f), Math.round(migrations * f), migrationRatio * f,
                    p99 * f, median * f, cv * f, Math.round(iterations / f), meanRunDelay * f, runDelay * f,
                    tailRatio, itersPerWorker / f, pageLocality, crossNode * f, imbalance * f, dsqDepth);
        }
    }

    private record Variant(String test, String topology, String scheduler, String workType, List<String> flags,
            List<String> sysctls, List<String> kargs, boolean repeated, boolean skip, Perf a, Perf b) {
    }

    private static List<Variant> variants() {
        Perf steadyA = new Perf(12.0, 140, 420, 0.042, 410.0, 48.0, 0.31, 52000, 85.0, 640.0, 8.5, 1625.0, 0.0,
                0.0, 1.3, 4);
        Perf steadyB = new Perf(24.0, 140, 420, 0.042, 410.0, 48.0, 0.31, 52000, 85.0, 640.0, 8.5, 1625.0, 0.0,
                0.0, 1.3, 4);
        Perf chainA = new Perf(8.0, 95, 1180, 0.118, 260.0, 31.0, 0.27, 10000, 44.0, 390.0, 8.4, 1250.0, 0.0,
                0.0, 1.1, 2);
        Perf chainB = new Perf(8.0, 95, 1180, 0.118, 260.0, 31.0, 0.27, 12500, 44.0, 390.0, 8.4, 1290.0, 0.0,
                0.0, 1.1, 2);
        Perf numa = new Perf(15.5, 210, 2300, 0.096, 520.0, 62.0, 0.36, 24000, 110.0, 910.0, 8.4, 750.0, 0.93,
                0.071, 1.6, 6);
        Perf mixed = new Perf(20.5, 1050, 3400, 0.21, 880.0, 95.0, 0.42, 31000, 160.0, 1400.0, 9.3, 968.0, 0.0,
                0.0, 1.2, 0);
        Perf churn = new Perf(9.5, 180, 5200, 0.35, 300.0, 36.0, 0.29, 15000, 57.0, 480.0, 8.3, 937.0, 0.0, 0.0,
                1.4, 3);
        return List.of(
                new Variant(REGRESSED_TEST, "1n2l4c1t", "scx_rusty", "CpuSpin", List.of(), List.of(), List.of(),
                        true, false, steadyA, steadyB),
                new Variant("wake_chain", "1n4l2c1t", "scx_lavd", "PipeIo", List.of("llc"), List.of(), List.of(),
                        true, false, chainA, chainB),
                new Variant("numa_spread", "2n2l4c1t", "scx_rusty", "CpuSpin", List.of("llc", "steal"),
                        List.of("sysctl.kernel.sched_cfs_bandwidth_slice_us=1000"), List.of("nosmt"), false, false,
                        numa, numa.scaled(B_JITTER)),
                new Variant("mixed_load", "1n2l4c1t", "eevdf", "Bursty", List.of(), List.of(), List.of(), false,
                        false, mixed, mixed.scaled(B_JITTER)),
                new Variant("affinity_churn", "1n1l4c2t", "scx_lavd", "CpuSpin", List.of("borrow", "reject-pin"),
                        List.of(), List.of(), false, false, churn, churn.scaled(B_JITTER)),
                new Variant("host_gate", "1n1l4c2t", "scx_rusty", "skipped", List.of("llc"), List.of(),
                        List.of(), false, true, churn, churn));
    }

    private static HostContext host() {
        return HostContext.builder()
                .kernelName("Linux").kernelRelease("6.8.0-60-generic").arch("x86_64")
                .cpuModel("AMD EPYC 7713 64-Core Processor").cpuVendor("AuthenticAMD")
                .totalMemoryKb(263_856_128L).hugepagesTotal(0).hugepagesFree(0).hugepagesSizeKb(2048)
                .onlineCpus(128).numaNodes(2).thpEnabled("always [madvise] never").thpDefrag("madvise")
                .kernelCmdline("BOOT_IMAGE=/vmlinuz-6.8.0-60-generic ro quiet")
                .build();
    }

    private static SidecarResult sidecar(Variant v, String commit, Perf p, String timestamp, String runId) {
        SidecarResult.Builder b = SidecarResult.builder()
                .testName(v.test()).topology(v.topology()).scheduler(v.scheduler())
                .projectCommit(commit).workType(v.workType()).activeFlags(Flags.canonicalOrder(v.flags()))
                .sysctls(v.sysctls()).kargs(v.kargs())
                .kernelVersion(KERNEL).kernelCommit(KERNEL_COMMIT)
                .timestamp(timestamp).runId(runId).host(host()).runSource("ci");
        if (v.skip()) {
            return b.passed(true).skipped(true).stats(ScenarioStats.builder().build()).build();
        }
        b.passed(true).skipped(false).cleanupDurationMs(40 + p.dsqDepth())
                .stats(ScenarioStats.builder()
                        .totalWorkers(32).totalCpus(8).totalMigrations(p.migrations())
                        .worstSpread(round(p.spread(), 2)).worstGapMs(p.gapMs()).worstGapCpu(3)
                        .worstMigrationRatio(round(p.migrationRatio(), 4))
                        .worstP99WakeLatencyUs(round(p.p99(), 1)).worstMedianWakeLatencyUs(round(p.median(), 1))
                        .worstWakeLatencyCv(round(p.cv(), 3)).totalIterations(p.iterations())
                        .worstMeanRunDelayUs(round(p.meanRunDelay(), 1)).worstRunDelayUs(round(p.runDelay(), 1))
                        .worstPageLocality(round(p.pageLocality(), 3))
                        .worstCrossNodeMigrationRatio(round(p.crossNode(), 4))
                        .worstWakeLatencyTailRatio(round(p.tailRatio(), 2))
                        .worstIterationsPerWorker(round(p.itersPerWorker(), 1))
                        .build());
        if (!v.scheduler().equals("eevdf")) {
            b.monitor(MonitorSummary.builder().totalSamples(600).maxImbalanceRatio(round(p.imbalance(), 2))
                    .maxLocalDsqDepth(p.dsqDepth()).stallDetected(false)
                    .avgImbalanceRatio(round(p.imbalance() * 0.8, 2)).avgNrRunning(4.0)
                    .avgLocalDsqDepth(round(p.dsqDepth() / 2.0, 2)).build());
            b.verifierStats(List.of(new ProgVerifierStats("dispatch", 41_250), new ProgVerifierStats("enqueue", 18_904),
                    new ProgVerifierStats("select_cpu", 9_876)));
        }
        return b.build();
    }

    private static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }

    /** Every example file: path relative to the runs root, and its bytes. Sorted by path. */
    static Map<String, byte[]> files() {
        Map<String, byte[]> out = new TreeMap<>();
        String[][] sides = {{COMMIT_A, "2026-04-20T18:40:55Z", "20260420T184055Z"},
            {COMMIT_B, "2026-04-27T09:12:03Z", "20260427T091203Z"}};
        for (int side = 0; side < 2; side++) {
            String commit = sides[side][0];
            String run = KERNEL + "-" + commit;
            int counter = 0;
            for (int trial = 0; trial < TRIAL_JITTER.length; trial++) {
                String dir = trial == 0 ? run : run + "/repeat-" + (trial + 1);
                for (Variant v : variants()) {
                    if (trial > 0 && !v.repeated()) {
                        continue;
                    }
                    Perf base = side == 0 ? v.a() : v.b();
                    Perf p = base.scaled(TRIAL_JITTER[trial]);
                    String ts = sides[side][1].substring(0, 14) + String.format("%02d", 40 + trial * 5)
                            + sides[side][1].substring(16);
                    SidecarResult r = sidecar(v, commit, p, ts, sides[side][2] + "-" + (++counter));
                    out.put(dir + "/" + SidecarNames.fileName(r), SidecarCodec.write(r));
                }
            }
        }
        return out;
    }

    /** Replaces {@code root}'s sidecars with {@link #files()}. */
    static void write(Path root) throws IOException {
        if (Files.isDirectory(root)) {
            List<Path> old = new ArrayList<>();
            try (var s = Files.walk(root)) {
                s.filter(Files::isRegularFile).forEach(old::add);
            }
            for (Path f : old) {
                Files.delete(f);
            }
        }
        for (Map.Entry<String, byte[]> e : files().entrySet()) {
            Path f = root.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.write(f, e.getValue());
        }
    }
}
