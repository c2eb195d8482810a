package dev.ktstr.report;

import dev.ktstr.report.text.TerminalText;
import static dev.ktstr.report.text.RustFormat.fixed;
import static dev.ktstr.report.text.RustFormat.padLeft;
import static dev.ktstr.report.text.RustFormat.padRight;

import dev.ktstr.api.schema.KvmStatsTotals;
import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.ProgStatsDelta;
import dev.ktstr.api.schema.ProgVerifierStats;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.api.schema.U64;
import dev.ktstr.report.text.RustFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * The report of bare {@code stats}: gauntlet analysis, BPF verifier stats, BPF callback
 * profile and KVM stats, each a pure function of the sidecars with upstream's exact text.
 *
 * <p>Where upstream's order depends on directory order or hash-group order, this class
 * breaks ties deterministically: groups with equal averages and outliers with equal sigma
 * by UTF-8 name order, callback profiles by test name, topology, run id.
 */
public final class StatsReport {
    /** Upstream's {@code BPF_COMPLEXITY_LIMIT_INSNS}. */
    public static final long VERIFIER_INSN_LIMIT = 1_000_000L;
    /** Percent of the limit at or above which a program is flagged. */
    public static final double VERIFIER_WARN_PCT = 75.0;

    private static final List<Map.Entry<String, MetricDef>> OUTLIER_COLUMNS = List.of(
            Map.entry("spread", Metrics.named("worst_spread")),
            Map.entry("gap_ms", Metrics.named("worst_gap_ms")),
            Map.entry("migrations", Metrics.named("total_migrations")),
            Map.entry("migration_ratio", Metrics.named("worst_migration_ratio")),
            Map.entry("imbalance", Metrics.named("max_imbalance_ratio")),
            Map.entry("dsq_depth", Metrics.named("max_dsq_depth")),
            Map.entry("stalls", Metrics.named("stall_count")),
            Map.entry("fallback", Metrics.named("total_fallback")),
            Map.entry("keep_last", Metrics.named("total_keep_last")),
            Map.entry("worst_p99_wake_latency_us", Metrics.named("worst_p99_wake_latency_us")),
            Map.entry("worst_wake_latency_cv", Metrics.named("worst_wake_latency_cv")),
            Map.entry("worst_mean_run_delay_us", Metrics.named("worst_mean_run_delay_us")),
            Map.entry("worst_run_delay_us", Metrics.named("worst_run_delay_us")));

    // The metrics of dimensionSummary's columns.
    private static final MetricDef SPREAD = Metrics.named("worst_spread");
    private static final MetricDef GAP = Metrics.named("worst_gap_ms");
    private static final MetricDef IMBALANCE = Metrics.named("max_imbalance_ratio");
    private static final MetricDef DSQ = Metrics.named("max_dsq_depth");
    private static final MetricDef STALLS = Metrics.named("stall_count");
    private static final MetricDef FALLBACK = Metrics.named("total_fallback");

    private StatsReport() {
    }

    /**
     * The whole bare-{@code stats} stdout: the four sections concatenated, each omitted when
     * empty. Empty input gives the empty string (the caller prints the "no sidecar data" notice).
     *
     * @param sidecars the sidecars to summarize, in reading order
     * @return the report text, or the empty string for no sidecars
     */
    public static String render(List<SidecarResult> sidecars) {
        if (sidecars.isEmpty()) {
            return "";
        }
        List<GauntletRow> rows = sidecars.stream().map(GauntletRow::of).toList();
        // Names and versions come from sidecars: their control characters are shown, not obeyed.
        return TerminalText.visibleLines(
                gauntletAnalysis(rows) + verifierStats(sidecars) + callbackProfile(sidecars) + kvmStats(sidecars));
    }

    /** An outlier of the gauntlet analysis. */
    public record Outlier(String scenario, String column, double value, double overallMean, double sigma,
            List<String> worstTopologies) {
        /**
         * Copies {@code worstTopologies}; the record is immutable.
         *
         * @param scenario the scenario (test name)
         * @param column the metric column that stands out
         * @param value the scenario's mean of the column
         * @param overallMean the mean of the column over every scenario
         * @param sigma how many sample standard deviations the value is above the overall mean
         * @param worstTopologies the topologies with the highest values, worst first; may be empty
         */
        public Outlier {
            worstTopologies = List.copyOf(worstTopologies);
        }

        /**
         * Upstream's line (without the two-space indent).
         *
         * @return the outlier line; a second {@code worst on:} line when topologies are known
         */
        public String render() {
            String line = scenario + ": " + column + " " + fixed(value, 1) + " (overall avg " + fixed(overallMean, 1)
                    + ", +" + fixed(sigma, 1) + "\u03c3)";
            return worstTopologies.isEmpty() ? line : line + "\n    worst on: " + String.join(", ", worstTopologies);
        }
    }

    /** One line of a dimension summary. */
    public record GroupSummary(String name, long pass, long total, long skip, long fail, double avgSpread,
            double avgGapMs, double avgImbalance, double avgDsqDepth, long totalStalls, double avgFallback) {
        /**
         * Upstream's line, with its newline.
         *
         * @return the summary line
         */
        public String render() {
            StringBuilder line = new StringBuilder("  ").append(padRight(name, 25)).append(' ')
                    .append(pass).append('/').append(total).append(" passed (").append(skip).append(" skipped, ")
                    .append(fail).append(" failed)  avg_spread=").append(fixed(avgSpread, 1)).append("%  avg_gap=")
                    .append(fixed(avgGapMs, 0)).append("ms");
            if (avgImbalance > 1.0) {
                line.append("  imbal=").append(fixed(avgImbalance, 1));
            }
            if (avgDsqDepth > 0.0) {
                line.append("  dsq=").append(fixed(avgDsqDepth, 0));
            }
            if (totalStalls != 0) {
                line.append("  stalls=").append(Long.toUnsignedString(totalStalls));
            }
            if (avgFallback > 0.0) {
                line.append("  fallback=").append(fixed(avgFallback, 0));
            }
            return line.append('\n').toString();
        }
    }

    /**
     * The GAUNTLET ANALYSIS section; empty for no rows.
     *
     * @param rows the gauntlet rows of every sidecar
     * @return the section text
     */
    public static String gauntletAnalysis(List<GauntletRow> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n=== GAUNTLET ANALYSIS ===\n\n");
        List<Outlier> outliers = outliers(rows);
        if (outliers.isEmpty()) {
            out.append("No outliers detected.\n");
        } else {
            out.append("Outliers detected:\n");
            for (Outlier o : outliers) {
                out.append("  ").append(o.render()).append('\n');
            }
        }
        out.append("\nBy scenario (worst first):\n");
        dimensionSummary(rows, GauntletRow::scenario).forEach(g -> out.append(g.render()));
        out.append("\nBy topology:\n");
        dimensionSummary(rows, GauntletRow::topology).forEach(g -> out.append(g.render()));
        if (rows.stream().map(GauntletRow::workType).distinct().count() > 1) {
            out.append("\nBy work_type:\n");
            dimensionSummary(rows, GauntletRow::workType).forEach(g -> out.append(g.render()));
        }
        return out.toString();
    }

    /**
     * Scenarios whose mean of a column exceeds overall mean + 2 sample σ, highest σ first.
     *
     * @param rows the gauntlet rows of every sidecar
     * @return the outliers, highest σ first
     */
    public static List<Outlier> outliers(List<GauntletRow> rows) {
        Map<String, List<GauntletRow>> byScenario = groupBy(rows, GauntletRow::scenario);
        List<Outlier> out = new ArrayList<>();
        for (var column : OUTLIER_COLUMNS) {
            ToDoubleFunction<GauntletRow> f = column.getValue()::value;
            double[] values = rows.stream().mapToDouble(f).toArray();
            double mean = mean(values);
            double std = sampleStd(values, mean);
            if (!(std >= Math.ulp(1.0))) {
                continue;
            }
            double threshold = mean + 2.0 * std;
            for (var group : byScenario.entrySet()) {
                double groupMean = mean(group.getValue().stream().mapToDouble(f).toArray());
                if (!(groupMean > threshold)) {
                    continue;
                }
                List<String> worst = group.getValue().stream().filter(r -> f.applyAsDouble(r) > threshold)
                        .map(GauntletRow::topology).toList();
                out.add(new Outlier(group.getKey(), column.getKey(), groupMean, mean, (groupMean - mean) / std, worst));
            }
        }
        out.sort(Comparator.comparingDouble(Outlier::sigma).reversed());
        return out;
    }

    /**
     * Per-group pass counts and averages, highest average spread first.
     *
     * @param rows the gauntlet rows of every sidecar
     * @param key the grouping dimension of a row (e.g. its scheduler)
     * @return one summary per group
     */
    public static List<GroupSummary> dimensionSummary(List<GauntletRow> rows, Function<GauntletRow, String> key) {
        List<GroupSummary> out = new ArrayList<>();
        for (var group : groupBy(rows, key).entrySet()) {
            List<GauntletRow> g = group.getValue();
            long total = g.size();
            long pass = g.stream().filter(r -> r.passed() && !r.skipped()).count();
            long skip = g.stream().filter(GauntletRow::skipped).count();
            long fail = Math.max(0, total - pass - skip);
            double stalls = g.stream().mapToDouble(STALLS::value).sum();
            out.add(new GroupSummary(group.getKey(), pass, total, skip, fail, mean(g, SPREAD), mean(g, GAP),
                    mean(g, IMBALANCE), mean(g, DSQ), RustFormat.saturatingToU64(stalls), mean(g, FALLBACK)));
        }
        out.sort(Comparator.comparingDouble(GroupSummary::avgSpread).reversed());
        return out;
    }

    /**
     * The BPF VERIFIER STATS section: per-program maximum, byte-ordered; empty when none.
     *
     * @param sidecars the sidecars to scan
     * @return the section text
     */
    public static String verifierStats(List<SidecarResult> sidecars) {
        TreeMap<String, Long> byName = verifierMaxByProgram(sidecars);
        if (byName.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\n=== BPF VERIFIER STATS ===\n\n");
        out.append("  ").append(padRight("program", 24)).append(' ').append(padLeft("verified", 12)).append(' ')
                .append(padLeft("limit%", 8)).append('\n');
        out.append("  ").append("-".repeat(24)).append(' ').append("-".repeat(12)).append(' ').append("-".repeat(8))
                .append('\n');
        List<String> warnings = new ArrayList<>();
        long total = 0;
        for (var e : byName.entrySet()) {
            long verified = e.getValue();
            double pct = ((double) verified / (double) VERIFIER_INSN_LIMIT) * 100.0;
            boolean warn = pct >= VERIFIER_WARN_PCT;
            out.append("  ").append(padRight(e.getKey(), 24)).append(' ').append(padLeft(Long.toString(verified), 12))
                    .append(' ').append(padLeft(fixed(pct, 1), 7)).append('%').append(warn ? " !" : "").append('\n');
            if (warn) {
                warnings.add("  " + e.getKey() + ": " + fixed(pct, 1) + "% of 1M limit (" + verified
                        + " verified insns)");
            }
            total += verified;
        }
        out.append("\n  total verified insns: ").append(Long.toUnsignedString(total)).append('\n');
        if (!warnings.isEmpty()) {
            out.append("\nWARNING: programs near verifier complexity limit:\n");
            warnings.forEach(w -> out.append(w).append('\n'));
        }
        return out.toString();
    }

    /**
     * The BPF CALLBACK PROFILE section, one block per sidecar with deltas; empty when none.
     *
     * @param sidecars the sidecars to scan
     * @return the section text
     */
    public static String callbackProfile(List<SidecarResult> sidecars) {
        List<SidecarResult> ordered = new ArrayList<>(sidecars);
        ordered.sort(Comparator.comparing(SidecarResult::testName, RustFormat::compareUtf8)
                .thenComparing(SidecarResult::topology, RustFormat::compareUtf8)
                .thenComparing(SidecarResult::runId, RustFormat::compareUtf8));
        StringBuilder out = new StringBuilder();
        for (SidecarResult sc : ordered) {
            List<ProgStatsDelta> deltas = sc.monitor().flatMap(MonitorSummary::progStatsDeltas).orElse(List.of());
            if (deltas.isEmpty()) {
                continue;
            }
            if (out.length() == 0) {
                out.append("\n=== BPF CALLBACK PROFILE ===\n");
            }
            out.append("\n  ").append(sc.testName()).append(" (").append(sc.topology()).append("):\n");
            out.append("    ").append(padRight("program", 24)).append(' ').append(padLeft("cnt", 12)).append(' ')
                    .append(padLeft("total_ns", 14)).append(' ').append(padLeft("avg_ns", 12)).append('\n');
            out.append("    ").append("-".repeat(24)).append(' ').append("-".repeat(12)).append(' ')
                    .append("-".repeat(14)).append(' ').append("-".repeat(12)).append('\n');
            for (ProgStatsDelta d : deltas) {
                out.append("    ").append(padRight(d.name(), 24)).append(' ')
                        .append(padLeft(Long.toUnsignedString(d.cnt()), 12)).append(' ')
                        .append(padLeft(Long.toUnsignedString(d.nsecs()), 14)).append(' ')
                        .append(padLeft(fixed(d.nsecsPerCall(), 0), 12)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The KVM STATS section over sidecars that carry KVM stats; empty when none or no exits.
     *
     * @param sidecars the sidecars to scan
     * @return the section text
     */
    public static String kvmStats(List<SidecarResult> sidecars) {
        List<KvmStatsTotals> vms = sidecars.stream().flatMap(sc -> sc.kvmStats().stream()).toList();
        if (vms.isEmpty()) {
            return "";
        }
        long n = vms.size();
        long exits = vmAvg(vms, "exits");
        long halt = vmAvg(vms, "halt_exits");
        long haltWaitNs = vmAvg(vms, "halt_wait_ns");
        long preempted = vmAvg(vms, "preemption_reported");
        long signal = vmAvg(vms, "signal_exits");
        long hypercalls = vmAvg(vms, "hypercalls");
        long pollOk = 0;
        long pollTry = 0;
        for (KvmStatsTotals vm : vms) {
            pollOk += sum(vm, "halt_successful_poll");
            pollTry += sum(vm, "halt_attempted_poll");
        }
        if (exits == 0) {
            return "";
        }
        double haltWaitMs = U64.toDouble(haltWaitNs) / 1_000_000.0;
        double pollPct = pollTry != 0 ? (U64.toDouble(pollOk) / U64.toDouble(pollTry)) * 100.0 : 0.0;
        StringBuilder out = new StringBuilder("\n=== KVM STATS (avg across ").append(n).append(" VMs) ===\n\n");
        out.append("  exits/vcpu  ").append(padLeft(Long.toUnsignedString(exits), 7)).append("   halt/vcpu     ")
                .append(padLeft(Long.toUnsignedString(halt), 5)).append("   halt_wait_ms ")
                .append(padLeft(fixed(haltWaitMs, 1), 7)).append('\n');
        out.append("  poll_ok%    ").append(padLeft(fixed(pollPct, 1), 6)).append("%   preempted/vcpu ")
                .append(padLeft(Long.toUnsignedString(preempted), 4)).append("   signal/vcpu  ")
                .append(padLeft(Long.toUnsignedString(signal), 7)).append('\n');
        if (hypercalls != 0) {
            out.append("  hypercalls/vcpu ").append(padLeft(Long.toUnsignedString(hypercalls), 4)).append('\n');
        }
        if (preempted != 0) {
            long total = 0;
            for (KvmStatsTotals vm : vms) {
                total += sum(vm, "preemption_reported");
            }
            out.append("\n  WARNING: ").append(Long.toUnsignedString(total))
                    .append(" host preemptions detected -- timing results may be unreliable\n");
        }
        return out.toString();
    }

    /** Each program's largest {@code verified_insns} over the sidecars, by program name in byte order. */
    static TreeMap<String, Long> verifierMaxByProgram(List<SidecarResult> sidecars) {
        TreeMap<String, Long> byName = new TreeMap<>(RustFormat::compareUtf8);
        for (SidecarResult sc : sidecars) {
            for (ProgVerifierStats info : sc.verifierStats()) {
                byName.merge(info.name(), info.verifiedInsns(), Math::max);
            }
        }
        return byName;
    }

    /** Sum of one KVM stat over a VM's vCPUs (wrapping, as upstream's release build). */
    static long sum(KvmStatsTotals vm, String stat) {
        long s = 0;
        for (Map<String, Long> vcpu : vm.perVcpu()) {
            Long v = vcpu.get(stat);
            if (v != null) {
                s += v;
            }
        }
        return s;
    }

    private static long avg(KvmStatsTotals vm, String stat) {
        return vm.perVcpu().isEmpty() ? 0 : Long.divideUnsigned(sum(vm, stat), vm.perVcpu().size());
    }

    /** Per-vCPU average of one stat per VM, then the mean over VMs, in integer division. */
    static long vmAvg(List<KvmStatsTotals> vms, String stat) {
        long s = 0;
        for (KvmStatsTotals vm : vms) {
            s += avg(vm, stat);
        }
        return Long.divideUnsigned(s, vms.size());
    }

    private static Map<String, List<GauntletRow>> groupBy(List<GauntletRow> rows, Function<GauntletRow, String> key) {
        TreeMap<String, List<GauntletRow>> sorted = new TreeMap<>(RustFormat::compareUtf8);
        for (GauntletRow r : rows) {
            sorted.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return new LinkedHashMap<>(sorted);
    }

    private static double mean(List<GauntletRow> rows, MetricDef metric) {
        return mean(rows.stream().mapToDouble(metric::value).toArray());
    }

    static double mean(double[] values) {
        if (values.length == 0) {
            return 0.0;
        }
        double s = 0.0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    static double sampleStd(double[] values, double mean) {
        if (values.length < 2) {
            return 0.0;
        }
        double ss = 0.0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (values.length - 1));
    }
}
