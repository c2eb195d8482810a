package dev.ktstr.api.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * One step-boundary event reported by the guest.
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param elapsedMs {@code elapsed_ms}: u64
 * @param label {@code label}: string
 * @param opKind {@code op_kind}: optional string (optional on read)
 * @param detail {@code detail}: optional string (optional on read)
 * @param totalIterations {@code total_iterations}: optional u64 (optional on read)
 */
public record StimulusEvent(
        long elapsedMs,
        String label,
        Optional<String> opKind,
        Optional<String> detail,
        Optional<Long> totalIterations) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public StimulusEvent {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(opKind, "opKind");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(totalIterations, "totalIterations");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.elapsedMs = elapsedMs;
        b.label = label;
        b.opKind = opKind;
        b.detail = detail;
        b.totalIterations = totalIterations;
        return b;
    }

    /** Mutable builder of {@link StimulusEvent}; every setter rejects {@code null}. */
    public static final class Builder {
        private long elapsedMs = 0L;
        private String label = "";
        private Optional<String> opKind = Optional.empty();
        private Optional<String> detail = Optional.empty();
        private Optional<Long> totalIterations = Optional.empty();

        private Builder() {
        }

        /** Sets {@code elapsed_ms}. */
        public Builder elapsedMs(long value) {
            this.elapsedMs = value;
            return this;
        }

        /** Sets {@code label}. */
        public Builder label(String value) {
            this.label = Objects.requireNonNull(value, "label");
            return this;
        }

        /** Sets {@code op_kind}. */
        public Builder opKind(Optional<String> value) {
            this.opKind = Objects.requireNonNull(value, "opKind");
            return this;
        }

        /** Sets {@code op_kind} to a present value. */
        public Builder opKind(String value) {
            this.opKind = Optional.of(Objects.requireNonNull(value, "opKind"));
            return this;
        }

        /** Sets {@code detail}. */
        public Builder detail(Optional<String> value) {
            this.detail = Objects.requireNonNull(value, "detail");
            return this;
        }

        /** Sets {@code detail} to a present value. */
        public Builder detail(String value) {
            this.detail = Optional.of(Objects.requireNonNull(value, "detail"));
            return this;
        }

        /** Sets {@code total_iterations}. */
        public Builder totalIterations(Optional<Long> value) {
            this.totalIterations = Objects.requireNonNull(value, "totalIterations");
            return this;
        }

        /** Sets {@code total_iterations} to a present value. */
        public Builder totalIterations(long value) {
            this.totalIterations = Optional.of(value);
            return this;
        }

        /** Builds the record, validating every component. */
        public StimulusEvent build() {
            return new StimulusEvent(elapsedMs, label, opKind, detail, totalIterations);
        }
    }
}
