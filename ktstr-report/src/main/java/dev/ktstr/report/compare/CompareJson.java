package dev.ktstr.report.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.report.HostReport;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The JSON rendering of a {@link CompareResult}; shape documented in docs/cli-json.md. */
public final class CompareJson {
    /** Bumped only on incompatible changes of the shape. */
    public static final String SCHEMA_VERSION = "1";

    private CompareJson() {
    }

    /**
     * Pretty JSON, no final newline. {@code allPairs} adds every pair with every metric comparison.
     *
     * @param r the comparison
     * @param allPairs whether to include every pair, not only the findings
     * @return the pretty-printed JSON object
     */
    public static String render(CompareResult r, boolean allPairs) {
        return SerdeJson.pretty(g -> {
            g.writeStartObject();
            g.writeStringField("_schema_version", SCHEMA_VERSION);
            stringArray(g, "slicing", r.slicing().stream().map(Dimension::cliName).toList());
            stringArray(g, "pairing", r.pairing().stream().map(Dimension::cliName).toList());
            g.writeStringField("label_a", r.labelA());
            g.writeStringField("label_b", r.labelB());
            g.writeBooleanField("averaged", r.averaged());
            g.writeNumberField("rows_a", r.rowsA());
            g.writeNumberField("rows_b", r.rowsB());
            g.writeFieldName("alpha");
            SerdeJson.writeF64(g, r.alpha());
            g.writeObjectFieldStart("policy");
            g.writeFieldName("default_percent");
            if (r.policy().defaultPercent().isPresent()) {
                SerdeJson.writeF64(g, r.policy().defaultPercent().getAsDouble());
            } else {
                g.writeNull();
            }
            g.writeObjectFieldStart("per_metric_percent");
            for (var e : r.policy().perMetricPercent().entrySet()) {
                g.writeFieldName(e.getKey());
                SerdeJson.writeF64(g, e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeObjectFieldStart("summary");
            g.writeNumberField("regressions", r.regressions());
            g.writeNumberField("improvements", r.improvements());
            g.writeNumberField("unchanged", r.unchanged());
            g.writeNumberField("skipped_failed", r.skippedFailed());
            g.writeNumberField("new_in_b", r.newInB().size());
            g.writeNumberField("removed_from_a", r.removedFromA().size());
            g.writeNumberField("significant_regressions", r.significantRegressions());
            g.writeNumberField("exit_code", r.exitCode());
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                g.writeStartObject();
                stringArray(g, "key", f.key());
                g.writeStringField("test", f.label());
                writeComparison(g, f.comparison());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (allPairs) {
                g.writeArrayFieldStart("pairs");
                for (PairComparison p : r.pairs()) {
                    g.writeStartObject();
                    stringArray(g, "key", p.key());
                    g.writeBooleanField("skipped_failed", p.skippedFailed());
                    g.writeArrayFieldStart("metrics");
                    for (MetricComparison c : p.metrics()) {
                        g.writeStartObject();
                        writeComparison(g, c);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            keyArray(g, "new_in_b", r.newInB());
            keyArray(g, "removed_from_a", r.removedFromA());
            g.writeArrayFieldStart("groups");
            for (GroupPassCount gp : r.groups()) {
                g.writeStartObject();
                g.writeStringField("scenario", gp.scenario());
                g.writeStringField("topology", gp.topology());
                g.writeStringField("work_type", gp.workType());
                stringArray(g, "flags", gp.flags());
                counts(g, "a", gp.a());
                counts(g, "b", gp.b());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("host");
            host(g, "a", r.hostA());
            host(g, "b", r.hostB());
            g.writeFieldName("diff");
            if (r.hostA().isPresent() && r.hostB().isPresent()) {
                g.writeString(HostReport.diff(r.hostA().get(), r.hostB().get()));
            } else {
                g.writeNull();
            }
            g.writeEndObject();
            stringArray(g, "warnings", r.warnings());
            g.writeEndObject();
        });
    }

    private static void writeComparison(JsonGenerator g, MetricComparison c) throws IOException {
        g.writeStringField("metric", c.metric().name());
        g.writeStringField("unit", c.metric().displayUnit());
        g.writeStringField("polarity", c.metric().polarity().wireName());
        g.writeFieldName("a");
        SerdeJson.writeF64(g, c.a());
        g.writeFieldName("b");
        SerdeJson.writeF64(g, c.b());
        g.writeFieldName("delta");
        SerdeJson.writeF64(g, c.delta());
        g.writeFieldName("rel_delta");
        SerdeJson.writeF64(g, c.relDelta());
        g.writeFieldName("abs_threshold");
        SerdeJson.writeF64(g, c.metric().defaultAbs());
        g.writeFieldName("rel_threshold");
        SerdeJson.writeF64(g, c.relThreshold());
        g.writeStringField("verdict", c.verdict().name().toLowerCase(java.util.Locale.ROOT));
        Significance s = c.significance();
        g.writeObjectFieldStart("significance");
        g.writeStringField("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
        g.writeFieldName("p_value");
        SerdeJson.writeF64(g, s.pValue());
        g.writeNumberField("trials_a", s.trialsA());
        g.writeNumberField("trials_b", s.trialsB());
        g.writeEndObject();
    }

    private static void counts(JsonGenerator g, String name, Optional<GroupPassCount.Counts> c) throws IOException {
        g.writeFieldName(name);
        if (c.isEmpty()) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("passes", c.get().passes());
        g.writeNumberField("total", c.get().total());
        g.writeEndObject();
    }

    private static void host(JsonGenerator g, String name, Optional<dev.ktstr.api.schema.HostContext> h)
            throws IOException {
        g.writeFieldName(name);
        if (h.isEmpty()) {
            g.writeNull();
        } else {
            HostReport.writeHostJson(g, h.get());
        }
    }

    static void stringArray(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void keyArray(JsonGenerator g, String name, List<List<String>> keys) throws IOException {
        g.writeArrayFieldStart(name);
        for (List<String> k : keys) {
            g.writeStartArray();
            for (String v : k) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
