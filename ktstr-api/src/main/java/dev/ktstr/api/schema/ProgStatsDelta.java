package dev.ktstr.api.schema;

import java.util.Objects;

/**
 * BPF callback profile of one program over the monitoring window.
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param name {@code name}: string
 * @param cnt {@code cnt}: u64
 * @param nsecs {@code nsecs}: u64
 * @param nsecsPerCall {@code nsecs_per_call}: f64
 */
public record ProgStatsDelta(
        String name,
        long cnt,
        long nsecs,
        double nsecsPerCall) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public ProgStatsDelta {
        Objects.requireNonNull(name, "name");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.cnt = cnt;
        b.nsecs = nsecs;
        b.nsecsPerCall = nsecsPerCall;
        return b;
    }

    /** Mutable builder of {@link ProgStatsDelta}; every setter rejects {@code null}. */
    public static final class Builder {
        private String name = "";
        private long cnt = 0L;
        private long nsecs = 0L;
        private double nsecsPerCall = 0.0;

        private Builder() {
        }

        /** Sets {@code name}. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Sets {@code cnt}. */
        public Builder cnt(long value) {
            this.cnt = value;
            return this;
        }

        /** Sets {@code nsecs}. */
        public Builder nsecs(long value) {
            this.nsecs = value;
            return this;
        }

        /** Sets {@code nsecs_per_call}. */
        public Builder nsecsPerCall(double value) {
            this.nsecsPerCall = value;
            return this;
        }

        /** Builds the record, validating every component. */
        public ProgStatsDelta build() {
            return new ProgStatsDelta(name, cnt, nsecs, nsecsPerCall);
        }
    }
}
