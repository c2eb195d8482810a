package dev.ktstr.report.compare;

import java.util.List;

/**
 * One paired pairing key. {@code skippedFailed} pairs (a side failed or was skipped) carry no
 * metric comparisons.
 *
 * @param key the pairing key: scenario, then the pairing dimensions' values
 * @param skippedFailed whether the pair was excluded because a side failed or was skipped
 * @param metrics one entry per registry metric, registry order (empty when skipped)
 */
public record PairComparison(List<String> key, boolean skippedFailed, List<MetricComparison> metrics) {
    public PairComparison {
        key = List.copyOf(key);
        metrics = List.copyOf(metrics);
    }

    /** The TEST label: the key joined by {@code /}. */
    public String label() {
        return String.join("/", key);
    }
}
