package dev.ktstr.report;

import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * One registered regression metric: its name, polarity, absolute gate (in its unit), default
 * relative gate (a fraction), display unit and how to read it from a row.
 */
public final class MetricDef {
    private final String name;
    private final MetricPolarity polarity;
    private final double defaultAbs;
    private final double defaultRel;
    private final String displayUnit;
    private final Function<GauntletRow, OptionalDouble> accessor;

    MetricDef(String name, MetricPolarity polarity, double defaultAbs, double defaultRel, String displayUnit,
            Function<GauntletRow, OptionalDouble> accessor) {
        this.name = Objects.requireNonNull(name);
        this.polarity = Objects.requireNonNull(polarity);
        this.defaultAbs = defaultAbs;
        this.defaultRel = defaultRel;
        this.displayUnit = Objects.requireNonNull(displayUnit);
        this.accessor = Objects.requireNonNull(accessor);
    }

    public String name() {
        return name;
    }

    public MetricPolarity polarity() {
        return polarity;
    }

    /** Absolute-delta gate, in the metric's unit; never tunable. */
    public double defaultAbs() {
        return defaultAbs;
    }

    /** Default relative gate, a fraction (0.25 = 25 %). */
    public double defaultRel() {
        return defaultRel;
    }

    /** Unit appended to deltas ({@code %}, {@code ms}, {@code µs}, {@code x}) or empty. */
    public String displayUnit() {
        return displayUnit;
    }

    /** {@code true} when an increase is a regression. */
    public boolean higherIsWorse() {
        return polarity == MetricPolarity.LOWER_BETTER;
    }

    /**
     * The metric's value on a row: the row field, or, when the accessor yields nothing (the
     * tail ratio below 100 iterations), the row's ext metric of the same name; else empty.
     */
    public OptionalDouble read(GauntletRow row) {
        OptionalDouble direct = accessor.apply(row);
        if (direct.isPresent()) {
            return direct;
        }
        Double ext = row.extMetrics().get(name);
        return ext == null ? OptionalDouble.empty() : OptionalDouble.of(ext);
    }

    @Override
    public String toString() {
        return name;
    }
}
