package dev.ktstr.report.compare;

import java.util.List;

/** A significant change (a regression or an improvement) of one metric of one pair. */
public record Finding(List<String> key, MetricComparison comparison) {
    /**
     * Copies the lists; the record is immutable.
     *
     * @param key the pair's key: scenario, then one value per pairing dimension
     * @param comparison the metric's comparison that crossed the gates
     */
    public Finding {
        key = List.copyOf(key);
    }

    /**
     * The TEST label: the key joined by {@code /}.
     *
     * @return the joined key
     */
    public String label() {
        return String.join("/", key);
    }

    /**
     * Whether the change is for the worse.
     *
     * @return {@code true} for a regression, {@code false} for an improvement
     */
    public boolean isRegression() {
        return comparison.verdict() == Verdict.REGRESSION;
    }
}
