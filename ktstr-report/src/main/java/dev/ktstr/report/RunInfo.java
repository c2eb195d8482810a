package dev.ktstr.report;

import dev.ktstr.api.schema.SidecarResult;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run directory as {@code stats list} sees it: its name, its mtime when readable, and the
 * sidecars that parsed.
 */
public record RunInfo(String name, Optional<Instant> mtime, List<SidecarResult> sidecars) {
    /**
     * Checks presence and copies the sidecars.
     *
     * @param name the run directory's name
     * @param mtime its modification time; empty when unreadable
     * @param sidecars the sidecars that parsed
     */
    public RunInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mtime, "mtime");
        sidecars = List.copyOf(sidecars);
    }
}
