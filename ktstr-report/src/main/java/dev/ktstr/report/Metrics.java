package dev.ktstr.report;

import static dev.ktstr.report.MetricPolarity.HIGHER_BETTER;
import static dev.ktstr.report.MetricPolarity.LOWER_BETTER;

import dev.ktstr.api.schema.MonitorSummary;
import dev.ktstr.api.schema.ScenarioStats;
import dev.ktstr.api.schema.ScxEventDeltas;
import dev.ktstr.api.schema.SidecarResult;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The registry of the 19 regression metrics, in upstream's canonical order: what each is, and
 * where a sidecar holds it. Rows ({@link GauntletRow#of}), compare's averaging and every
 * per-metric table are driven by this list.
 */
public final class Metrics {
    /** Below this many iterations the wake-latency tail ratio is too noisy to read. */
    public static final long WAKE_LATENCY_TAIL_RATIO_MIN_ITERATIONS = 100;

    private static final List<MetricDef> ALL;

    static {
        List<MetricDef> all = new ArrayList<>(19);
        f64(all, "worst_spread", LOWER_BETTER, 5.0, 0.25, "%", "spread", stats(ScenarioStats::worstSpread));
        integer(all, "worst_gap_ms", LOWER_BETTER, 500.0, 0.50, "ms", MetricDef.Kind.U64,
                s -> s.stats().worstGapMs());
        integer(all, "total_migrations", LOWER_BETTER, 10.0, 0.30, "", MetricDef.Kind.U64,
                s -> s.stats().totalMigrations());
        f64(all, "worst_migration_ratio", LOWER_BETTER, 0.05, 0.20, "", "migration_ratio",
                stats(ScenarioStats::worstMigrationRatio));
        f64(all, "max_imbalance_ratio", LOWER_BETTER, 1.0, 0.25, "x", "imbalance_ratio",
                s -> s.monitor().map(MonitorSummary::maxImbalanceRatio).orElse(0.0));
        integer(all, "max_dsq_depth", LOWER_BETTER, 10.0, 0.50, "", MetricDef.Kind.U32,
                s -> s.monitor().map(MonitorSummary::maxLocalDsqDepth).orElse(0L));
        integer(all, "stall_count", LOWER_BETTER, 1.0, 0.50, "", MetricDef.Kind.U64,
                s -> s.monitor().map(MonitorSummary::stallDetected).orElse(false) ? 1L : 0L);
        integer(all, "total_fallback", LOWER_BETTER, 5.0, 0.30, "", MetricDef.Kind.I64,
                s -> events(s).map(ScxEventDeltas::totalFallback).orElse(0L));
        integer(all, "total_keep_last", LOWER_BETTER, 5.0, 0.30, "", MetricDef.Kind.I64,
                s -> events(s).map(ScxEventDeltas::totalDispatchKeepLast).orElse(0L));
        f64(all, "worst_p99_wake_latency_us", LOWER_BETTER, 50.0, 0.25, "\u00b5s", null,
                stats(ScenarioStats::worstP99WakeLatencyUs));
        f64(all, "worst_median_wake_latency_us", LOWER_BETTER, 20.0, 0.25, "\u00b5s", null,
                stats(ScenarioStats::worstMedianWakeLatencyUs));
        f64(all, "worst_wake_latency_cv", LOWER_BETTER, 0.10, 0.25, "", null,
                stats(ScenarioStats::worstWakeLatencyCv));
        MetricDef iterations = integer(all, "total_iterations", HIGHER_BETTER, 100.0, 0.10, "", MetricDef.Kind.U64,
                s -> s.stats().totalIterations());
        f64(all, "worst_mean_run_delay_us", LOWER_BETTER, 50.0, 0.25, "\u00b5s", null,
                stats(ScenarioStats::worstMeanRunDelayUs));
        f64(all, "worst_run_delay_us", LOWER_BETTER, 100.0, 0.50, "\u00b5s", null,
                stats(ScenarioStats::worstRunDelayUs));
        // Below the iteration floor the row's ratio is noise; a payload may still report it as an ext metric.
        add(all, "worst_wake_latency_tail_ratio", LOWER_BETTER, 0.5, 0.25, "x", MetricDef.Kind.F64, null,
                f64Bits(stats(ScenarioStats::worstWakeLatencyTailRatio)),
                r -> Long.compareUnsigned(r.values().bits(iterations), WAKE_LATENCY_TAIL_RATIO_MIN_ITERATIONS) >= 0);
        f64(all, "worst_iterations_per_worker", HIGHER_BETTER, 10.0, 0.10, "", null,
                stats(ScenarioStats::worstIterationsPerWorker));
        f64(all, "worst_page_locality", HIGHER_BETTER, 0.05, 0.10, "", "page_locality",
                stats(ScenarioStats::worstPageLocality));
        f64(all, "worst_cross_node_migration_ratio", LOWER_BETTER, 0.05, 0.20, "", "cross_node_migration_ratio",
                stats(ScenarioStats::worstCrossNodeMigrationRatio));
        ALL = List.copyOf(all);
    }

    private Metrics() {
    }

    /**
     * Every registered metric, in canonical order.
     *
     * @return the registry
     */
    public static List<MetricDef> all() {
        return ALL;
    }

    /**
     * The metric of that registry name.
     *
     * @param name a registry name
     * @return the metric, or empty for an unknown name
     */
    public static Optional<MetricDef> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /**
     * The metric of that registry name, which must exist.
     *
     * @param name a registry name
     * @return the metric
     * @throws NoSuchElementException for an unknown name
     */
    public static MetricDef named(String name) {
        return byName(name).orElseThrow(() -> new NoSuchElementException("no registry metric " + name));
    }

    /**
     * Registry names in canonical order, joined by {@code ", "} (used in error messages).
     *
     * @return the names
     */
    public static String namesJoined() {
        return String.join(", ", ALL.stream().map(MetricDef::name).toList());
    }

    private static ToDoubleFunction<SidecarResult> stats(ToDoubleFunction<ScenarioStats> field) {
        return s -> field.applyAsDouble(s.stats());
    }

    private static Optional<ScxEventDeltas> events(SidecarResult s) {
        return s.monitor().flatMap(MonitorSummary::eventDeltas);
    }

    private static ToLongFunction<SidecarResult> f64Bits(ToDoubleFunction<SidecarResult> field) {
        return s -> Double.doubleToRawLongBits(field.applyAsDouble(s));
    }

    /** An f64 metric; {@code rowField} is upstream's row field name when it differs from {@code name}. */
    private static void f64(List<MetricDef> all, String name, MetricPolarity polarity, double abs, double rel,
            String unit, String rowField, ToDoubleFunction<SidecarResult> field) {
        add(all, name, polarity, abs, rel, unit, MetricDef.Kind.F64, rowField, f64Bits(field), r -> true);
    }

    private static MetricDef integer(List<MetricDef> all, String name, MetricPolarity polarity, double abs,
            double rel, String unit, MetricDef.Kind kind, ToLongFunction<SidecarResult> field) {
        return add(all, name, polarity, abs, rel, unit, kind, null, field, r -> true);
    }

    private static MetricDef add(List<MetricDef> all, String name, MetricPolarity polarity, double abs, double rel,
            String unit, MetricDef.Kind kind, String rowField, ToLongFunction<SidecarResult> field,
            Predicate<GauntletRow> readable) {
        MetricDef m = new MetricDef(all.size(), name, polarity, abs, rel, unit, kind,
                rowField == null ? name : rowField, field, readable);
        all.add(m);
        return m;
    }
}
