package dev.ktstr.api.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Host-side monitor summary ({@code MonitorSummary}).
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param totalSamples {@code total_samples}: usize
 * @param maxImbalanceRatio {@code max_imbalance_ratio}: f64
 * @param maxLocalDsqDepth {@code max_local_dsq_depth}: u32. u32 range.
 * @param stallDetected {@code stall_detected}: bool
 * @param avgImbalanceRatio {@code avg_imbalance_ratio}: f64
 * @param avgNrRunning {@code avg_nr_running}: f64
 * @param avgLocalDsqDepth {@code avg_local_dsq_depth}: f64
 * @param eventDeltas {@code event_deltas}: optional ScxEventDeltas (omitted when empty, optional on read). sched_ext event counter deltas; omitted when empty.
 * @param schedstatDeltas {@code schedstat_deltas}: optional SchedstatDeltas (omitted when empty, optional on read). schedstat deltas; omitted when empty.
 * @param progStatsDeltas {@code prog_stats_deltas}: optional list of ProgStatsDelta (omitted when empty, optional on read). Per-program BPF profile; omitted when empty, {@code []} when present but empty.
 */
public record MonitorSummary(
        long totalSamples,
        double maxImbalanceRatio,
        long maxLocalDsqDepth,
        boolean stallDetected,
        double avgImbalanceRatio,
        double avgNrRunning,
        double avgLocalDsqDepth,
        Optional<ScxEventDeltas> eventDeltas,
        Optional<SchedstatDeltas> schedstatDeltas,
        Optional<List<ProgStatsDelta>> progStatsDeltas) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public MonitorSummary {
        U64.checkU32(maxLocalDsqDepth, "maxLocalDsqDepth");
        Objects.requireNonNull(eventDeltas, "eventDeltas");
        Objects.requireNonNull(schedstatDeltas, "schedstatDeltas");
        progStatsDeltas = Objects.requireNonNull(progStatsDeltas, "progStatsDeltas").map(List::copyOf);
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.totalSamples = totalSamples;
        b.maxImbalanceRatio = maxImbalanceRatio;
        b.maxLocalDsqDepth = maxLocalDsqDepth;
        b.stallDetected = stallDetected;
        b.avgImbalanceRatio = avgImbalanceRatio;
        b.avgNrRunning = avgNrRunning;
        b.avgLocalDsqDepth = avgLocalDsqDepth;
        b.eventDeltas = eventDeltas;
        b.schedstatDeltas = schedstatDeltas;
        b.progStatsDeltas = progStatsDeltas;
        return b;
    }

    /** Mutable builder of {@link MonitorSummary}; every setter rejects {@code null}. */
    public static final class Builder {
        private long totalSamples = 0L;
        private double maxImbalanceRatio = 0.0;
        private long maxLocalDsqDepth = 0L;
        private boolean stallDetected = false;
        private double avgImbalanceRatio = 0.0;
        private double avgNrRunning = 0.0;
        private double avgLocalDsqDepth = 0.0;
        private Optional<ScxEventDeltas> eventDeltas = Optional.empty();
        private Optional<SchedstatDeltas> schedstatDeltas = Optional.empty();
        private Optional<List<ProgStatsDelta>> progStatsDeltas = Optional.empty();

        private Builder() {
        }

        /** Sets {@code total_samples}. */
        public Builder totalSamples(long value) {
            this.totalSamples = value;
            return this;
        }

        /** Sets {@code max_imbalance_ratio}. */
        public Builder maxImbalanceRatio(double value) {
            this.maxImbalanceRatio = value;
            return this;
        }

        /** Sets {@code max_local_dsq_depth}. */
        public Builder maxLocalDsqDepth(long value) {
            this.maxLocalDsqDepth = value;
            return this;
        }

        /** Sets {@code stall_detected}. */
        public Builder stallDetected(boolean value) {
            this.stallDetected = value;
            return this;
        }

        /** Sets {@code avg_imbalance_ratio}. */
        public Builder avgImbalanceRatio(double value) {
            this.avgImbalanceRatio = value;
            return this;
        }

        /** Sets {@code avg_nr_running}. */
        public Builder avgNrRunning(double value) {
            this.avgNrRunning = value;
            return this;
        }

        /** Sets {@code avg_local_dsq_depth}. */
        public Builder avgLocalDsqDepth(double value) {
            this.avgLocalDsqDepth = value;
            return this;
        }

        /** Sets {@code event_deltas}. */
        public Builder eventDeltas(Optional<ScxEventDeltas> value) {
            this.eventDeltas = Objects.requireNonNull(value, "eventDeltas");
            return this;
        }

        /** Sets {@code event_deltas} to a present value. */
        public Builder eventDeltas(ScxEventDeltas value) {
            this.eventDeltas = Optional.of(Objects.requireNonNull(value, "eventDeltas"));
            return this;
        }

        /** Sets {@code schedstat_deltas}. */
        public Builder schedstatDeltas(Optional<SchedstatDeltas> value) {
            this.schedstatDeltas = Objects.requireNonNull(value, "schedstatDeltas");
            return this;
        }

        /** Sets {@code schedstat_deltas} to a present value. */
        public Builder schedstatDeltas(SchedstatDeltas value) {
            this.schedstatDeltas = Optional.of(Objects.requireNonNull(value, "schedstatDeltas"));
            return this;
        }

        /** Sets {@code prog_stats_deltas}. */
        public Builder progStatsDeltas(Optional<List<ProgStatsDelta>> value) {
            this.progStatsDeltas = Objects.requireNonNull(value, "progStatsDeltas");
            return this;
        }

        /** Sets {@code prog_stats_deltas} to a present value. */
        public Builder progStatsDeltas(List<ProgStatsDelta> value) {
            this.progStatsDeltas = Optional.of(Objects.requireNonNull(value, "progStatsDeltas"));
            return this;
        }

        /** Builds the record, validating every component. */
        public MonitorSummary build() {
            return new MonitorSummary(totalSamples, maxImbalanceRatio, maxLocalDsqDepth, stallDetected, avgImbalanceRatio, avgNrRunning, avgLocalDsqDepth, eventDeltas, schedstatDeltas, progStatsDeltas);
        }
    }
}
