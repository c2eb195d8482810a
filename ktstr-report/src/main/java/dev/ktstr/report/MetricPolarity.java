package dev.ktstr.report;

/** Which direction of a registry metric is better. */
public enum MetricPolarity {
    /** An increase is a regression. */
    LOWER_BETTER("LowerBetter", "lower"),
    /** A decrease is a regression. */
    HIGHER_BETTER("HigherBetter", "higher");

    private final String wireName;
    private final String label;

    MetricPolarity(String wireName, String label) {
        this.wireName = wireName;
        this.label = label;
    }

    /**
     * The serde enum tag upstream writes in JSON ({@code LowerBetter}).
     *
     * @return the JSON tag
     */
    public String wireName() {
        return wireName;
    }

    /**
     * The table label ({@code lower} / {@code higher}).
     *
     * @return the lower-case label
     */
    public String label() {
        return label;
    }
}
