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
    /**
     * Copies the lists; the record is immutable.
     *
     * @param walked predicate-matching files counted
     * @param valid the sidecars that parsed
     * @param errors parse failures
     * @param ioErrors read failures
     */
    public WalkStats {
        valid = List.copyOf(valid);
        errors = List.copyOf(errors);
        ioErrors = List.copyOf(ioErrors);
    }

    /** A file that did not parse: its path, the raw parser message, and upstream's enriched prose if any. */
    public record ParseError(String path, String error, Optional<String> enrichedMessage) {
        /**
         * Checks that no component is null.
         *
         * @param path the file's path
         * @param error the raw parser message
         * @param enrichedMessage upstream's explanatory prose, if the error qualifies (see {@link WalkStats#enrich})
         */
        public ParseError {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(enrichedMessage, "enrichedMessage");
        }

        /**
         * A parse error with the enrichment upstream applies (missing {@code host} field).
         *
         * @param path the file's path
         * @param error the raw parser message
         * @return the parse error, enriched when upstream would enrich it
         */
        public static ParseError of(String path, String error) {
            return new ParseError(path, error, enrich(error));
        }
    }

    /** A file that could not be read. */
    public record IoError(String path, String error) {
        /**
         * Checks that no component is null.
         *
         * @param path the file's path
         * @param error the read failure's message
         */
        public IoError {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * Upstream's enriched prose for a parse error whose message mentions both
     * {@code missing field} and {@code `host`}; empty otherwise.
     *
     * @param error the raw parser message
     * @return the enriched prose, or empty when the message does not qualify
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
