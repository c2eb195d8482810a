package dev.ktstr.report.compare;

import java.util.Objects;

/**
 * How to compare.
 *
 * @param substringFilter the {@code -E} filter; empty string = none
 * @param policy relative-gate overrides ({@code --policy} or {@code --threshold})
 * @param average average trials per pairing key (default) instead of {@code --no-average}
 * @param alpha significance level of the Mann-Whitney U test (default 0.05)
 * @param archiveOverride set every pooled sidecar's run source to {@code archive} ({@code --dir})
 */
public record CompareOptions(String substringFilter, ComparisonPolicy policy, boolean average, double alpha,
        boolean archiveOverride) {
    /** The default significance level. */
    public static final double DEFAULT_ALPHA = 0.05;

    /**
     * Checks the components.
     *
     * @param substringFilter the {@code -E} filter; empty string = none
     * @param policy relative-gate overrides ({@code --policy} or {@code --threshold})
     * @param average average trials per pairing key (default) instead of {@code --no-average}
     * @param alpha significance level of the Mann-Whitney U test (default 0.05)
     * @param archiveOverride set every pooled sidecar's run source to {@code archive} ({@code --dir})
     */
    public CompareOptions {
        Objects.requireNonNull(substringFilter, "substringFilter");
        Objects.requireNonNull(policy, "policy");
        if (!(alpha > 0.0 && alpha < 1.0)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }

    /**
     * Upstream's defaults: no filter, registry gates, averaging, α = 0.05, no archive override.
     *
     * @return the default options
     */
    public static CompareOptions defaults() {
        return new CompareOptions("", ComparisonPolicy.empty(), true, DEFAULT_ALPHA, false);
    }

    /**
     * This with {@code substringFilter} replaced.
     *
     * @param filter the {@code -E} filter, empty for none
     * @return the new options
     */
    public CompareOptions withSubstringFilter(String filter) {
        return new CompareOptions(filter, policy, average, alpha, archiveOverride);
    }

    /**
     * This with {@code policy} replaced.
     *
     * @param p the gate overrides
     * @return the new options
     */
    public CompareOptions withPolicy(ComparisonPolicy p) {
        return new CompareOptions(substringFilter, p, average, alpha, archiveOverride);
    }

    /**
     * This with {@code average} replaced.
     *
     * @param avg whether to average trials per pairing key
     * @return the new options
     */
    public CompareOptions withAverage(boolean avg) {
        return new CompareOptions(substringFilter, policy, avg, alpha, archiveOverride);
    }

    /**
     * This with {@code alpha} replaced.
     *
     * @param a the significance level, in (0, 1)
     * @return the new options
     */
    public CompareOptions withAlpha(double a) {
        return new CompareOptions(substringFilter, policy, average, a, archiveOverride);
    }

    /**
     * This with {@code archiveOverride} replaced.
     *
     * @param archive whether run sources read as {@code archive}
     * @return the new options
     */
    public CompareOptions withArchiveOverride(boolean archive) {
        return new CompareOptions(substringFilter, policy, average, alpha, archive);
    }
}
