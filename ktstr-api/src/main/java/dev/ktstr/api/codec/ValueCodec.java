package dev.ktstr.api.codec;

import dev.ktstr.api.schema.MetricSource;
import dev.ktstr.api.schema.MetricStream;
import dev.ktstr.api.schema.Polarity;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Writers and readers of the schema's maps and enums, used by {@link SchemaCodec}. */
final class ValueCodec {
    private static final List<String> POLARITY = List.of("HigherBetter", "LowerBetter", "TargetValue", "Unknown");
    private static final List<String> SOURCE = List.of("Json", "LlmExtract");
    private static final List<String> STREAM = List.of("Stdout", "Stderr", "Synthesized");

    private ValueCodec() {
    }

    /** A string-keyed map; the records keep keys in UTF-8 byte order, which is the write order. */
    static <V> void writeMap(PrettyJson w, Map<String, V> map, Consumer<V> value) {
        w.beginObject();
        for (Map.Entry<String, V> e : map.entrySet()) {
            w.key(e.getKey());
            value.accept(e.getValue());
        }
        w.endObject();
    }

    /** A {@code BTreeMap<usize, _>}: keys in numeric order, each written as a decimal string. */
    static <V> void writeUsizeKeyMap(PrettyJson w, Map<Long, V> map, Consumer<V> value) {
        w.beginObject();
        for (Map.Entry<Long, V> e : map.entrySet()) {
            w.key(Long.toUnsignedString(e.getKey()));
            value.accept(e.getValue());
        }
        w.endObject();
    }

    static void writePolarity(PrettyJson w, Polarity p) {
        if (p.kind() == Polarity.Kind.TARGET_VALUE) {
            w.beginObject();
            w.key("TargetValue");
            w.f64(p.target());
            w.endObject();
        } else {
            w.string(p.kind().wireName());
        }
    }

    static void writeMetricSource(PrettyJson w, MetricSource s) {
        w.string(s.wireName());
    }

    static void writeMetricStream(PrettyJson w, MetricStream s) {
        w.string(s.wireName());
    }

    static Polarity readPolarity(JsonIn in) {
        return in.readEnum("Polarity", POLARITY, (name, hasPayload) -> {
            Polarity.Kind kind = Polarity.Kind.fromWireName(name).orElseThrow();
            if (kind == Polarity.Kind.TARGET_VALUE) {
                if (!hasPayload) {
                    throw in.newtypeAsUnit();
                }
                return Polarity.targetValue(in.readF64());
            }
            if (hasPayload) {
                in.readUnitPayload();
            }
            return new Polarity(kind, 0.0);
        });
    }

    static MetricSource readMetricSource(JsonIn in) {
        return in.readEnum("MetricSource", SOURCE, (name, hasPayload) -> {
            if (hasPayload) {
                in.readUnitPayload();
            }
            return MetricSource.fromWireName(name).orElseThrow();
        });
    }

    static MetricStream readMetricStream(JsonIn in) {
        return in.readEnum("MetricStream", STREAM, (name, hasPayload) -> {
            if (hasPayload) {
                in.readUnitPayload();
            }
            return MetricStream.fromWireName(name).orElseThrow();
        });
    }
}
