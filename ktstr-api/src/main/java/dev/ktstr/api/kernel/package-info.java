/**
 * Kernel identity and run source: parsing {@code KTSTR_KERNEL}, the kernel cache
 * ({@code metadata.json}, cache root, entry lookup), the {@code kernel_version} and the kernel
 * source directory a sidecar records, and the {@code run_source} field.
 *
 * <p>Every environment read goes through {@link dev.ktstr.api.env.Env}. Probes here never fail a
 * sidecar write: bad or partial input yields an empty result.
 */
package dev.ktstr.api.kernel;
