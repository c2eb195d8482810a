package dev.ktstr.api.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * jemalloc heap state of the host process; every key is optional.
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param activeBytes {@code active_bytes}: optional u64 (omitted when empty, optional on read)
 * @param allocatedBytes {@code allocated_bytes}: optional u64 (omitted when empty, optional on read)
 * @param residentBytes {@code resident_bytes}: optional u64 (omitted when empty, optional on read)
 * @param mappedBytes {@code mapped_bytes}: optional u64 (omitted when empty, optional on read)
 * @param narenas {@code narenas}: optional usize (omitted when empty, optional on read)
 */
public record HostHeapState(
        Optional<Long> activeBytes,
        Optional<Long> allocatedBytes,
        Optional<Long> residentBytes,
        Optional<Long> mappedBytes,
        Optional<Long> narenas) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public HostHeapState {
        Objects.requireNonNull(activeBytes, "activeBytes");
        Objects.requireNonNull(allocatedBytes, "allocatedBytes");
        Objects.requireNonNull(residentBytes, "residentBytes");
        Objects.requireNonNull(mappedBytes, "mappedBytes");
        Objects.requireNonNull(narenas, "narenas");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.activeBytes = activeBytes;
        b.allocatedBytes = allocatedBytes;
        b.residentBytes = residentBytes;
        b.mappedBytes = mappedBytes;
        b.narenas = narenas;
        return b;
    }

    /** Mutable builder of {@link HostHeapState}; every setter rejects {@code null}. */
    public static final class Builder {
        private Optional<Long> activeBytes = Optional.empty();
        private Optional<Long> allocatedBytes = Optional.empty();
        private Optional<Long> residentBytes = Optional.empty();
        private Optional<Long> mappedBytes = Optional.empty();
        private Optional<Long> narenas = Optional.empty();

        private Builder() {
        }

        /** Sets {@code active_bytes}. */
        public Builder activeBytes(Optional<Long> value) {
            this.activeBytes = Objects.requireNonNull(value, "activeBytes");
            return this;
        }

        /** Sets {@code active_bytes} to a present value. */
        public Builder activeBytes(long value) {
            this.activeBytes = Optional.of(value);
            return this;
        }

        /** Sets {@code allocated_bytes}. */
        public Builder allocatedBytes(Optional<Long> value) {
            this.allocatedBytes = Objects.requireNonNull(value, "allocatedBytes");
            return this;
        }

        /** Sets {@code allocated_bytes} to a present value. */
        public Builder allocatedBytes(long value) {
            this.allocatedBytes = Optional.of(value);
            return this;
        }

        /** Sets {@code resident_bytes}. */
        public Builder residentBytes(Optional<Long> value) {
            this.residentBytes = Objects.requireNonNull(value, "residentBytes");
            return this;
        }

        /** Sets {@code resident_bytes} to a present value. */
        public Builder residentBytes(long value) {
            this.residentBytes = Optional.of(value);
            return this;
        }

        /** Sets {@code mapped_bytes}. */
        public Builder mappedBytes(Optional<Long> value) {
            this.mappedBytes = Objects.requireNonNull(value, "mappedBytes");
            return this;
        }

        /** Sets {@code mapped_bytes} to a present value. */
        public Builder mappedBytes(long value) {
            this.mappedBytes = Optional.of(value);
            return this;
        }

        /** Sets {@code narenas}. */
        public Builder narenas(Optional<Long> value) {
            this.narenas = Objects.requireNonNull(value, "narenas");
            return this;
        }

        /** Sets {@code narenas} to a present value. */
        public Builder narenas(long value) {
            this.narenas = Optional.of(value);
            return this;
        }

        /** Builds the record, validating every component. */
        public HostHeapState build() {
            return new HostHeapState(activeBytes, allocatedBytes, residentBytes, mappedBytes, narenas);
        }
    }
}
