package dev.ktstr.api.store;

import java.util.Objects;

/**
 * A file that looked like a sidecar but could not be read: permission denied, vanished
 * mid-walk, broken symlink or symlink loop, not a regular file.
 *
 * @param location where the file lives
 * @param rawError what the read failed with
 */
public record IoError(String location, String rawError) {
    /**
     * An IO error.
     *
     * @param location where the file lives; not null
     * @param rawError what the read failed with; not null
     */
    public IoError {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(rawError, "rawError");
    }

    /** {@return the operator diagnostic line: {@code ktstr_test: cannot read <location>: <error>}} */
    public String diagnostic() {
        return "ktstr_test: cannot read " + location + ": " + rawError;
    }
}
