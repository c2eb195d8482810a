package dev.ktstr.api.schema;

import java.util.Objects;

/**
 * schedstat deltas over the monitoring window, summed over CPUs.
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param totalRunDelay {@code total_run_delay}: u64
 * @param runDelayRate {@code run_delay_rate}: f64
 * @param totalPcount {@code total_pcount}: u64
 * @param totalSchedCount {@code total_sched_count}: u64
 * @param schedCountRate {@code sched_count_rate}: f64
 * @param totalYldCount {@code total_yld_count}: u64
 * @param totalSchedGoidle {@code total_sched_goidle}: u64
 * @param totalTtwuCount {@code total_ttwu_count}: u64
 * @param totalTtwuLocal {@code total_ttwu_local}: u64
 */
public record SchedstatDeltas(
        long totalRunDelay,
        double runDelayRate,
        long totalPcount,
        long totalSchedCount,
        double schedCountRate,
        long totalYldCount,
        long totalSchedGoidle,
        long totalTtwuCount,
        long totalTtwuLocal) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public SchedstatDeltas {
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.totalRunDelay = totalRunDelay;
        b.runDelayRate = runDelayRate;
        b.totalPcount = totalPcount;
        b.totalSchedCount = totalSchedCount;
        b.schedCountRate = schedCountRate;
        b.totalYldCount = totalYldCount;
        b.totalSchedGoidle = totalSchedGoidle;
        b.totalTtwuCount = totalTtwuCount;
        b.totalTtwuLocal = totalTtwuLocal;
        return b;
    }

    /** Mutable builder of {@link SchedstatDeltas}; every setter rejects {@code null}. */
    public static final class Builder {
        private long totalRunDelay = 0L;
        private double runDelayRate = 0.0;
        private long totalPcount = 0L;
        private long totalSchedCount = 0L;
        private double schedCountRate = 0.0;
        private long totalYldCount = 0L;
        private long totalSchedGoidle = 0L;
        private long totalTtwuCount = 0L;
        private long totalTtwuLocal = 0L;

        private Builder() {
        }

        /** Sets {@code total_run_delay}. */
        public Builder totalRunDelay(long value) {
            this.totalRunDelay = value;
            return this;
        }

        /** Sets {@code run_delay_rate}. */
        public Builder runDelayRate(double value) {
            this.runDelayRate = value;
            return this;
        }

        /** Sets {@code total_pcount}. */
        public Builder totalPcount(long value) {
            this.totalPcount = value;
            return this;
        }

        /** Sets {@code total_sched_count}. */
        public Builder totalSchedCount(long value) {
            this.totalSchedCount = value;
            return this;
        }

        /** Sets {@code sched_count_rate}. */
        public Builder schedCountRate(double value) {
            this.schedCountRate = value;
            return this;
        }

        /** Sets {@code total_yld_count}. */
        public Builder totalYldCount(long value) {
            this.totalYldCount = value;
            return this;
        }

        /** Sets {@code total_sched_goidle}. */
        public Builder totalSchedGoidle(long value) {
            this.totalSchedGoidle = value;
            return this;
        }

        /** Sets {@code total_ttwu_count}. */
        public Builder totalTtwuCount(long value) {
            this.totalTtwuCount = value;
            return this;
        }

        /** Sets {@code total_ttwu_local}. */
        public Builder totalTtwuLocal(long value) {
            this.totalTtwuLocal = value;
            return this;
        }

        /** Builds the record, validating every component. */
        public SchedstatDeltas build() {
            return new SchedstatDeltas(totalRunDelay, runDelayRate, totalPcount, totalSchedCount, schedCountRate, totalYldCount, totalSchedGoidle, totalTtwuCount, totalTtwuLocal);
        }
    }
}
