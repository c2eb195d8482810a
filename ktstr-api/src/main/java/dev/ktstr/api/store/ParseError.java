package dev.ktstr.api.store;

import java.util.Objects;
import java.util.Optional;

/**
 * A file that looked like a sidecar and was read, but whose content was rejected.
 *
 * @param location        where the file lives
 * @param rawError        the parser's message, verbatim (greppable, e.g.
 *                        {@code missing field `topology` at line 1 column 17})
 * @param enrichedMessage remediation prose for a known schema drift, or the empty string when
 *                        none applies; see {@link #enriched()}
 */
public record ParseError(String location, String rawError, String enrichedMessage) {

    private static final String HOST_REMEDIATION = " \u2014 the `host` field was added to SidecarResult;"
            + " pre-1.0 policy is disposable-sidecar: re-run the test to regenerate this file under the"
            + " current schema (no migration shim exists)";

    /**
     * A parse error.
     *
     * @param location        where the file lives; not null
     * @param rawError        the parser's message, verbatim; not null
     * @param enrichedMessage remediation prose, or the empty string; not null
     */
    public ParseError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(rawError, "rawError");
        Objects.requireNonNull(enrichedMessage, "enrichedMessage");
    }

    /**
     * A parse error whose enrichment is derived from the raw message.
     *
     * @param location where the file lives
     * @param rawError the parser's message, verbatim
     * @return the error, with {@link #enrichment(String)} of {@code rawError} or none
     */
    public static ParseError of(String location, String rawError) {
        return new ParseError(location, rawError, enrichment(rawError).orElse(""));
    }

    /**
     * The remediation that applies to a raw parser message, if any. Today only the
     * {@code host}-missing schema drift has one (it cannot fire on the current schema, where
     * {@code host} is optional); matching on text is deliberate, as upstream does.
     *
     * @param rawError the parser's message
     * @return the raw message followed by the remediation, or empty when none applies
     */
    public static Optional<String> enrichment(String rawError) {
        if (rawError.contains("missing field") && rawError.contains("`host`")) {
            return Optional.of(rawError + HOST_REMEDIATION);
        }
        return Optional.empty();
    }

    /** {@return the enriched message, empty when none applies} */
    public Optional<String> enriched() {
        return enrichedMessage.isEmpty() ? Optional.empty() : Optional.of(enrichedMessage);
    }

    /**
     * The operator diagnostic line, as upstream prints it to stderr:
     * {@code ktstr_test: skipping <location>: <enriched or raw message>}.
     *
     * @return the diagnostic line, without a line terminator
     */
    public String diagnostic() {
        return "ktstr_test: skipping " + location + ": " + (enrichedMessage.isEmpty() ? rawError : enrichedMessage);
    }
}
