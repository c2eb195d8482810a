/**
 * Kernel identity and run source as values and rules: parsing {@code KTSTR_KERNEL}
 * ({@link dev.ktstr.api.kernel.KernelId}), the kernel cache's rules (keys, {@code metadata.json}
 * parsing, tarball key names) and the {@code run_source} field. Nothing here reads a file:
 * resolving the kernel a sidecar records, and the host it ran on, is the
 * {@link dev.ktstr.api.spi.HostProbe}'s ({@code dev.ktstr.host}).
 */
package dev.ktstr.api.kernel;
