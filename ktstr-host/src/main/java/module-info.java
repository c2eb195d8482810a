/**
 * The Linux {@link dev.ktstr.api.spi.HostProbe} (name {@code linux}): the {@code host} context
 * of a sidecar read from {@code /proc}, {@code /sys} and the kernel's uname strings, as
 * upstream's {@code collect_host_context}, and the kernel identity ({@code kernel_version}, the
 * kernel source directory) from {@code KTSTR_KERNEL} and upstream's kernel cache.
 * Exports nothing; reach it through {@link dev.ktstr.api.Providers}.
 *
 * @provides dev.ktstr.api.spi.HostProbe
 */
module dev.ktstr.host {
    requires dev.ktstr.api;

    provides dev.ktstr.api.spi.HostProbe with dev.ktstr.host.LinuxHostProbe;
}
