package dev.ktstr.report.compare;

/** Outcome of comparing one metric of one pair. */
public enum Verdict {
    /** Both gates hold and the change goes the bad way for the metric's polarity. */
    REGRESSION,
    /** Both gates hold and the change goes the good way. */
    IMPROVEMENT,
    /** The absolute or the relative gate did not hold. */
    UNCHANGED,
    /** Both values are within f64::EPSILON of zero: skipped, counted nowhere (as upstream). */
    BOTH_ZERO
}
