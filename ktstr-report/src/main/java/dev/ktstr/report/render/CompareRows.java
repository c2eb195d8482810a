package dev.ktstr.report.render;

import dev.ktstr.report.GauntletRow;
import dev.ktstr.report.MetricDef;
import dev.ktstr.report.compare.CompareResult;
import dev.ktstr.report.compare.Dimension;
import dev.ktstr.report.compare.MetricComparison;
import dev.ktstr.report.compare.PairComparison;
import dev.ktstr.report.compare.RowFilter;
import dev.ktstr.report.compare.Verdict;
import dev.ktstr.report.text.RustFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the Markdown, HTML and JUnit views of a compare share: the compared rows, the verdict names, the filters. */
final class CompareRows {
    private CompareRows() {
    }

    /** One compared (test, metric): every metric comparison that is counted (not both zero). */
    record Row(PairComparison pair, MetricComparison c) {
        String test() {
            return pair.label();
        }

        String verdict() {
            return verdictName(c.verdict());
        }
    }

    /** Every counted row in pair, then registry order: as many regressions, improvements and unchanged as the summary. */
    static List<Row> rows(CompareResult r) {
        List<Row> out = new ArrayList<>();
        for (PairComparison p : r.pairs()) {
            for (MetricComparison c : p.metrics()) {
                if (c.verdict() != Verdict.BOTH_ZERO) {
                    out.add(new Row(p, c));
                }
            }
        }
        return out;
    }

    static String verdictName(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    /** Side {@code m}'s passing trials of one pair, as values of {@code m}. */
    static double[] trials(List<GauntletRow> trials, MetricDef m) {
        double[] out = new double[trials.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.read(trials.get(i)).orElse(0.0);
        }
        return out;
    }

    /** {@code kernel=6.14 project-commit=abc1234|def5678 ...}: a side's effective filter, or {@code (any)}. */
    static String filterText(RowFilter f) {
        List<String> parts = new ArrayList<>();
        for (Dimension d : Dimension.values()) {
            if (!f.get(d).isEmpty()) {
                parts.add(d.cliName() + "=" + String.join("|", f.get(d)));
            }
        }
        return parts.isEmpty() ? "(any)" : String.join(" ", parts);
    }

    /** The relative gates in words: the policy's default and per-metric overrides, or the registry defaults. */
    static String thresholds(CompareResult r) {
        StringBuilder out = new StringBuilder();
        if (r.policy().defaultPercent().isPresent()) {
            out.append("relative gate ").append(RustFormat.display(r.policy().defaultPercent().getAsDouble()))
                    .append("% for every metric");
        } else {
            out.append("relative gates: registry defaults per metric");
        }
        r.policy().perMetricPercent().forEach((k, v) -> out.append(", ").append(k).append(' ')
                .append(RustFormat.display(v)).append('%'));
        return out.toString();
    }

    /** A relative change as a percentage with one decimal. */
    static String percent(double fraction) {
        return RustFormat.fixed(fraction * 100.0, 1) + "%";
    }

    /** A finite number for sorting attributes ({@code 0} for NaN, the largest double for infinities). */
    static String sortKey(double v) {
        if (Double.isNaN(v)) {
            return "0";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "1.7976931348623157e308" : "-1.7976931348623157e308";
        }
        return Double.toString(v);
    }
}
