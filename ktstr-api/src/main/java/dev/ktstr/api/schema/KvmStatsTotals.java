package dev.ktstr.api.schema;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * KVM statistics per vCPU (index = vCPU id).
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param perVcpu {@code per_vcpu}: list of map string to u64. Counter name to value (u64 bits); written in UTF-8 byte order of the keys.
 */
public record KvmStatsTotals(
        List<Map<String, Long>> perVcpu) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public KvmStatsTotals {
        perVcpu = SchemaMaps.listByUtf8(perVcpu, "perVcpu");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.perVcpu = perVcpu;
        return b;
    }

    /** Mutable builder of {@link KvmStatsTotals}; every setter rejects {@code null}. */
    public static final class Builder {
        private List<Map<String, Long>> perVcpu = List.of();

        private Builder() {
        }

        /** Sets {@code per_vcpu}. */
        public Builder perVcpu(List<Map<String, Long>> value) {
            this.perVcpu = Objects.requireNonNull(value, "perVcpu");
            return this;
        }

        /** Builds the record, validating every component. */
        public KvmStatsTotals build() {
            return new KvmStatsTotals(perVcpu);
        }
    }
}
