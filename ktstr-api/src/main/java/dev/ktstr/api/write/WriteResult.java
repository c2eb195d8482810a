package dev.ktstr.api.write;

import dev.ktstr.api.schema.SidecarResult;
import java.util.Objects;

/**
 * What one write did.
 *
 * @param location        where the sidecar now lives (for the filesystem store, its path)
 * @param runLocation     the canonical location of its run
 * @param defaultPath     true on the default path (locked, pre-cleared); false under the
 *                        {@code KTSTR_SIDECAR_DIR} override
 * @param preClearRemoved files this write's pre-clear removed (0 when the run was cleared before)
 * @param written         the record as written, after filling
 */
public record WriteResult(String location, String runLocation, boolean defaultPath, int preClearRemoved,
        SidecarResult written) {
    /**
     * A write's result.
     *
     * @param location        where the sidecar now lives; not null
     * @param runLocation     the canonical location of its run; not null
     * @param defaultPath     true on the default path, false under {@code KTSTR_SIDECAR_DIR}
     * @param preClearRemoved files this write's pre-clear removed
     * @param written         the record as written; not null
     */
    public WriteResult {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(runLocation, "runLocation");
        Objects.requireNonNull(written, "written");
    }
}
