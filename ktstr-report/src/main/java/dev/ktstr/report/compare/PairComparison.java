package dev.ktstr.report.compare;

import dev.ktstr.report.GauntletRow;
import java.util.List;

/**
 * One paired pairing key. {@code skippedFailed} pairs (a side failed or was skipped) carry no
 * metric comparisons.
 *
 * @param key the pairing key: scenario, then the pairing dimensions' values
 * @param skippedFailed whether the pair was excluded because a side failed or was skipped
 * @param metrics one entry per registry metric, registry order (empty when skipped)
 * @param trialsA side A's passing trials behind the compared row (one row under
 *     {@code --no-average}; empty when not known), for reports that show every trial
 * @param trialsB side B's passing trials
 */
public record PairComparison(List<String> key, boolean skippedFailed, List<MetricComparison> metrics,
        List<GauntletRow> trialsA, List<GauntletRow> trialsB) {
    /**
     * Copies the lists; the record is immutable.
     *
     * @param key the pairing key: scenario, then the pairing dimensions' values
     * @param skippedFailed whether the pair was excluded because a side failed or was skipped
     * @param metrics one entry per registry metric, registry order (empty when skipped)
     * @param trialsA side A's passing trials behind the compared row (one row under
     *     {@code --no-average}; empty when not known), for reports that show every trial
     * @param trialsB side B's passing trials
     */
    public PairComparison {
        key = List.copyOf(key);
        metrics = List.copyOf(metrics);
        trialsA = List.copyOf(trialsA);
        trialsB = List.copyOf(trialsB);
    }

    /**
     * A pair without its trials.
     *
     * @param key the pairing key: scenario, then one value per pairing dimension
     * @param skippedFailed whether the pair was excluded because a side failed or was skipped
     * @param metrics one entry per registry metric, registry order (empty when skipped)
     */
    public PairComparison(List<String> key, boolean skippedFailed, List<MetricComparison> metrics) {
        this(key, skippedFailed, metrics, List.of(), List.of());
    }

    /**
     * The TEST label: the key joined by {@code /}.
     *
     * @return the joined key
     */
    public String label() {
        return String.join("/", key);
    }
}
