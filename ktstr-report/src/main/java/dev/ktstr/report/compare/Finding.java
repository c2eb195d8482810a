package dev.ktstr.report.compare;

import java.util.List;

/** A significant change (a regression or an improvement) of one metric of one pair. */
public record Finding(List<String> key, MetricComparison comparison) {
    public Finding {
        key = List.copyOf(key);
    }

    /** The TEST label: the key joined by {@code /}. */
    public String label() {
        return String.join("/", key);
    }

    public boolean isRegression() {
        return comparison.verdict() == Verdict.REGRESSION;
    }
}
