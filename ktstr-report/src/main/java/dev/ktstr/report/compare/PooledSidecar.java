package dev.ktstr.report.compare;

import dev.ktstr.api.schema.SidecarResult;
import dev.ktstr.report.GauntletRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One sidecar of the pool with where it came from. {@code run} is the run directory name and
 * {@code path} the file's path (any stable label); together they give the pool a deterministic
 * order, independent of the order a filesystem walk returned.
 *
 * @param run the run directory name
 * @param path the file's path, or another stable label
 * @param sidecar the sidecar as read
 */
public record PooledSidecar(String run, String path, SidecarResult sidecar) {
    /**
     * Checks presence.
     *
     * @param run the run directory name
     * @param path the file's path, or another stable label
     * @param sidecar the sidecar as read
     */
    public PooledSidecar {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sidecar, "sidecar");
    }

    /**
     * The sidecar as a report reads it: with the archive override ({@code --dir}) its run
     * source is {@code archive}, whatever the file says.
     *
     * @param archiveOverride whether the pool was read with {@code --dir}
     * @return the sidecar
     */
    public SidecarResult sidecar(boolean archiveOverride) {
        return archiveOverride ? sidecar.toBuilder().runSource("archive").build() : sidecar;
    }

    /**
     * A pooled sidecar that a filter matched, with its row.
     *
     * @param source the pooled sidecar
     * @param sidecar the sidecar as read (see {@link PooledSidecar#sidecar(boolean)})
     * @param row its row
     */
    public record Match(PooledSidecar source, SidecarResult sidecar, GauntletRow row) {
    }

    /**
     * The sidecars of {@code pool} whose rows {@code filter} matches, in pool order.
     *
     * @param pool the pool
     * @param filter which rows count
     * @param archiveOverride whether the pool was read with {@code --dir}
     * @return the matches
     */
    public static List<Match> matching(List<PooledSidecar> pool, RowFilter filter, boolean archiveOverride) {
        List<Match> out = new ArrayList<>();
        for (PooledSidecar p : pool) {
            SidecarResult sc = p.sidecar(archiveOverride);
            GauntletRow row = GauntletRow.of(sc);
            if (filter.matches(row)) {
                out.add(new Match(p, sc, row));
            }
        }
        return out;
    }
}
