package dev.ktstr.report.compare;

import dev.ktstr.api.schema.SidecarResult;
import java.util.Objects;

/**
 * One sidecar of the pool with where it came from. {@code run} is the run directory name and
 * {@code path} the file's path (any stable label); together they give the pool a deterministic
 * order, independent of the order a filesystem walk returned.
 */
public record PooledSidecar(String run, String path, SidecarResult sidecar) {
    public PooledSidecar {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sidecar, "sidecar");
    }
}
