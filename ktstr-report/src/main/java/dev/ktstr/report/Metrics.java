package dev.ktstr.report;

import static dev.ktstr.report.MetricPolarity.HIGHER_BETTER;
import static dev.ktstr.report.MetricPolarity.LOWER_BETTER;

import dev.ktstr.api.schema.U64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The registry of the 19 regression metrics, in upstream's canonical order. */
public final class Metrics {
    /** Below this many iterations the wake-latency tail ratio is too noisy to read. */
    public static final long WAKE_LATENCY_TAIL_RATIO_MIN_ITERATIONS = 100;

    private static final List<MetricDef> ALL = List.of(
            def("worst_spread", LOWER_BETTER, 5.0, 0.25, "%", GauntletRow::spread),
            def("worst_gap_ms", LOWER_BETTER, 500.0, 0.50, "ms", r -> U64.toDouble(r.gapMs())),
            def("total_migrations", LOWER_BETTER, 10.0, 0.30, "", r -> U64.toDouble(r.migrations())),
            def("worst_migration_ratio", LOWER_BETTER, 0.05, 0.20, "", GauntletRow::migrationRatio),
            def("max_imbalance_ratio", LOWER_BETTER, 1.0, 0.25, "x", GauntletRow::imbalanceRatio),
            def("max_dsq_depth", LOWER_BETTER, 10.0, 0.50, "", r -> (double) r.maxDsqDepth()),
            def("stall_count", LOWER_BETTER, 1.0, 0.50, "", r -> U64.toDouble(r.stallCount())),
            def("total_fallback", LOWER_BETTER, 5.0, 0.30, "", r -> (double) r.fallbackCount()),
            def("total_keep_last", LOWER_BETTER, 5.0, 0.30, "", r -> (double) r.keepLastCount()),
            def("worst_p99_wake_latency_us", LOWER_BETTER, 50.0, 0.25, "\u00b5s", GauntletRow::worstP99WakeLatencyUs),
            def("worst_median_wake_latency_us", LOWER_BETTER, 20.0, 0.25, "\u00b5s",
                    GauntletRow::worstMedianWakeLatencyUs),
            def("worst_wake_latency_cv", LOWER_BETTER, 0.10, 0.25, "", GauntletRow::worstWakeLatencyCv),
            def("total_iterations", HIGHER_BETTER, 100.0, 0.10, "", r -> U64.toDouble(r.totalIterations())),
            def("worst_mean_run_delay_us", LOWER_BETTER, 50.0, 0.25, "\u00b5s", GauntletRow::worstMeanRunDelayUs),
            def("worst_run_delay_us", LOWER_BETTER, 100.0, 0.50, "\u00b5s", GauntletRow::worstRunDelayUs),
            new MetricDef("worst_wake_latency_tail_ratio", LOWER_BETTER, 0.5, 0.25, "x",
                    r -> Long.compareUnsigned(r.totalIterations(), WAKE_LATENCY_TAIL_RATIO_MIN_ITERATIONS) < 0
                            ? OptionalDouble.empty()
                            : OptionalDouble.of(r.worstWakeLatencyTailRatio())),
            def("worst_iterations_per_worker", HIGHER_BETTER, 10.0, 0.10, "", GauntletRow::worstIterationsPerWorker),
            def("worst_page_locality", HIGHER_BETTER, 0.05, 0.10, "", GauntletRow::pageLocality),
            def("worst_cross_node_migration_ratio", LOWER_BETTER, 0.05, 0.20, "",
                    GauntletRow::crossNodeMigrationRatio));

    private Metrics() {
    }

    /** Every registered metric, in canonical order. */
    public static List<MetricDef> all() {
        return ALL;
    }

    /** The metric of that registry name. */
    public static Optional<MetricDef> byName(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** Registry names in canonical order, joined by {@code ", "} (used in error messages). */
    public static String namesJoined() {
        return String.join(", ", ALL.stream().map(MetricDef::name).toList());
    }

    private static MetricDef def(String name, MetricPolarity polarity, double abs, double rel, String unit,
            java.util.function.ToDoubleFunction<GauntletRow> field) {
        return new MetricDef(name, polarity, abs, rel, unit, r -> OptionalDouble.of(field.applyAsDouble(r)));
    }
}
