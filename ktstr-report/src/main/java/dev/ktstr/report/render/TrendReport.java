package dev.ktstr.report.render;

import dev.ktstr.api.codec.SerdeJson;
import dev.ktstr.report.MetricPolarity;
import dev.ktstr.report.compare.Verdict;
import dev.ktstr.report.text.RustFormat;
import dev.ktstr.report.text.Table;
import dev.ktstr.report.text.TerminalText;
import dev.ktstr.report.trend.MetricTrend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The renderings of a {@link MetricTrend}: text, JSON, Markdown and HTML (an SVG line chart per test). */
public final class TrendReport {
    /** Bumped only on incompatible changes of the JSON shape. */
    public static final String SCHEMA_VERSION = "1";

    private TrendReport() {
    }

    private static String cell(MetricTrend.Point p) {
        if (!p.hasValue()) {
            return p.total() == 0 ? "-" : "failed";
        }
        String v = RustFormat.fixed(p.value(), 2);
        return switch (p.verdict()) {
            case REGRESSION -> v + " ▲";
            case IMPROVEMENT -> v + " ▼";
            default -> v;
        };
    }

    private static String polarity(MetricTrend t) {
        return t.metric().polarity() == MetricPolarity.LOWER_BETTER ? "lower is better" : "higher is better";
    }

    /**
     * A table of tests by cohorts (oldest first); ▲ marks a regression against the previous value, ▼ an improvement.
     *
     * @param t the computed trend
     * @return the text table
     */
    public static String text(MetricTrend t) {
        List<String> header = new ArrayList<>();
        header.add("TEST");
        header.addAll(t.cohorts());
        header.add("FIRST CROSSING");
        Table table = new Table(header);
        for (MetricTrend.Line line : t.tests()) {
            List<String> row = new ArrayList<>();
            row.add(line.test());
            line.points().forEach(p -> row.add(cell(p)));
            row.add(line.crossing().isPresent() ? t.cohorts().get(line.crossing().getAsInt()) + " ("
                    + CompareRows.verdictName(line.points().get(line.crossing().getAsInt()).verdict()) + ")" : "-");
            table.addRow(row);
        }
        String head = TerminalText.visibleLines("metric: " + t.metric().name() + " (" + polarity(t)
                + (t.metric().displayUnit().isEmpty() ? "" : ", unit " + t.metric().displayUnit()) + ")\n"
                + "cohorts by " + t.by().cliName() + ", oldest first: " + String.join(", ", t.cohorts()) + "\n");
        long crossed = t.tests().stream().filter(l -> l.crossing().isPresent()).count();
        return head + table.render() + "\n▲ regression, ▼ improvement against the previous cohort (gates: "
                + RustFormat.display(t.metric().defaultAbs()) + t.metric().displayUnit() + " absolute, "
                + CompareRows.percent(t.relThreshold()) + " relative); - = not run; failed = no passing trial\n"
                + "summary: " + t.tests().size() + " tests, " + crossed + " crossed a threshold, " + t.cohorts().size()
                + " cohorts, " + t.sidecars() + " sidecars\n";
    }

    /**
     * Pretty JSON, no final newline (shape: docs/cli-json.md).
     *
     * @param t the computed trend
     * @return the pretty-printed JSON object
     */
    public static String json(MetricTrend t) {
        return SerdeJson.pretty(g -> {
            g.writeStartObject();
            g.writeStringField("_schema_version", SCHEMA_VERSION);
            g.writeStringField("metric", t.metric().name());
            g.writeStringField("unit", t.metric().displayUnit());
            g.writeStringField("polarity", t.metric().polarity() == MetricPolarity.LOWER_BETTER ? "LowerBetter"
                    : "HigherBetter");
            g.writeStringField("by", t.by().cliName());
            g.writeFieldName("abs_threshold");
            SerdeJson.writeF64(g, t.metric().defaultAbs());
            g.writeFieldName("rel_threshold");
            SerdeJson.writeF64(g, t.relThreshold());
            g.writeNumberField("sidecars", t.sidecars());
            g.writeArrayFieldStart("cohorts");
            for (int i = 0; i < t.cohorts().size(); i++) {
                g.writeStartObject();
                g.writeStringField("name", t.cohorts().get(i));
                g.writeStringField("first_seen", t.firstSeen().get(i));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("tests");
            for (MetricTrend.Line line : t.tests()) {
                g.writeStartObject();
                g.writeStringField("test", line.test());
                g.writeFieldName("first_crossing");
                if (line.crossing().isPresent()) {
                    g.writeString(t.cohorts().get(line.crossing().getAsInt()));
                } else {
                    g.writeNull();
                }
                g.writeArrayFieldStart("points");
                for (int i = 0; i < line.points().size(); i++) {
                    MetricTrend.Point p = line.points().get(i);
                    g.writeStartObject();
                    g.writeStringField("cohort", t.cohorts().get(i));
                    g.writeFieldName("value");
                    SerdeJson.writeF64(g, p.value());
                    g.writeArrayFieldStart("trials");
                    for (double v : p.trials()) {
                        SerdeJson.writeF64(g, v);
                    }
                    g.writeEndArray();
                    g.writeNumberField("passes", p.passes());
                    g.writeNumberField("total", p.total());
                    g.writeFieldName("delta");
                    SerdeJson.writeF64(g, p.delta());
                    g.writeFieldName("verdict");
                    if (p.verdict() == Verdict.BOTH_ZERO) {
                        g.writeNull();
                    } else {
                        g.writeString(CompareRows.verdictName(p.verdict()));
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * A GitHub-flavoured Markdown table of tests by cohorts, ending with a newline.
     *
     * @param t the computed trend
     * @return the Markdown text
     */
    public static String markdown(MetricTrend t) {
        StringBuilder out = new StringBuilder();
        long crossed = t.tests().stream().filter(l -> l.crossing().isPresent()).count();
        out.append("### ktstr trend: ").append(Markdown.code(t.metric().name())).append(" by ")
                .append(Markdown.text(t.by().cliName())).append("\n\n");
        out.append(t.tests().size()).append(" tests over ").append(t.cohorts().size())
                .append(" cohorts (oldest first), ").append(crossed).append(" crossed a threshold (")
                .append(Markdown.text(polarity(t))).append("; ▲ regression, ▼ improvement against the previous cohort).\n\n");
        out.append("| test |");
        t.cohorts().forEach(c -> out.append(' ').append(Markdown.code(c)).append(" |"));
        out.append(" first crossing |\n|---|");
        t.cohorts().forEach(c -> out.append("---:|"));
        out.append("---|\n");
        for (MetricTrend.Line line : t.tests()) {
            out.append("| ").append(Markdown.code(line.test())).append(" |");
            for (int i = 0; i < line.points().size(); i++) {
                String c = cell(line.points().get(i));
                boolean first = line.crossing().isPresent() && line.crossing().getAsInt() == i;
                out.append(' ').append(first ? "**" + c + "**" : c).append(" |");
            }
            out.append(' ').append(line.crossing().isPresent()
                    ? Markdown.code(t.cohorts().get(line.crossing().getAsInt())) : "\u2013").append(" |\n");
        }
        return out.toString();
    }

    /**
     * One self-contained HTML page: per test an SVG line chart (crossing marked) and the values.
     *
     * @param t the computed trend
     * @param filter the filter description shown in the page header
     * @return the HTML document
     */
    public static String html(MetricTrend t, String filter) {
        Map<String, Object> s = new HashMap<>();
        s.put("css", Templates.resource("report.css"));
        s.put("metric", t.metric().name());
        s.put("by", t.by().cliName());
        s.put("polarity", polarity(t));
        s.put("unit", t.metric().displayUnit());
        s.put("filter", filter);
        s.put("cohorts", t.cohorts());
        s.put("gates", RustFormat.display(t.metric().defaultAbs()) + t.metric().displayUnit() + " absolute, "
                + CompareRows.percent(t.relThreshold()) + " relative");
        s.put("testCount", t.tests().size());
        s.put("crossed", t.tests().stream().filter(l -> l.crossing().isPresent()).count());
        s.put("sidecars", t.sidecars());
        List<Map<String, Object>> tests = new ArrayList<>();
        int n = 0;
        for (MetricTrend.Line line : t.tests()) {
            Map<String, Object> m = new HashMap<>();
            m.put("test", line.test());
            double[] values = new double[line.points().size()];
            List<double[]> trials = new ArrayList<>();
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                MetricTrend.Point p = line.points().get(i);
                values[i] = p.value();
                trials.add(p.trials().stream().mapToDouble(Double::doubleValue).toArray());
                Map<String, Object> c = new HashMap<>();
                c.put("cohort", t.cohorts().get(i));
                c.put("text", cell(p));
                c.put("verdict", p.verdict() == Verdict.BOTH_ZERO ? "" : CompareRows.verdictName(p.verdict()));
                cells.add(c);
            }
            int crossing = line.crossing().orElse(-1);
            String crossingVerdict = crossing < 0 ? "" : CompareRows.verdictName(line.points().get(crossing).verdict());
            m.put("cells", cells);
            m.put("crossing", crossing < 0 ? null : t.cohorts().get(crossing));
            m.put("crossingVerdict", crossingVerdict);
            m.put("svg", SvgCharts.trend("trend-" + n++, t.metric().displayUnit(),
                    new SvgCharts.Trend(line.test(), t.cohorts(), values, trials, crossing, crossingVerdict)));
            tests.add(m);
        }
        s.put("tests", tests);
        return Templates.render("trend.html.mustache", s);
    }
}
