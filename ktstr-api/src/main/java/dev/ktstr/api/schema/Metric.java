package dev.ktstr.api.schema;

import java.util.Objects;

/**
 * One extracted payload metric.
 *
 * <p>Components are in JSON declaration order, which is also the order they are written
 * in. See the package documentation for how Rust types map to Java types.
 *
 * @param name {@code name}: string
 * @param value {@code value}: f64
 * @param polarity {@code polarity}: Polarity
 * @param unit {@code unit}: string
 * @param source {@code source}: MetricSource
 * @param stream {@code stream}: MetricStream
 */
public record Metric(
        String name,
        double value,
        Polarity polarity,
        String unit,
        MetricSource source,
        MetricStream stream) {

    /** Checks every component and takes immutable, correctly ordered copies of collections. */
    public Metric {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(polarity, "polarity");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(stream, "stream");
    }

    /** A builder starting from empty values: {@code ""}, zero, {@code false}, empty lists and maps, empty optionals. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this record's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.name = name;
        b.value = value;
        b.polarity = polarity;
        b.unit = unit;
        b.source = source;
        b.stream = stream;
        return b;
    }

    /** Mutable builder of {@link Metric}; every setter rejects {@code null}. */
    public static final class Builder {
        private String name = "";
        private double value = 0.0;
        private Polarity polarity = Polarity.UNKNOWN;
        private String unit = "";
        private MetricSource source = MetricSource.JSON;
        private MetricStream stream = MetricStream.STDOUT;

        private Builder() {
        }

        /** Sets {@code name}. */
        public Builder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** Sets {@code value}. */
        public Builder value(double value) {
            this.value = value;
            return this;
        }

        /** Sets {@code polarity}. */
        public Builder polarity(Polarity value) {
            this.polarity = Objects.requireNonNull(value, "polarity");
            return this;
        }

        /** Sets {@code unit}. */
        public Builder unit(String value) {
            this.unit = Objects.requireNonNull(value, "unit");
            return this;
        }

        /** Sets {@code source}. */
        public Builder source(MetricSource value) {
            this.source = Objects.requireNonNull(value, "source");
            return this;
        }

        /** Sets {@code stream}. */
        public Builder stream(MetricStream value) {
            this.stream = Objects.requireNonNull(value, "stream");
            return this;
        }

        /** Builds the record, validating every component. */
        public Metric build() {
            return new Metric(name, value, polarity, unit, source, stream);
        }
    }
}
