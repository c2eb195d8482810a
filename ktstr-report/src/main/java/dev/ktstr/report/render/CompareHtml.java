package dev.ktstr.report.render;

import dev.ktstr.report.HostReport;
import dev.ktstr.report.MetricDef;
import dev.ktstr.report.MetricPolarity;
import dev.ktstr.report.Metrics;
import dev.ktstr.report.compare.CompareResult;
import dev.ktstr.report.compare.Dimension;
import dev.ktstr.report.compare.GroupPassCount;
import dev.ktstr.report.compare.MetricComparison;
import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.compare.Significance;
import dev.ktstr.report.compare.Verdict;
import dev.ktstr.report.text.RustFormat;
import dev.ktstr.report.text.TerminalText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTML rendering of a compare: one self-contained file (inline CSS, SVG and an optional
 * sorting script; no URL anywhere), readable with scripts off. One {@code <tr>} per counted
 * (test, metric) row carrying {@code data-verdict} and {@code data-metric}; one inline SVG chart
 * per metric that has a counted row.
 */
public final class CompareHtml {
    /** Above this many tests a metric's chart draws only the tests that changed. */
    static final int MAX_BANDS = 40;

    private CompareHtml() {
    }

    /**
     * The report.
     *
     * @param r the comparison
     * @param filterA side A's effective filter (shown in the header)
     * @param filterB side B's effective filter
     * @return the HTML document
     */
    public static String render(CompareResult r, RowFilter filterA, RowFilter filterB) {
        Map<String, Object> s = new HashMap<>();
        s.put("css", Templates.resource("report.css"));
        s.put("script", Templates.resource("report.js"));
        s.put("labelA", r.labelA());
        s.put("labelB", r.labelB());
        s.put("regressions", r.regressions());
        s.put("improvements", r.improvements());
        s.put("unchanged", r.unchanged());
        s.put("skippedFailed", r.skippedFailed());
        s.put("slicing", r.slicing().stream().map(Dimension::cliName).collect(Collectors.joining(", ")));
        s.put("pairing", "scenario" + r.pairing().stream().map(d -> ", " + d.cliName()).collect(Collectors.joining()));
        s.put("filterA", CompareRows.filterText(filterA));
        s.put("filterB", CompareRows.filterText(filterB));
        s.put("rowsA", r.rowsA());
        s.put("rowsB", r.rowsB());
        s.put("averaged", r.averaged());
        s.put("thresholds", CompareRows.thresholds(r));
        s.put("alpha", RustFormat.display(r.alpha()));
        String host = HostReport.compareSection(r.hostA(), r.hostB(), r.labelA(), r.labelB()).strip();
        s.put("host", host.isEmpty() ? "no host context captured on either side" : TerminalText.visibleLines(host));
        s.put("warnings", r.warnings().stream().map(String::strip).toList());

        List<CompareRows.Row> rows = CompareRows.rows(r);
        // Regressions first, then improvements, then the unchanged rows; pair and registry order within.
        List<CompareRows.Row> ordered = new ArrayList<>(rows);
        ordered.sort(java.util.Comparator.comparingInt(x -> x.c().verdict().ordinal()));
        List<Map<String, Object>> rowScopes = new ArrayList<>(rows.size());
        for (CompareRows.Row row : ordered) {
            rowScopes.add(row(row.test(), row.c()));
        }
        s.put("rows", rowScopes);
        s.put("rowCount", rows.size());
        List<String> skipped = r.pairs().stream().filter(p -> p.skippedFailed()).map(p -> p.label()).toList();
        s.put("skippedPairs", skipped);
        s.put("hasSkipped", !skipped.isEmpty());
        s.put("charts", charts(r, rows));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (GroupPassCount g : r.groups()) {
            Map<String, Object> m = new HashMap<>();
            m.put("scenario", g.scenario());
            m.put("topology", g.topology());
            m.put("workType", g.workType());
            m.put("flags", String.join(",", g.flags()));
            m.put("a", g.a().map(c -> c.passes() + "/" + c.total()).orElse("-"));
            m.put("b", g.b().map(c -> c.passes() + "/" + c.total()).orElse("-"));
            groups.add(m);
        }
        s.put("groups", groups);
        List<String> newInB = r.newInB().stream().map(k -> String.join("/", k)).toList();
        List<String> removed = r.removedFromA().stream().map(k -> String.join("/", k)).toList();
        s.put("newInB", newInB);
        s.put("hasNewInB", !newInB.isEmpty());
        s.put("removedFromA", removed);
        s.put("hasRemovedFromA", !removed.isEmpty());
        return Templates.render("compare.html.mustache", s);
    }

    private static Map<String, Object> row(String test, MetricComparison c) {
        Map<String, Object> m = new HashMap<>();
        MetricDef def = c.metric();
        m.put("test", test);
        m.put("metric", def.name());
        m.put("verdict", CompareRows.verdictName(c.verdict()));
        m.put("verdictText", c.verdict() == Verdict.REGRESSION ? "REGRESSION" : CompareRows.verdictName(c.verdict()));
        m.put("a", RustFormat.fixed(c.a(), 2));
        m.put("b", RustFormat.fixed(c.b(), 2));
        m.put("aSort", CompareRows.sortKey(c.a()));
        m.put("bSort", CompareRows.sortKey(c.b()));
        m.put("delta", RustFormat.signedFixed(c.delta(), 2) + def.displayUnit());
        m.put("deltaSort", CompareRows.sortKey(c.delta()));
        m.put("rel", CompareRows.percent(c.relDelta()));
        m.put("relSort", CompareRows.sortKey(c.relDelta()));
        m.put("gate", RustFormat.display(def.defaultAbs()) + def.displayUnit() + " / "
                + CompareRows.percent(c.relThreshold()));
        Significance sig = c.significance();
        m.put("p", sig.shortText());
        m.put("pSort", CompareRows.sortKey(sig.state() == Significance.State.TOO_FEW_TRIALS ? 2.0 : sig.pValue()));
        return m;
    }

    private static List<Map<String, Object>> charts(CompareResult r, List<CompareRows.Row> rows) {
        Map<MetricDef, List<CompareRows.Row>> byMetric = new LinkedHashMap<>();
        for (MetricDef m : Metrics.all()) {
            byMetric.put(m, new ArrayList<>());
        }
        for (CompareRows.Row row : rows) {
            byMetric.computeIfAbsent(row.c().metric(), k -> new ArrayList<>()).add(row);
        }
        List<Map.Entry<MetricDef, List<CompareRows.Row>>> order = new ArrayList<>(byMetric.entrySet());
        order.removeIf(e -> e.getValue().isEmpty());
        // Metrics with a regression first, then those with an improvement, then the rest; registry order within.
        order.sort((x, y) -> Integer.compare(rank(x.getValue()), rank(y.getValue())));
        List<Map<String, Object>> out = new ArrayList<>();
        int n = 0;
        for (var e : order) {
            MetricDef m = e.getKey();
            List<CompareRows.Row> drawn = e.getValue();
            int omitted = 0;
            if (drawn.size() > MAX_BANDS) {
                List<CompareRows.Row> changed = drawn.stream()
                        .filter(x -> x.c().verdict() != Verdict.UNCHANGED).limit(MAX_BANDS).toList();
                omitted = drawn.size() - changed.size();
                drawn = changed;
            }
            List<SvgCharts.Band> bands = new ArrayList<>();
            for (CompareRows.Row row : drawn) {
                Verdict v = row.c().verdict();
                bands.add(new SvgCharts.Band(row.test(), CompareRows.trials(row.pair().trialsA(), m), row.c().a(),
                        CompareRows.trials(row.pair().trialsB(), m), row.c().b(),
                        v == Verdict.REGRESSION || v == Verdict.IMPROVEMENT ? CompareRows.verdictName(v) : ""));
            }
            Map<String, Object> chart = new HashMap<>();
            chart.put("metric", m.name());
            chart.put("polarity", m.polarity() == MetricPolarity.LOWER_BETTER ? "lower is better" : "higher is better");
            chart.put("unit", m.displayUnit());
            chart.put("omitted", omitted == 0 ? null : omitted);
            chart.put("svg", bands.isEmpty() ? "" : SvgCharts.ab("chart-" + n++, r.labelA(), r.labelB(),
                    m.displayUnit(), bands));
            out.add(chart);
        }
        return out;
    }

    private static int rank(List<CompareRows.Row> rows) {
        if (rows.stream().anyMatch(x -> x.c().verdict() == Verdict.REGRESSION)) {
            return 0;
        }
        return rows.stream().anyMatch(x -> x.c().verdict() == Verdict.IMPROVEMENT) ? 1 : 2;
    }
}
