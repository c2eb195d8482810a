package dev.ktstr.api.schema;

import java.util.List;
import java.util.Objects;

/**
 * Metrics of one payload invocation.
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param payloadIndex {@code payload_index}: usize
 * @param metrics {@code metrics}: list of Metric
 * @param exitCode {@code exit_code}: i32
 */
public record PayloadMetrics(
        long payloadIndex,
        List<Metric> metrics,
        int exitCode) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public PayloadMetrics {
        metrics = List.copyOf(Objects.requireNonNull(metrics, "metrics"));
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.payloadIndex = payloadIndex;
        b.metrics = metrics;
        b.exitCode = exitCode;
        return b;
    }

    /** Mutable builder of {@link PayloadMetrics}; every setter rejects {@code null}. */
    public static final class Builder {
        private long payloadIndex = 0L;
        private List<Metric> metrics = List.of();
        private int exitCode = 0;

        private Builder() {
        }

        /** Sets {@code payload_index}. */
        public Builder payloadIndex(long value) {
            this.payloadIndex = value;
            return this;
        }

        /** Sets {@code metrics}. */
        public Builder metrics(List<Metric> value) {
            this.metrics = Objects.requireNonNull(value, "metrics");
            return this;
        }

        /** Sets {@code exit_code}. */
        public Builder exitCode(int value) {
            this.exitCode = value;
            return this;
        }

        /** Builds the record, validating every component. */
        public PayloadMetrics build() {
            return new PayloadMetrics(payloadIndex, metrics, exitCode);
        }
    }
}
