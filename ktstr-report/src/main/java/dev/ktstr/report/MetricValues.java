package dev.ktstr.report;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.ToLongFunction;

/**
 * A row's values of the registry metrics, in registry order, each held as its
 * {@link MetricDef.Kind} says (a u64 in a long's bits, an f64 as its raw bits). Immutable.
 */
public final class MetricValues {
    private final long[] bits;

    private MetricValues(long[] bits) {
        this.bits = bits;
    }

    /**
     * The values {@code bitsOf} gives for each registry metric.
     *
     * @param bitsOf a metric's value in held form ({@link Double#doubleToRawLongBits} for {@link MetricDef.Kind#F64})
     * @return the values
     */
    public static MetricValues of(ToLongFunction<MetricDef> bitsOf) {
        List<MetricDef> all = Metrics.all();
        long[] bits = new long[all.size()];
        for (MetricDef m : all) {
            bits[m.index()] = bitsOf.applyAsLong(m);
        }
        return new MetricValues(bits);
    }

    /**
     * A metric's value in held form.
     *
     * @param metric a registry metric
     * @return its bits
     */
    public long bits(MetricDef metric) {
        return bits[metric.index()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricValues other && Arrays.equals(bits, other.bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        for (MetricDef m : Metrics.all()) {
            out.add(m.name() + "=" + m.kind().toDouble(bits(m)));
        }
        return out.toString();
    }
}
