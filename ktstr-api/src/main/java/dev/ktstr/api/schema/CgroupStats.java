package dev.ktstr.api.schema;

import java.util.Map;
import java.util.Objects;

/**
 * Statistics of one cgroup ({@code CgroupStats}).
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param numWorkers {@code num_workers}: usize
 * @param numCpus {@code num_cpus}: usize
 * @param avgOffCpuPct {@code avg_off_cpu_pct}: f64
 * @param minOffCpuPct {@code min_off_cpu_pct}: f64
 * @param maxOffCpuPct {@code max_off_cpu_pct}: f64
 * @param spread {@code spread}: f64
 * @param maxGapMs {@code max_gap_ms}: u64
 * @param maxGapCpu {@code max_gap_cpu}: usize
 * @param totalMigrations {@code total_migrations}: u64
 * @param migrationRatio {@code migration_ratio}: f64
 * @param p99WakeLatencyUs {@code p99_wake_latency_us}: f64
 * @param medianWakeLatencyUs {@code median_wake_latency_us}: f64
 * @param wakeLatencyCv {@code wake_latency_cv}: f64
 * @param totalIterations {@code total_iterations}: u64
 * @param meanRunDelayUs {@code mean_run_delay_us}: f64
 * @param worstRunDelayUs {@code worst_run_delay_us}: f64
 * @param pageLocality {@code page_locality}: f64
 * @param crossNodeMigrationRatio {@code cross_node_migration_ratio}: f64
 * @param wakeLatencyTailRatio {@code wake_latency_tail_ratio}: f64
 * @param iterationsPerWorker {@code iterations_per_worker}: f64
 * @param extMetrics {@code ext_metrics}: map string to f64 (omitted when empty, optional on read). Extensible metrics (sorted by UTF-8 bytes); omitted when empty.
 */
public record CgroupStats(
        long numWorkers,
        long numCpus,
        double avgOffCpuPct,
        double minOffCpuPct,
        double maxOffCpuPct,
        double spread,
        long maxGapMs,
        long maxGapCpu,
        long totalMigrations,
        double migrationRatio,
        double p99WakeLatencyUs,
        double medianWakeLatencyUs,
        double wakeLatencyCv,
        long totalIterations,
        double meanRunDelayUs,
        double worstRunDelayUs,
        double pageLocality,
        double crossNodeMigrationRatio,
        double wakeLatencyTailRatio,
        double iterationsPerWorker,
        Map<String, Double> extMetrics) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public CgroupStats {
        extMetrics = SchemaMaps.byUtf8(extMetrics, "extMetrics");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.numWorkers = numWorkers;
        b.numCpus = numCpus;
        b.avgOffCpuPct = avgOffCpuPct;
        b.minOffCpuPct = minOffCpuPct;
        b.maxOffCpuPct = maxOffCpuPct;
        b.spread = spread;
        b.maxGapMs = maxGapMs;
        b.maxGapCpu = maxGapCpu;
        b.totalMigrations = totalMigrations;
        b.migrationRatio = migrationRatio;
        b.p99WakeLatencyUs = p99WakeLatencyUs;
        b.medianWakeLatencyUs = medianWakeLatencyUs;
        b.wakeLatencyCv = wakeLatencyCv;
        b.totalIterations = totalIterations;
        b.meanRunDelayUs = meanRunDelayUs;
        b.worstRunDelayUs = worstRunDelayUs;
        b.pageLocality = pageLocality;
        b.crossNodeMigrationRatio = crossNodeMigrationRatio;
        b.wakeLatencyTailRatio = wakeLatencyTailRatio;
        b.iterationsPerWorker = iterationsPerWorker;
        b.extMetrics = extMetrics;
        return b;
    }

    /** Mutable builder of {@link CgroupStats}; every setter rejects {@code null}. */
    public static final class Builder {
        private long numWorkers = 0L;
        private long numCpus = 0L;
        private double avgOffCpuPct = 0.0;
        private double minOffCpuPct = 0.0;
        private double maxOffCpuPct = 0.0;
        private double spread = 0.0;
        private long maxGapMs = 0L;
        private long maxGapCpu = 0L;
        private long totalMigrations = 0L;
        private double migrationRatio = 0.0;
        private double p99WakeLatencyUs = 0.0;
        private double medianWakeLatencyUs = 0.0;
        private double wakeLatencyCv = 0.0;
        private long totalIterations = 0L;
        private double meanRunDelayUs = 0.0;
        private double worstRunDelayUs = 0.0;
        private double pageLocality = 0.0;
        private double crossNodeMigrationRatio = 0.0;
        private double wakeLatencyTailRatio = 0.0;
        private double iterationsPerWorker = 0.0;
        private Map<String, Double> extMetrics = Map.of();

        private Builder() {
        }

        /** Sets {@code num_workers}. */
        public Builder numWorkers(long value) {
            this.numWorkers = value;
            return this;
        }

        /** Sets {@code num_cpus}. */
        public Builder numCpus(long value) {
            this.numCpus = value;
            return this;
        }

        /** Sets {@code avg_off_cpu_pct}. */
        public Builder avgOffCpuPct(double value) {
            this.avgOffCpuPct = value;
            return this;
        }

        /** Sets {@code min_off_cpu_pct}. */
        public Builder minOffCpuPct(double value) {
            this.minOffCpuPct = value;
            return this;
        }

        /** Sets {@code max_off_cpu_pct}. */
        public Builder maxOffCpuPct(double value) {
            this.maxOffCpuPct = value;
            return this;
        }

        /** Sets {@code spread}. */
        public Builder spread(double value) {
            this.spread = value;
            return this;
        }

        /** Sets {@code max_gap_ms}. */
        public Builder maxGapMs(long value) {
            this.maxGapMs = value;
            return this;
        }

        /** Sets {@code max_gap_cpu}. */
        public Builder maxGapCpu(long value) {
            this.maxGapCpu = value;
            return this;
        }

        /** Sets {@code total_migrations}. */
        public Builder totalMigrations(long value) {
            this.totalMigrations = value;
            return this;
        }

        /** Sets {@code migration_ratio}. */
        public Builder migrationRatio(double value) {
            this.migrationRatio = value;
            return this;
        }

        /** Sets {@code p99_wake_latency_us}. */
        public Builder p99WakeLatencyUs(double value) {
            this.p99WakeLatencyUs = value;
            return this;
        }

        /** Sets {@code median_wake_latency_us}. */
        public Builder medianWakeLatencyUs(double value) {
            this.medianWakeLatencyUs = value;
            return this;
        }

        /** Sets {@code wake_latency_cv}. */
        public Builder wakeLatencyCv(double value) {
            this.wakeLatencyCv = value;
            return this;
        }

        /** Sets {@code total_iterations}. */
        public Builder totalIterations(long value) {
            this.totalIterations = value;
            return this;
        }

        /** Sets {@code mean_run_delay_us}. */
        public Builder meanRunDelayUs(double value) {
            this.meanRunDelayUs = value;
            return this;
        }

        /** Sets {@code worst_run_delay_us}. */
        public Builder worstRunDelayUs(double value) {
            this.worstRunDelayUs = value;
            return this;
        }

        /** Sets {@code page_locality}. */
        public Builder pageLocality(double value) {
            this.pageLocality = value;
            return this;
        }

        /** Sets {@code cross_node_migration_ratio}. */
        public Builder crossNodeMigrationRatio(double value) {
            this.crossNodeMigrationRatio = value;
            return this;
        }

        /** Sets {@code wake_latency_tail_ratio}. */
        public Builder wakeLatencyTailRatio(double value) {
            this.wakeLatencyTailRatio = value;
            return this;
        }

        /** Sets {@code iterations_per_worker}. */
        public Builder iterationsPerWorker(double value) {
            this.iterationsPerWorker = value;
            return this;
        }

        /** Sets {@code ext_metrics}. */
        public Builder extMetrics(Map<String, Double> value) {
            this.extMetrics = Objects.requireNonNull(value, "extMetrics");
            return this;
        }

        /** Builds the record, validating every component. */
        public CgroupStats build() {
            return new CgroupStats(numWorkers, numCpus, avgOffCpuPct, minOffCpuPct, maxOffCpuPct, spread, maxGapMs, maxGapCpu, totalMigrations, migrationRatio, p99WakeLatencyUs, medianWakeLatencyUs, wakeLatencyCv, totalIterations, meanRunDelayUs, worstRunDelayUs, pageLocality, crossNodeMigrationRatio, wakeLatencyTailRatio, iterationsPerWorker, extMetrics);
        }
    }
}
