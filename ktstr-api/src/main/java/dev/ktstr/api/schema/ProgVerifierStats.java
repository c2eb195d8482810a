package dev.ktstr.api.schema;

import java.util.Objects;

/**
 * Verifier statistics of one struct_ops BPF program.
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param name {@code name}: string
 * @param verifiedInsns {@code verified_insns}: u32. u32 range.
 */
public record ProgVerifierStats(
        String name,
        long verifiedInsns) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public ProgVerifierStats {
        Objects.requireNonNull(name, "name");
        U64.checkU32(verifiedInsns, "verifiedInsns");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.verifiedInsns = verifiedInsns;
        return b;
    }

    /** Mutable builder of {@link ProgVerifierStats}; every setter rejects {@code null}. */
    public static final class Builder {
        private String name = "";
        private long verifiedInsns = 0L;

        private Builder() {
        }

        /** Sets {@code name}. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Sets {@code verified_insns}. */
        public Builder verifiedInsns(long value) {
            this.verifiedInsns = value;
            return this;
        }

        /** Builds the record, validating every component. */
        public ProgVerifierStats build() {
            return new ProgVerifierStats(name, verifiedInsns);
        }
    }
}
