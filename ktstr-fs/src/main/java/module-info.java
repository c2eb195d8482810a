/**
 * The filesystem {@link dev.ktstr.api.spi.SidecarStore} (name {@code fs}): sidecars as files
 * under {@code {runs_root}/{kernel}-{project_commit}/}, written atomically and durably.
 * Exports nothing; reach it through {@link dev.ktstr.api.Providers}.
 *
 * @provides dev.ktstr.api.spi.SidecarStore
 */
module dev.ktstr.fs {
    requires dev.ktstr.api;

    provides dev.ktstr.api.spi.SidecarStore with dev.ktstr.fs.FsSidecarStore;
}
