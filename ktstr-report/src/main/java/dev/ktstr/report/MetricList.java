package dev.ktstr.report;

import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.report.text.RustFormat;
import dev.ktstr.report.text.Table;
import java.util.List;

/** {@code stats list-metrics}: the registry as a table or as upstream's JSON array. */
public final class MetricList {
    private MetricList() {
    }

    /**
     * The table followed by a newline, exactly as upstream prints it.
     *
     * @return the registry table text
     */
    public static String text() {
        Table t = new Table(List.of("NAME", "POLARITY", "DEFAULT_ABS", "DEFAULT_REL", "UNIT"));
        for (MetricDef m : Metrics.all()) {
            t.addRow(List.of(m.name(), m.polarity().label(), RustFormat.display(m.defaultAbs()),
                    RustFormat.display(m.defaultRel()), m.displayUnit()));
        }
        return t.render() + "\n";
    }

    /**
     * Upstream's pretty JSON array (no final newline): name, polarity, default_abs, default_rel, display_unit.
     *
     * @return the pretty-printed JSON array
     */
    public static String json() {
        return SerdeJson.pretty(g -> {
            g.writeStartArray();
            for (MetricDef m : Metrics.all()) {
                g.writeStartObject();
                g.writeStringField("name", m.name());
                g.writeStringField("polarity", m.polarity().wireName());
                g.writeFieldName("default_abs");
                SerdeJson.writeF64(g, m.defaultAbs());
                g.writeFieldName("default_rel");
                SerdeJson.writeF64(g, m.defaultRel());
                g.writeStringField("display_unit", m.displayUnit());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }
}
