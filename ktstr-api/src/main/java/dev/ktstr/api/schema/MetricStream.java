package dev.ktstr.api.schema;

import java.util.Optional;

/**
 * Which output stream a metric came from ({@code MetricStream}; a bare JSON string on disk).
 * Upstream marks the enum non-exhaustive: later versions may add variants, which this version
 * rejects on read as upstream's reader of the same version does.
 */
public enum MetricStream {
    /** Standard output. */
    STDOUT("Stdout"),
    /** Standard error. */
    STDERR("Stderr"),
    /** Computed rather than read from a stream. */
    SYNTHESIZED("Synthesized");

    private final String wireName;

    MetricStream(String wireName) {
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
    public static Optional<MetricStream> fromWireName(String name) {
        for (MetricStream s : values()) {
            if (s.wireName.equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
