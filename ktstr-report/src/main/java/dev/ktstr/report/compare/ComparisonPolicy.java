package dev.ktstr.report.compare;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
    /**
     * The policy file reader, built on first use: building a databind mapper costs every
     * {@code compare} tens of milliseconds of start-up, and most compare without a policy file.
     */
    private static final class Mapper {
        // Strict as serde: no duplicate keys, no "10" for 10 (ints are fine for f64); trailing
        // tokens are checked after binding, in serde's words.
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();

        private Mapper() {
        }
    }

    /**
     * Copies {@code perMetricPercent} into a map sorted by UTF-8 bytes.
     *
     * @param defaultPercent uniform override in percent, or NaN-free empty
     * @param perMetricPercent overrides by registry name, in percent
     */
    public ComparisonPolicy {
        Objects.requireNonNull(defaultPercent, "defaultPercent");
        TreeMap<String, Double> copy = new TreeMap<>(RustFormat::compareUtf8);
        copy.putAll(perMetricPercent);
        perMetricPercent = Collections.unmodifiableSortedMap(copy);
    }

    /**
     * No overrides: every metric uses its registry default.
     *
     * @return the policy without overrides
     */
    public static ComparisonPolicy empty() {
        return new ComparisonPolicy(OptionalDouble.empty(), new TreeMap<>());
    }

    /**
     * {@code --threshold p}: one relative gate of {@code p} percent for every metric, validated.
     *
     * @param percent the gate in percent
     * @return the policy
     * @throws ReportException when {@code percent} is not a valid gate
     */
    public static ComparisonPolicy uniform(double percent) {
        ComparisonPolicy p = new ComparisonPolicy(OptionalDouble.of(percent), new TreeMap<>());
        p.validate();
        return p;
    }

    /**
     * The relative gate (a fraction) for one metric.
     *
     * @param metric the registry metric
     * @return the gate as a fraction (percent / 100), from the first source that sets it
     */
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

    /**
     * Where the relative gate of a metric came from: {@code policy}, {@code default} or {@code registry}.
     *
     * @param metric the registry metric
     * @return the source's name
     */
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
     *
     * @param path the file's path, for messages only
     * @param text the file's JSON text
     * @return the validated policy
     * @throws ReportException with upstream's parse or validation message
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
     * Bound with jackson-databind; its errors are worded as serde's where upstream's are
     * documented (unknown field, invalid type), with the line and column of the fault.
     *
     * @param text the policy file's text
     * @return the policy, not validated
     * @throws ReportException for text that is not such an object
     */
    public static ComparisonPolicy parse(String text) {
        PolicyFile file;
        try (JsonParser p = Mapper.MAPPER.createParser(text)) {
            try {
                file = Mapper.MAPPER.readValue(p, PolicyFile.class);
                if (p.nextToken() != null) {
                    throw error(p.currentTokenLocation(), "trailing characters");
                }
            } catch (UnrecognizedPropertyException e) {
                throw error(e, "unknown field `" + e.getPropertyName() + "`, expected `default_percent` or"
                        + " `per_metric_percent`");
            } catch (InvalidNullException e) {
                throw error(e, "invalid type: null, expected " + (e.getPath().size() > 1 ? "f64" : "a map"));
            } catch (MismatchedInputException e) {
                // the parser is still open and on the offending token
                JsonToken t = p.currentToken();
                throw error(e, t == null ? "EOF while parsing a value"
                        : "invalid type: " + describe(p, t) + ", expected " + expected(e.getTargetType()));
            }
        } catch (JsonProcessingException e) {
            throw error(e, e.getOriginalMessage());
        } catch (IOException e) {
            throw new ReportException("reading policy text failed: " + e.getMessage());
        }
        if (file == null) {
            throw new ReportException("invalid type: null, expected struct ComparisonPolicy");
        }
        OptionalDouble def = file.defaultPercent == null ? OptionalDouble.empty()
                : OptionalDouble.of(file.defaultPercent);
        return new ComparisonPolicy(def, new TreeMap<>(file.perMetricPercent));
    }

    /**
     * The file's shape. A key given as {@code null} is absent for {@code default_percent} (an
     * {@code Option}) and an error for {@code per_metric_percent} and its values, as for serde.
     * Fields, not a record: databind hands an absent creator argument through the same null
     * check as a given {@code null}.
     */
    private static final class PolicyFile {
        @JsonProperty("default_percent")
        private Double defaultPercent;
        @JsonProperty("per_metric_percent")
        @JsonSetter(nulls = Nulls.FAIL, contentNulls = Nulls.FAIL)
        private Map<String, Double> perMetricPercent = Map.of();
    }

    private static String expected(Class<?> target) {
        if (target == PolicyFile.class) {
            return "struct ComparisonPolicy";
        }
        return target != null && Map.class.isAssignableFrom(target) ? "a map" : "f64";
    }

    private static ReportException error(JsonProcessingException e, String message) {
        return error(e.getLocation(), message);
    }

    private static ReportException error(JsonLocation loc, String message) {
        return new ReportException(loc == null ? message
                : message + " at line " + loc.getLineNr() + " column " + loc.getColumnNr());
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

    /** The policy's overrides, for JSON output. */
    Optional<Double> defaultPercentBoxed() {
        return defaultPercent.isPresent() ? Optional.of(defaultPercent.getAsDouble()) : Optional.empty();
    }
}
