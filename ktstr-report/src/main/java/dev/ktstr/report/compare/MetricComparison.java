package dev.ktstr.report.compare;

import dev.ktstr.report.MetricDef;

/**
 * One metric of one pair: values, delta, the two gates and the verdict.
 *
 * @param metric the registry metric
 * @param a side-A value (0 when absent)
 * @param b side-B value (0 when absent)
 * @param delta {@code b - a}
 * @param relDelta {@code |delta / a|}, 0 when {@code |a|} is not above epsilon
 * @param relThreshold the relative gate used (a fraction)
 * @param verdict the outcome
 * @param significance the Mann-Whitney result
 */
public record MetricComparison(MetricDef metric, double a, double b, double delta, double relDelta,
        double relThreshold, Verdict verdict, Significance significance) {
}
