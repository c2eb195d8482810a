package dev.ktstr.api.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One run directory under a runs root.
 *
 * @param name     the run name, e.g. {@code 6.14.2-abc1234}
 * @param location where the run lives (for the filesystem store, the runs root joined with the name)
 * @param modified last modification time, or {@link Instant#MIN} when it could not be read;
 *                 see {@link #modifiedTime()}
 */
public record RunInfo(String name, String location, Instant modified) {
    /**
     * A run directory.
     *
     * @param name     the run name; not null
     * @param location where the run lives; not null
     * @param modified last modification time, or {@link Instant#MIN} when unknown; not null
     */
    public RunInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(modified, "modified");
    }

    /** {@return the modification time, empty when it could not be read} */
    public Optional<Instant> modifiedTime() {
        return modified.equals(Instant.MIN) ? Optional.empty() : Optional.of(modified);
    }
}
