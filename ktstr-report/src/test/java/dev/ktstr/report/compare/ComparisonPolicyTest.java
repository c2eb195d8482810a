package dev.ktstr.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.report.Metrics;
import dev.ktstr.report.ReportException;
import org.junit.jupiter.api.Test;

class ComparisonPolicyTest {
    @Test
    void parsesTheSpecExample() {
        ComparisonPolicy p = ComparisonPolicy.parse("{ \"default_percent\": 10.0,\n"
                + "  \"per_metric_percent\": { \"worst_spread\": 5.0, \"worst_p99_wake_latency_us\": 20.0 } }");
        assertEquals(0.05, p.relThreshold(Metrics.byName("worst_spread").orElseThrow()), 1e-15);
        assertEquals(0.10, p.relThreshold(Metrics.byName("worst_gap_ms").orElseThrow()), 1e-15);
        assertEquals(0.50, ComparisonPolicy.empty().relThreshold(Metrics.byName("worst_gap_ms").orElseThrow()));
    }

    @Test
    void rejectsUnknownKeysLikeSerde() {
        ReportException e = assertThrows(ReportException.class,
                () -> ComparisonPolicy.load("p.json", "{\"default_percentage\": 5}"));
        assertTrue(e.getMessage().startsWith("parse comparison policy from p.json: unknown field "
                + "`default_percentage`, expected `default_percent` or `per_metric_percent` at line 1"), e.getMessage());
    }

    @Test
    void validationMessagesMatchUpstream() {
        ReportException neg = assertThrows(ReportException.class, () -> ComparisonPolicy.uniform(-5));
        assertEquals("ComparisonPolicy: default_percent must be non-negative; got -5. Thresholds are absolute-value"
                + " comparisons \u2014 a negative value would invert the dual-gate logic and silently classify every"
                + " delta as significant.", neg.getMessage());
        ReportException unknown = assertThrows(ReportException.class,
                () -> ComparisonPolicy.load("p.json", "{\"per_metric_percent\": {\"worst_sprad\": 1}}"));
        assertEquals("validate comparison policy from p.json: ComparisonPolicy: per_metric_percent contains unknown"
                + " metric `worst_sprad`. A typo in the key would silently fall through to default_percent. Registered"
                + " metrics: " + Metrics.namesJoined(), unknown.getMessage());
        ReportException negative = assertThrows(ReportException.class,
                () -> ComparisonPolicy.load("p.json", "{\"per_metric_percent\": {\"worst_spread\": -1.5}}"));
        assertEquals("validate comparison policy from p.json: ComparisonPolicy: per_metric_percent[\"worst_spread\"]"
                + " must be non-negative; got -1.5", negative.getMessage());
        assertTrue(Metrics.namesJoined().startsWith("worst_spread, worst_gap_ms, total_migrations"));
    }

    @Test
    void rejectsWrongTypes() {
        ReportException e = assertThrows(ReportException.class,
                () -> ComparisonPolicy.parse("{\"default_percent\": \"ten\"}"));
        assertTrue(e.getMessage().startsWith("invalid type: string \"ten\", expected f64"), e.getMessage());
        assertEquals(ComparisonPolicy.empty(), ComparisonPolicy.parse("{}"));
        assertEquals(new ComparisonPolicy(java.util.OptionalDouble.of(10.0), new java.util.TreeMap<>(
                java.util.Map.of("worst_spread", 5.0))), ComparisonPolicy.parse(
                        "{\"per_metric_percent\": {\"worst_spread\": 5}, \"default_percent\": 10}"));
        java.util.Map<String, String> rejected = java.util.Map.of(
                "{\"per_metric_percent\": {\"worst_spread\": null}}", "invalid type: null, expected f64 at line 1",
                "{\"per_metric_percent\": null}", "invalid type: null, expected a map at line 1",
                "{\"per_metric_percent\": [1]}", "invalid type: sequence, expected a map at line 1",
                "[]", "invalid type: sequence, expected struct ComparisonPolicy at line 1",
                "null", "invalid type: null, expected struct ComparisonPolicy",
                "", "EOF while parsing a value",
                "{\"default_percent\": 1, \"default_percent\": 2}", "Duplicate field 'default_percent' at line 1",
                "{} {}", "trailing characters at line 1 column 4",
                "{\"default_percent\": true}", "invalid type: boolean `true`, expected f64 at line 1");
        rejected.forEach((text, start) -> {
            ReportException r = assertThrows(ReportException.class, () -> ComparisonPolicy.parse(text), text);
            assertTrue(r.getMessage().startsWith(start), text + " -> " + r.getMessage());
        });
        assertEquals(ComparisonPolicy.empty(), ComparisonPolicy.parse("{\"default_percent\": null}"));
    }
}
