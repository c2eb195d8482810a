package dev.ktstr.report;

import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.ScxEventDeltas;
import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.text.RustFormat;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One sidecar flattened for statistics: identity dimensions plus every registry metric, all
 * finite. Integer fields hold Rust's types: {@code gapMs}, {@code migrations},
 * {@code stallCount}, {@code totalIterations} are u64 bits, {@code maxDsqDepth} is a u32,
 * {@code fallbackCount} and {@code keepLastCount} are i64. {@code extMetrics} is sorted by
 * UTF-8 byte order.
 */
public record GauntletRow(
        String scenario,
        String topology,
        String workType,
        String scheduler,
        Optional<String> kernelVersion,
        Optional<String> commit,
        Optional<String> kernelCommit,
        List<String> flags,
        Optional<String> runSource,
        boolean passed,
        boolean skipped,
        double spread,
        long gapMs,
        long migrations,
        double migrationRatio,
        double imbalanceRatio,
        long maxDsqDepth,
        long stallCount,
        long fallbackCount,
        long keepLastCount,
        double worstP99WakeLatencyUs,
        double worstMedianWakeLatencyUs,
        double worstWakeLatencyCv,
        long totalIterations,
        double worstMeanRunDelayUs,
        double worstRunDelayUs,
        double worstWakeLatencyTailRatio,
        double worstIterationsPerWorker,
        double pageLocality,
        double crossNodeMigrationRatio,
        Map<String, Double> extMetrics) {

    /** The ext-metric key upstream's JSON walker uses to flag truncation; never a metric. */
    public static final String WALK_TRUNCATION_SENTINEL = "__walk_json_leaves_truncated";

    public GauntletRow {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(topology, "topology");
        Objects.requireNonNull(workType, "workType");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(kernelVersion, "kernelVersion");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(kernelCommit, "kernelCommit");
        flags = List.copyOf(flags);
        Objects.requireNonNull(runSource, "runSource");
        TreeMap<String, Double> sorted = new TreeMap<>(RustFormat::compareUtf8);
        sorted.putAll(extMetrics);
        extMetrics = Collections.unmodifiableSortedMap(sorted);
    }

    /** Converts a sidecar, discarding sanitizer warnings. */
    public static GauntletRow of(SidecarResult sidecar) {
        return of(sidecar, w -> { });
    }

    /**
     * Converts a sidecar. A non-finite float metric becomes 0.0 and a non-finite ext metric is
     * dropped; each such event is reported to {@code warnings} with upstream's message text.
     */
    public static GauntletRow of(SidecarResult sc, Consumer<String> warnings) {
        Objects.requireNonNull(warnings, "warnings");
        String test = sc.testName();
        var stats = sc.stats();
        Optional<MonitorSummary> monitor = sc.monitor();
        Optional<ScxEventDeltas> events = monitor.flatMap(MonitorSummary::eventDeltas);
        TreeMap<String, Double> ext = new TreeMap<>(RustFormat::compareUtf8);
        stats.extMetrics().forEach((k, v) -> {
            if (WALK_TRUNCATION_SENTINEL.equals(k)) {
                return;
            }
            if (Double.isFinite(v)) {
                ext.put(k, v);
            } else {
                warnings.accept("dropping non-finite ext_metric; serde_json rejects NaN/Infinity test=" + test
                        + " metric=" + k + " value=" + RustFormat.display(v));
            }
        });
        return new GauntletRow(
                test,
                sc.topology(),
                sc.workType(),
                sc.scheduler(),
                sc.kernelVersion(),
                sc.projectCommit(),
                sc.kernelCommit(),
                sc.activeFlags(),
                sc.runSource(),
                sc.passed(),
                sc.skipped(),
                finite(test, "spread", stats.worstSpread(), warnings),
                stats.worstGapMs(),
                stats.totalMigrations(),
                finite(test, "migration_ratio", stats.worstMigrationRatio(), warnings),
                finite(test, "imbalance_ratio", monitor.map(MonitorSummary::maxImbalanceRatio).orElse(0.0), warnings),
                monitor.map(MonitorSummary::maxLocalDsqDepth).orElse(0L),
                monitor.map(MonitorSummary::stallDetected).orElse(false) ? 1L : 0L,
                events.map(ScxEventDeltas::totalFallback).orElse(0L),
                events.map(ScxEventDeltas::totalDispatchKeepLast).orElse(0L),
                finite(test, "worst_p99_wake_latency_us", stats.worstP99WakeLatencyUs(), warnings),
                finite(test, "worst_median_wake_latency_us", stats.worstMedianWakeLatencyUs(), warnings),
                finite(test, "worst_wake_latency_cv", stats.worstWakeLatencyCv(), warnings),
                stats.totalIterations(),
                finite(test, "worst_mean_run_delay_us", stats.worstMeanRunDelayUs(), warnings),
                finite(test, "worst_run_delay_us", stats.worstRunDelayUs(), warnings),
                finite(test, "worst_wake_latency_tail_ratio", stats.worstWakeLatencyTailRatio(), warnings),
                finite(test, "worst_iterations_per_worker", stats.worstIterationsPerWorker(), warnings),
                finite(test, "page_locality", stats.worstPageLocality(), warnings),
                finite(test, "cross_node_migration_ratio", stats.worstCrossNodeMigrationRatio(), warnings),
                ext);
    }

    private static double finite(String test, String field, double value, Consumer<String> warnings) {
        if (Double.isFinite(value)) {
            return value;
        }
        warnings.accept("non-finite f64 in GauntletRow field; substituting 0.0 test=" + test + " field=" + field
                + " value=" + RustFormat.display(value));
        return 0.0;
    }
}
