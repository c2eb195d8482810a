package dev.ktstr.report.compare;

/**
 * The Mann-Whitney U test of one metric of one pair, over the passing trials of each side.
 *
 * @param state whether a test ran and its outcome
 * @param pValue two-sided p-value, NaN when no test ran
 * @param trialsA passing trials on side A
 * @param trialsB passing trials on side B
 */
public record Significance(State state, double pValue, int trialsA, int trialsB) {
    /** Fewest passing trials per side for a test. */
    public static final int MIN_TRIALS = 3;

    /** What the test says. */
    public enum State {
        /** The gates hold and p &lt; α. */
        SIGNIFICANT,
        /** A test ran, but the gates do not hold or p &ge; α. */
        NOT_SIGNIFICANT,
        /** A side has fewer than {@link #MIN_TRIALS} passing trials: no test was possible. */
        TOO_FEW_TRIALS
    }

    /**
     * Short text for tables: the p-value with 4 decimals, or {@code n<3}.
     *
     * @return the table cell text
     */
    public String shortText() {
        return state == State.TOO_FEW_TRIALS ? "n<" + MIN_TRIALS : dev.ktstr.report.text.RustFormat.fixed(pValue, 4);
    }
}
