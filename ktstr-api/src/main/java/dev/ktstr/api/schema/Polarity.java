package dev.ktstr.api.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * Which direction of a metric counts as a regression ({@code Polarity}). On disk the unit
 * variants are bare strings ({@code "HigherBetter"}) and the target form is
 * {@code {"TargetValue": <f64>}}.
 *
 * @param kind   the variant
 * @param target the target value; meaningful only for {@link Kind#TARGET_VALUE}, {@code 0.0} otherwise
 */
public record Polarity(Kind kind, double target) {
    /** The four variants. */
    public enum Kind {
        /** Larger is better. */
        HIGHER_BETTER("HigherBetter"),
        /** Smaller is better. */
        LOWER_BETTER("LowerBetter"),
        /** Closeness to {@link Polarity#target()} is better. */
        TARGET_VALUE("TargetValue"),
        /** No declared direction. */
        UNKNOWN("Unknown");

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        /**

         * The variant name as written in JSON.

         *

         * @return the name, e.g. {@code "Stdout"}

         */
        public String wireName() {
            return wireName;
        }

        /**

         * The variant with this exact (case-sensitive) JSON name.

         *

         * @param name the JSON name

         * @return the variant, or empty when no variant has that name

         */
        public static Optional<Kind> fromWireName(String name) {
            for (Kind k : values()) {
                if (k.wireName.equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** {@code "HigherBetter"}. */
    public static final Polarity HIGHER_BETTER = new Polarity(Kind.HIGHER_BETTER, 0.0);
    /** {@code "LowerBetter"}. */
    public static final Polarity LOWER_BETTER = new Polarity(Kind.LOWER_BETTER, 0.0);
    /** {@code "Unknown"}. */
    public static final Polarity UNKNOWN = new Polarity(Kind.UNKNOWN, 0.0);

    /**
     * Rejects a non-zero target on a unit variant, so equal polarities are equal records.
     *
     * @param kind   the variant
     * @param target the target of {@link Kind#TARGET_VALUE}, else {@code 0.0}
     * @throws IllegalArgumentException when a unit variant carries a non-zero target
     */
    public Polarity {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.TARGET_VALUE && Double.doubleToRawLongBits(target) != 0L) {
            throw new IllegalArgumentException("polarity " + kind.wireName() + " carries no target value, got " + target);
        }
    }

    /**
     * {@code {"TargetValue": target}}.
     *
     * @param target the target value
     * @return the polarity
     */
    public static Polarity targetValue(double target) {
        return new Polarity(Kind.TARGET_VALUE, target);
    }
}
