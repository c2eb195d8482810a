package dev.ktstr.api.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Statistics of one scenario, aggregated across cgroups ({@code ScenarioStats}).
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param cgroups {@code cgroups}: list of CgroupStats. One entry per cgroup.
 * @param totalWorkers {@code total_workers}: usize
 * @param totalCpus {@code total_cpus}: usize
 * @param totalMigrations {@code total_migrations}: u64
 * @param worstSpread {@code worst_spread}: f64
 * @param worstGapMs {@code worst_gap_ms}: u64
 * @param worstGapCpu {@code worst_gap_cpu}: usize
 * @param worstMigrationRatio {@code worst_migration_ratio}: f64
 * @param worstP99WakeLatencyUs {@code worst_p99_wake_latency_us}: f64
 * @param worstMedianWakeLatencyUs {@code worst_median_wake_latency_us}: f64
 * @param worstWakeLatencyCv {@code worst_wake_latency_cv}: f64
 * @param totalIterations {@code total_iterations}: u64
 * @param worstMeanRunDelayUs {@code worst_mean_run_delay_us}: f64
 * @param worstRunDelayUs {@code worst_run_delay_us}: f64
 * @param worstPageLocality {@code worst_page_locality}: f64
 * @param worstCrossNodeMigrationRatio {@code worst_cross_node_migration_ratio}: f64
 * @param worstWakeLatencyTailRatio {@code worst_wake_latency_tail_ratio}: f64
 * @param worstIterationsPerWorker {@code worst_iterations_per_worker}: f64
 * @param extMetrics {@code ext_metrics}: map string to f64 (omitted when empty, optional on read). Extensible metrics (sorted by UTF-8 bytes); omitted when empty.
 */
public record ScenarioStats(
        List<CgroupStats> cgroups,
        long totalWorkers,
        long totalCpus,
        long totalMigrations,
        double worstSpread,
        long worstGapMs,
        long worstGapCpu,
        double worstMigrationRatio,
        double worstP99WakeLatencyUs,
        double worstMedianWakeLatencyUs,
        double worstWakeLatencyCv,
        long totalIterations,
        double worstMeanRunDelayUs,
        double worstRunDelayUs,
        double worstPageLocality,
        double worstCrossNodeMigrationRatio,
        double worstWakeLatencyTailRatio,
        double worstIterationsPerWorker,
        Map<String, Double> extMetrics) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public ScenarioStats {
        cgroups = List.copyOf(Objects.requireNonNull(cgroups, "cgroups"));
        extMetrics = SchemaMaps.byUtf8(extMetrics, "extMetrics");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cgroups = cgroups;
        b.totalWorkers = totalWorkers;
        b.totalCpus = totalCpus;
        b.totalMigrations = totalMigrations;
        b.worstSpread = worstSpread;
        b.worstGapMs = worstGapMs;
        b.worstGapCpu = worstGapCpu;
        b.worstMigrationRatio = worstMigrationRatio;
        b.worstP99WakeLatencyUs = worstP99WakeLatencyUs;
        b.worstMedianWakeLatencyUs = worstMedianWakeLatencyUs;
        b.worstWakeLatencyCv = worstWakeLatencyCv;
        b.totalIterations = totalIterations;
        b.worstMeanRunDelayUs = worstMeanRunDelayUs;
        b.worstRunDelayUs = worstRunDelayUs;
        b.worstPageLocality = worstPageLocality;
        b.worstCrossNodeMigrationRatio = worstCrossNodeMigrationRatio;
        b.worstWakeLatencyTailRatio = worstWakeLatencyTailRatio;
        b.worstIterationsPerWorker = worstIterationsPerWorker;
        b.extMetrics = extMetrics;
        return b;
    }

    /** Mutable builder of {@link ScenarioStats}; every setter rejects {@code null}. */
    public static final class Builder {
        private List<CgroupStats> cgroups = List.of();
        private long totalWorkers = 0L;
        private long totalCpus = 0L;
        private long totalMigrations = 0L;
        private double worstSpread = 0.0;
        private long worstGapMs = 0L;
        private long worstGapCpu = 0L;
        private double worstMigrationRatio = 0.0;
        private double worstP99WakeLatencyUs = 0.0;
        private double worstMedianWakeLatencyUs = 0.0;
        private double worstWakeLatencyCv = 0.0;
        private long totalIterations = 0L;
        private double worstMeanRunDelayUs = 0.0;
        private double worstRunDelayUs = 0.0;
        private double worstPageLocality = 0.0;
        private double worstCrossNodeMigrationRatio = 0.0;
        private double worstWakeLatencyTailRatio = 0.0;
        private double worstIterationsPerWorker = 0.0;
        private Map<String, Double> extMetrics = Map.of();

        private Builder() {
        }

        /** Sets {@code cgroups}. */
        public Builder cgroups(List<CgroupStats> value) {
            this.cgroups = Objects.requireNonNull(value, "cgroups");
            return this;
        }

        /** Sets {@code total_workers}. */
        public Builder totalWorkers(long value) {
            this.totalWorkers = value;
            return this;
        }

        /** Sets {@code total_cpus}. */
        public Builder totalCpus(long value) {
            this.totalCpus = value;
            return this;
        }

        /** Sets {@code total_migrations}. */
        public Builder totalMigrations(long value) {
            this.totalMigrations = value;
            return this;
        }

        /** Sets {@code worst_spread}. */
        public Builder worstSpread(double value) {
            this.worstSpread = value;
            return this;
        }

        /** Sets {@code worst_gap_ms}. */
        public Builder worstGapMs(long value) {
            this.worstGapMs = value;
            return this;
        }

        /** Sets {@code worst_gap_cpu}. */
        public Builder worstGapCpu(long value) {
            this.worstGapCpu = value;
            return this;
        }

        /** Sets {@code worst_migration_ratio}. */
        public Builder worstMigrationRatio(double value) {
            this.worstMigrationRatio = value;
            return this;
        }

        /** Sets {@code worst_p99_wake_latency_us}. */
        public Builder worstP99WakeLatencyUs(double value) {
            this.worstP99WakeLatencyUs = value;
            return this;
        }

        /** Sets {@code worst_median_wake_latency_us}. */
        public Builder worstMedianWakeLatencyUs(double value) {
            this.worstMedianWakeLatencyUs = value;
            return this;
        }

        /** Sets {@code worst_wake_latency_cv}. */
        public Builder worstWakeLatencyCv(double value) {
            this.worstWakeLatencyCv = value;
            return this;
        }

        /** Sets {@code total_iterations}. */
        public Builder totalIterations(long value) {
            this.totalIterations = value;
            return this;
        }

        /** Sets {@code worst_mean_run_delay_us}. */
        public Builder worstMeanRunDelayUs(double value) {
            this.worstMeanRunDelayUs = value;
            return this;
        }

        /** Sets {@code worst_run_delay_us}. */
        public Builder worstRunDelayUs(double value) {
            this.worstRunDelayUs = value;
            return this;
        }

        /** Sets {@code worst_page_locality}. */
        public Builder worstPageLocality(double value) {
            this.worstPageLocality = value;
            return this;
        }

        /** Sets {@code worst_cross_node_migration_ratio}. */
        public Builder worstCrossNodeMigrationRatio(double value) {
            this.worstCrossNodeMigrationRatio = value;
            return this;
        }

        /** Sets {@code worst_wake_latency_tail_ratio}. */
        public Builder worstWakeLatencyTailRatio(double value) {
            this.worstWakeLatencyTailRatio = value;
            return this;
        }

        /** Sets {@code worst_iterations_per_worker}. */
        public Builder worstIterationsPerWorker(double value) {
            this.worstIterationsPerWorker = value;
            return this;
        }

        /** Sets {@code ext_metrics}. */
        public Builder extMetrics(Map<String, Double> value) {
            this.extMetrics = Objects.requireNonNull(value, "extMetrics");
            return this;
        }

        /** Builds the record, validating every component. */
        public ScenarioStats build() {
            return new ScenarioStats(cgroups, totalWorkers, totalCpus, totalMigrations, worstSpread, worstGapMs, worstGapCpu, worstMigrationRatio, worstP99WakeLatencyUs, worstMedianWakeLatencyUs, worstWakeLatencyCv, totalIterations, worstMeanRunDelayUs, worstRunDelayUs, worstPageLocality, worstCrossNodeMigrationRatio, worstWakeLatencyTailRatio, worstIterationsPerWorker, extMetrics);
        }
    }
}
