package dev.ktstr.report.compare;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.ktstr.report.MetricDef;
import dev.ktstr.report.Metrics;
import dev.ktstr.report.ReportException;
import dev.ktstr.report.text.RustFormat;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Relative-gate overrides, in percent: per metric, then a default, then the registry's
 * {@code default_rel}. The absolute gate is never tunable.
 *
 * @param defaultPercent uniform override in percent, or NaN-free empty
 * @param perMetricPercent overrides by registry name, in percent
 */
public record ComparisonPolicy(OptionalDouble defaultPercent, SortedMap<String, Double> perMetricPercent) {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    public ComparisonPolicy {
        Objects.requireNonNull(defaultPercent, "defaultPercent");
        TreeMap<String, Double> copy = new TreeMap<>(RustFormat::compareUtf8);
        copy.putAll(perMetricPercent);
        perMetricPercent = Collections.unmodifiableSortedMap(copy);
    }

    /** No overrides: every metric uses its registry default. */
    public static ComparisonPolicy empty() {
        return new ComparisonPolicy(OptionalDouble.empty(), new TreeMap<>());
    }

    /** {@code --threshold p}: one relative gate of {@code p} percent for every metric, validated. */
    public static ComparisonPolicy uniform(double percent) {
        ComparisonPolicy p = new ComparisonPolicy(OptionalDouble.of(percent), new TreeMap<>());
        p.validate();
        return p;
    }

    /** The relative gate (a fraction) for one metric. */
    public double relThreshold(MetricDef metric) {
        Double p = perMetricPercent.get(metric.name());
        if (p != null) {
            return p / 100.0;
        }
        if (defaultPercent.isPresent()) {
            return defaultPercent.getAsDouble() / 100.0;
        }
        return metric.defaultRel();
    }

    /** Where the relative gate of a metric came from: {@code policy}, {@code default} or {@code registry}. */
    public String relThresholdSource(MetricDef metric) {
        if (perMetricPercent.containsKey(metric.name())) {
            return "per_metric_percent";
        }
        return defaultPercent.isPresent() ? "default_percent" : "registry";
    }

    /**
     * Rejects a negative default, an unknown metric name or a negative per-metric value, with
     * upstream's messages (keys checked in byte order).
     */
    public void validate() {
        if (defaultPercent.isPresent() && defaultPercent.getAsDouble() < 0.0) {
            throw new ReportException("ComparisonPolicy: default_percent must be non-negative; got "
                    + RustFormat.display(defaultPercent.getAsDouble()) + ". Thresholds are absolute-value comparisons"
                    + " \u2014 a negative value would invert the dual-gate logic and silently classify every delta"
                    + " as significant.");
        }
        for (Map.Entry<String, Double> e : perMetricPercent.entrySet()) {
            if (Metrics.byName(e.getKey()).isEmpty()) {
                throw new ReportException("ComparisonPolicy: per_metric_percent contains unknown metric `" + e.getKey()
                        + "`. A typo in the key would silently fall through to default_percent. Registered metrics: "
                        + Metrics.namesJoined());
            }
            if (e.getValue() < 0.0) {
                throw new ReportException("ComparisonPolicy: per_metric_percent[" + rustDebug(e.getKey())
                        + "] must be non-negative; got " + RustFormat.display(e.getValue()));
            }
        }
    }

    /**
     * Parses and validates a policy file's text; {@code path} only labels the messages
     * ({@code parse comparison policy from {path}: ...}, {@code validate comparison policy from
     * {path}: ...}). The caller reads the file and wraps read failures itself.
     */
    public static ComparisonPolicy load(String path, String text) {
        ComparisonPolicy policy;
        try {
            policy = parse(text);
        } catch (ReportException e) {
            throw new ReportException("parse comparison policy from " + path + ": " + e.getMessage());
        }
        try {
            policy.validate();
        } catch (ReportException e) {
            throw new ReportException("validate comparison policy from " + path + ": " + e.getMessage());
        }
        return policy;
    }

    /**
     * Parses a policy JSON object: keys {@code default_percent} (number or null) and
     * {@code per_metric_percent} (object of numbers), both optional, any other key rejected.
     * Messages follow serde's wording; line/column come from the streaming parser.
     */
    public static ComparisonPolicy parse(String text) {
        try (JsonParser p = JSON.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw error(p, "EOF while parsing a value");
            }
            if (t != JsonToken.START_OBJECT) {
                throw error(p, "invalid type: " + describe(p, t) + ", expected struct ComparisonPolicy");
            }
            OptionalDouble def = OptionalDouble.empty();
            TreeMap<String, Double> per = new TreeMap<>(RustFormat::compareUtf8);
            boolean seenDefault = false;
            boolean seenPer = false;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                t = p.nextToken();
                switch (name) {
                    case "default_percent" -> {
                        if (seenDefault) {
                            throw error(p, "duplicate field `default_percent`");
                        }
                        seenDefault = true;
                        def = t == JsonToken.VALUE_NULL ? OptionalDouble.empty() : OptionalDouble.of(number(p, t));
                    }
                    case "per_metric_percent" -> {
                        if (seenPer) {
                            throw error(p, "duplicate field `per_metric_percent`");
                        }
                        seenPer = true;
                        if (t != JsonToken.START_OBJECT) {
                            throw error(p, "invalid type: " + describe(p, t) + ", expected a map");
                        }
                        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                            String metric = p.currentName();
                            per.put(metric, number(p, p.nextToken()));
                        }
                    }
                    default -> throw error(p, "unknown field `" + name
                            + "`, expected `default_percent` or `per_metric_percent`");
                }
            }
            if (p.nextToken() != null) {
                throw error(p, "trailing characters");
            }
            return new ComparisonPolicy(def, per);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String msg = e.getOriginalMessage();
            throw new ReportException(loc == null ? msg
                    : msg + " at line " + loc.getLineNr() + " column " + loc.getColumnNr());
        } catch (IOException e) {
            throw new ReportException("reading policy text failed: " + e.getMessage());
        }
    }

    /** Rust's {@code {:?}} of a string: quoted, with quotes, backslashes and controls escaped. */
    static String rustDebug(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0 -> out.append("\\0");
                default -> {
                    if (cp < 0x20 || cp == 0x7F) {
                        out.append("\\u{").append(Integer.toHexString(cp)).append('}');
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    private static double number(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDoubleValue();
        }
        throw error(p, "invalid type: " + describe(p, t) + ", expected f64");
    }

    private static String describe(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> "string " + rustDebug(p.getText());
            case VALUE_TRUE -> "boolean `true`";
            case VALUE_FALSE -> "boolean `false`";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "sequence";
            case START_OBJECT -> "map";
            case VALUE_NUMBER_INT -> "integer `" + p.getText() + "`";
            case VALUE_NUMBER_FLOAT -> "floating point `" + p.getText() + "`";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private static ReportException error(JsonParser p, String message) {
        JsonLocation loc = p.currentLocation();
        return new ReportException(message + " at line " + loc.getLineNr() + " column " + loc.getColumnNr());
    }

    /** The policy's overrides, for JSON output. */
    Optional<Double> defaultPercentBoxed() {
        return defaultPercent.isPresent() ? Optional.of(defaultPercent.getAsDouble()) : Optional.empty();
    }
}
