package dev.ktstr.api.store;

import java.util.Objects;

/**
 * Something a walk met that is not a sidecar file and so is in none of the three file
 * buckets: a directory that could not be listed, a subdirectory that loops back, a name that
 * is not valid UTF-8. Reported, never fatal.
 *
 * @param location where (for a bad name: the name as decoded, with replacement characters)
 * @param kind     what kind of problem
 * @param detail   the underlying error or explanation
 */
public record WalkProblem(String location, Kind kind, String detail) {

    /** Kinds of walk problem. */
    public enum Kind {
        /** A run directory or subdirectory that exists but could not be listed. */
        UNREADABLE_DIRECTORY,
        /** A subdirectory that resolves to a directory already walked (a symlink loop or alias). */
        SYMLINK_LOOP,
        /** An entry whose name is not valid UTF-8; upstream never treats such a name as a sidecar. */
        NON_UTF8_NAME
    }

    /**
     * A walk problem.
     *
     * @param location where; not null
     * @param kind     what kind of problem; not null
     * @param detail   the underlying error or explanation; not null
     */
    public WalkProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@return one diagnostic line: {@code ktstr_test: <kind> <location>: <detail>}} */
    public String diagnostic() {
        return "ktstr_test: " + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " " + location
                + ": " + detail;
    }
}
