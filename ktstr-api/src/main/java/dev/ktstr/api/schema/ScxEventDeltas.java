package dev.ktstr.api.schema;

import java.util.Objects;

/**
 * sched_ext event counter deltas over the monitoring window (signed).
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param totalFallback {@code total_fallback}: i64
 * @param fallbackRate {@code fallback_rate}: f64
 * @param maxFallbackBurst {@code max_fallback_burst}: i64
 * @param totalDispatchOffline {@code total_dispatch_offline}: i64
 * @param totalDispatchKeepLast {@code total_dispatch_keep_last}: i64
 * @param keepLastRate {@code keep_last_rate}: f64
 * @param totalEnqSkipExiting {@code total_enq_skip_exiting}: i64
 * @param totalEnqSkipMigrationDisabled {@code total_enq_skip_migration_disabled}: i64
 * @param totalReenqImmed {@code total_reenq_immed}: i64
 * @param totalReenqLocalRepeat {@code total_reenq_local_repeat}: i64
 * @param totalRefillSliceDfl {@code total_refill_slice_dfl}: i64
 * @param totalBypassDuration {@code total_bypass_duration}: i64
 * @param totalBypassDispatch {@code total_bypass_dispatch}: i64
 * @param totalBypassActivate {@code total_bypass_activate}: i64
 * @param totalInsertNotOwned {@code total_insert_not_owned}: i64
 * @param totalSubBypassDispatch {@code total_sub_bypass_dispatch}: i64
 */
public record ScxEventDeltas(
        long totalFallback,
        double fallbackRate,
        long maxFallbackBurst,
        long totalDispatchOffline,
        long totalDispatchKeepLast,
        double keepLastRate,
        long totalEnqSkipExiting,
        long totalEnqSkipMigrationDisabled,
        long totalReenqImmed,
        long totalReenqLocalRepeat,
        long totalRefillSliceDfl,
        long totalBypassDuration,
        long totalBypassDispatch,
        long totalBypassActivate,
        long totalInsertNotOwned,
        long totalSubBypassDispatch) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public ScxEventDeltas {
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.totalFallback = totalFallback;
        b.fallbackRate = fallbackRate;
        b.maxFallbackBurst = maxFallbackBurst;
        b.totalDispatchOffline = totalDispatchOffline;
        b.totalDispatchKeepLast = totalDispatchKeepLast;
        b.keepLastRate = keepLastRate;
        b.totalEnqSkipExiting = totalEnqSkipExiting;
        b.totalEnqSkipMigrationDisabled = totalEnqSkipMigrationDisabled;
        b.totalReenqImmed = totalReenqImmed;
        b.totalReenqLocalRepeat = totalReenqLocalRepeat;
        b.totalRefillSliceDfl = totalRefillSliceDfl;
        b.totalBypassDuration = totalBypassDuration;
        b.totalBypassDispatch = totalBypassDispatch;
        b.totalBypassActivate = totalBypassActivate;
        b.totalInsertNotOwned = totalInsertNotOwned;
        b.totalSubBypassDispatch = totalSubBypassDispatch;
        return b;
    }

    /** Mutable builder of {@link ScxEventDeltas}; every setter rejects {@code null}. */
    public static final class Builder {
        private long totalFallback = 0L;
        private double fallbackRate = 0.0;
        private long maxFallbackBurst = 0L;
        private long totalDispatchOffline = 0L;
        private long totalDispatchKeepLast = 0L;
        private double keepLastRate = 0.0;
        private long totalEnqSkipExiting = 0L;
        private long totalEnqSkipMigrationDisabled = 0L;
        private long totalReenqImmed = 0L;
        private long totalReenqLocalRepeat = 0L;
        private long totalRefillSliceDfl = 0L;
        private long totalBypassDuration = 0L;
        private long totalBypassDispatch = 0L;
        private long totalBypassActivate = 0L;
        private long totalInsertNotOwned = 0L;
        private long totalSubBypassDispatch = 0L;

        private Builder() {
        }

        /** Sets {@code total_fallback}. */
        public Builder totalFallback(long value) {
            this.totalFallback = value;
            return this;
        }

        /** Sets {@code fallback_rate}. */
        public Builder fallbackRate(double value) {
            this.fallbackRate = value;
            return this;
        }

        /** Sets {@code max_fallback_burst}. */
        public Builder maxFallbackBurst(long value) {
            this.maxFallbackBurst = value;
            return this;
        }

        /** Sets {@code total_dispatch_offline}. */
        public Builder totalDispatchOffline(long value) {
            this.totalDispatchOffline = value;
            return this;
        }

        /** Sets {@code total_dispatch_keep_last}. */
        public Builder totalDispatchKeepLast(long value) {
            this.totalDispatchKeepLast = value;
            return this;
        }

        /** Sets {@code keep_last_rate}. */
        public Builder keepLastRate(double value) {
            this.keepLastRate = value;
            return this;
        }

        /** Sets {@code total_enq_skip_exiting}. */
        public Builder totalEnqSkipExiting(long value) {
            this.totalEnqSkipExiting = value;
            return this;
        }

        /** Sets {@code total_enq_skip_migration_disabled}. */
        public Builder totalEnqSkipMigrationDisabled(long value) {
            this.totalEnqSkipMigrationDisabled = value;
            return this;
        }

        /** Sets {@code total_reenq_immed}. */
        public Builder totalReenqImmed(long value) {
            this.totalReenqImmed = value;
            return this;
        }

        /** Sets {@code total_reenq_local_repeat}. */
        public Builder totalReenqLocalRepeat(long value) {
            this.totalReenqLocalRepeat = value;
            return this;
        }

        /** Sets {@code total_refill_slice_dfl}. */
        public Builder totalRefillSliceDfl(long value) {
            this.totalRefillSliceDfl = value;
            return this;
        }

        /** Sets {@code total_bypass_duration}. */
        public Builder totalBypassDuration(long value) {
            this.totalBypassDuration = value;
            return this;
        }

        /** Sets {@code total_bypass_dispatch}. */
        public Builder totalBypassDispatch(long value) {
            this.totalBypassDispatch = value;
            return this;
        }

        /** Sets {@code total_bypass_activate}. */
        public Builder totalBypassActivate(long value) {
            this.totalBypassActivate = value;
            return this;
        }

        /** Sets {@code total_insert_not_owned}. */
        public Builder totalInsertNotOwned(long value) {
            this.totalInsertNotOwned = value;
            return this;
        }

        /** Sets {@code total_sub_bypass_dispatch}. */
        public Builder totalSubBypassDispatch(long value) {
            this.totalSubBypassDispatch = value;
            return this;
        }

        /** Builds the record, validating every component. */
        public ScxEventDeltas build() {
            return new ScxEventDeltas(totalFallback, fallbackRate, maxFallbackBurst, totalDispatchOffline, totalDispatchKeepLast, keepLastRate, totalEnqSkipExiting, totalEnqSkipMigrationDisabled, totalReenqImmed, totalReenqLocalRepeat, totalRefillSliceDfl, totalBypassDuration, totalBypassDispatch, totalBypassActivate, totalInsertNotOwned, totalSubBypassDispatch);
        }
    }
}
