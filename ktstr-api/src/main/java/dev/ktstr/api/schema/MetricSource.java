package dev.ktstr.api.schema;

import java.util.Optional;

/** How a metric value was extracted ({@code MetricSource}; a bare JSON string on disk). */
public enum MetricSource {
    /** Read from the payload's JSON output. */
    JSON("Json"),
    /** Extracted by a language model. */
    LLM_EXTRACT("LlmExtract");

    private final String wireName;

    MetricSource(String wireName) {
        this.wireName = wireName;
    }

    /**

     * The variant name as written in JSON.

     *

     * @return the name, e.g. {@code "Stdout"}

     */
    public String wireName() {
        return wireName;
    }

    /**

     * The variant with this exact (case-sensitive) JSON name.

     *

     * @param name the JSON name

     * @return the variant, or empty when no variant has that name

     */
    public static Optional<MetricSource> fromWireName(String name) {
        for (MetricSource s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
