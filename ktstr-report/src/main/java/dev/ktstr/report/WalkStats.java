package dev.ktstr.report;

import dev.ktstr.api.schema.SidecarResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a walk of one run found, as {@code explain-sidecar} reports it.
 *
 * @param walked predicate-matching files counted
 * @param valid the sidecars that parsed
 * @param errors parse failures
 * @param ioErrors read failures
 */
public record WalkStats(long walked, List<SidecarResult> valid, List<ParseError> errors, List<IoError> ioErrors) {
    public WalkStats {
        valid = List.copyOf(valid);
        errors = List.copyOf(errors);
        ioErrors = List.copyOf(ioErrors);
    }

    /** A file that did not parse: its path, the raw parser message, and upstream's enriched prose if any. */
    public record ParseError(String path, String error, Optional<String> enrichedMessage) {
        public ParseError {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(enrichedMessage, "enrichedMessage");
        }

        /** A parse error with the enrichment upstream applies (missing {@code host} field). */
        public static ParseError of(String path, String error) {
            return new ParseError(path, error, enrich(error));
        }
    }

    /** A file that could not be read. */
    public record IoError(String path, String error) {
        public IoError {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * Upstream's enriched prose for a parse error whose message mentions both
     * {@code missing field} and {@code `host`}; empty otherwise.
     */
    public static Optional<String> enrich(String error) {
        if (error.contains("missing field") && error.contains("`host`")) {
            return Optional.of(error + " \u2014 the `host` field was added to SidecarResult; pre-1.0 policy is"
                    + " disposable-sidecar: re-run the test to regenerate this file under the current schema (no"
                    + " migration shim exists)");
        }
        return Optional.empty();
    }
}
