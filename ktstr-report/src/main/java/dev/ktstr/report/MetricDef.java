package dev.ktstr.report;

import dev.ktstr.api.schema.SidecarResult;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * One registered regression metric: its name, polarity, absolute gate (in its unit), default
 * relative gate (a fraction), display unit, the Rust type it has on upstream's row, where a
 * sidecar holds it, and when a row's value is readable.
 */
public final class MetricDef {
    /** The Rust type of the metric on upstream's {@code GauntletRow}: how it is held and averaged. */
    public enum Kind {
        /** {@code f64}; a non-finite sidecar value becomes 0.0 with a warning. */
        F64,
        /** {@code u64}, held in a long's bits; averaged with {@code f64::round}, saturating. */
        U64,
        /** {@code u32}; averaged like {@link #U64}, then capped at {@code u32::MAX}. */
        U32,
        /** {@code i64}; averaged with {@code f64::round}, saturating. */
        I64;

        /**
         * A held value as a double.
         *
         * @param bits the value as {@link MetricValues} holds it (a double's raw bits for {@link #F64})
         * @return the value
         */
        public double toDouble(long bits) {
            return switch (this) {
                case F64 -> Double.longBitsToDouble(bits);
                case U64 -> dev.ktstr.api.schema.U64.toDouble(bits); // qualified: U64 here is the constant
                case U32, I64 -> (double) bits;
            };
        }
    }

    private final int index;
    private final String name;
    private final MetricPolarity polarity;
    private final double defaultAbs;
    private final double defaultRel;
    private final String displayUnit;
    private final Kind kind;
    private final String rowField;
    private final ToLongFunction<SidecarResult> extract;
    private final Predicate<GauntletRow> readable;

    MetricDef(int index, String name, MetricPolarity polarity, double defaultAbs, double defaultRel,
            String displayUnit, Kind kind, String rowField, ToLongFunction<SidecarResult> extract,
            Predicate<GauntletRow> readable) {
        this.index = index;
        this.name = Objects.requireNonNull(name);
        this.polarity = Objects.requireNonNull(polarity);
        this.defaultAbs = defaultAbs;
        this.defaultRel = defaultRel;
        this.displayUnit = Objects.requireNonNull(displayUnit);
        this.kind = Objects.requireNonNull(kind);
        this.rowField = Objects.requireNonNull(rowField);
        this.extract = Objects.requireNonNull(extract);
        this.readable = Objects.requireNonNull(readable);
    }

    /**
     * The registry name.
     *
     * @return e.g. {@code worst_spread}
     */
    public String name() {
        return name;
    }

    /**
     * Which direction is better.
     *
     * @return the polarity
     */
    public MetricPolarity polarity() {
        return polarity;
    }

    /**
     * Absolute-delta gate, in the metric's unit; never tunable.
     *
     * @return the gate
     */
    public double defaultAbs() {
        return defaultAbs;
    }

    /**
     * Default relative gate, a fraction (0.25 = 25 %).
     *
     * @return the gate
     */
    public double defaultRel() {
        return defaultRel;
    }

    /**
     * Unit appended to deltas ({@code %}, {@code ms}, {@code µs}, {@code x}) or empty.
     *
     * @return the unit
     */
    public String displayUnit() {
        return displayUnit;
    }

    /**
     * The Rust type of the metric on upstream's row.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The field's name on upstream's {@code GauntletRow}, which its non-finite warning names
     * ({@code spread} for {@code worst_spread}).
     *
     * @return the field name
     */
    public String rowField() {
        return rowField;
    }

    /**
     * {@code true} when an increase is a regression.
     *
     * @return whether higher is worse
     */
    public boolean higherIsWorse() {
        return polarity == MetricPolarity.LOWER_BETTER;
    }

    /** Position in the registry, and so in {@link MetricValues}. */
    int index() {
        return index;
    }

    /** The value as a sidecar holds it, in {@link MetricValues}' form (raw bits for {@link Kind#F64}). */
    long extract(SidecarResult sidecar) {
        return extract.applyAsLong(sidecar);
    }

    /**
     * The row's value of this metric, as a double (a u64 read unsigned).
     *
     * @param row the row
     * @return the value the row holds
     */
    public double value(GauntletRow row) {
        return kind.toDouble(row.values().bits(this));
    }

    /**
     * The metric's value on a row for comparisons: the row's value, or, when it is not readable
     * (the tail ratio below 100 iterations), the row's ext metric of the same name; else empty.
     *
     * @param row the row
     * @return the value, if any
     */
    public OptionalDouble read(GauntletRow row) {
        if (readable.test(row)) {
            return OptionalDouble.of(value(row));
        }
        Double ext = row.extMetrics().get(name);
        return ext == null ? OptionalDouble.empty() : OptionalDouble.of(ext);
    }

    @Override
    public String toString() {
        return name;
    }
}
