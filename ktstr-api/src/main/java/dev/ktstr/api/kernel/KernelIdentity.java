package dev.ktstr.api.kernel;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.Providers;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel a sidecar describes, derived from {@code KTSTR_KERNEL}: its version (the
 * {@code {kernel}} part of the run directory and the {@code kernel_version} field) and the
 * source directory whose commit becomes {@code kernel_commit}.
 *
 * @deprecated Kernel identity is a probe: use {@link dev.ktstr.api.spi.HostProbe} through
 *     {@link Providers#host()} (the {@code linux} provider in {@code dev.ktstr.host}, Maven
 *     artifact {@code dev.ktstr:ktstr-host}). These methods now delegate to it and throw
 *     {@link dev.ktstr.api.ProviderException} when no host probe is on the path.
 */
@Deprecated(since = "0.1.0", forRemoval = true)
public final class KernelIdentity {

    /** Where a built kernel tree records its release string. */
    public static final String KERNEL_RELEASE = "include/config/kernel.release";

    private KernelIdentity() {
    }

    /** {@link dev.ktstr.api.spi.HostProbe#kernelVersion} of {@link Providers#host()}. */
    public static Optional<String> detectVersion(Env env) {
        return Providers.host().kernelVersion(env);
    }

    /** {@link dev.ktstr.api.spi.HostProbe#kernelSourceDir} of {@link Providers#host()}. */
    public static Optional<Path> resolveSourceDir(Env env) {
        return Providers.host().kernelSourceDir(env);
    }

    /** {@link dev.ktstr.api.spi.HostProbe#kernelRepositoryDir} of {@link Providers#host()}. */
    public static Optional<Path> revspecRepositoryDir(Env env) {
        return Providers.host().kernelRepositoryDir(env);
    }

    /**
     * The source directory for a version or cache key, from {@code cache}. Only {@code local}
     * entries that recorded a {@code source_tree_path} count: tarball and git entries have no
     * source tree left to probe.
     * <ul>
     *   <li>version {@code v}: first the tarball-shaped entries
     *       ({@link KernelCache#tarballEntries}), then every valid entry newest first whose
     *       {@code version} is {@code v};</li>
     *   <li>cache key: that entry only;</li>
     *   <li>anything else: empty.</li>
     * </ul>
     */
    @SuppressWarnings("removal")
    public static Optional<Path> resolveSourceDir(KernelId id, KernelCache cache) {
        if (id instanceof KernelId.Version v) {
            for (KernelCache.Entry e : cache.tarballEntries(v.version(), KernelCache.hostArch())) {
                Optional<Path> tree = e.metadata().localSourceTree();
                if (tree.isPresent()) {
                    return tree;
                }
            }
            for (KernelCache.Entry e : cache.list()) {
                if (e.metadata().version().filter(v.version()::equals).isPresent()) {
                    Optional<Path> tree = e.metadata().localSourceTree();
                    if (tree.isPresent()) {
                        return tree;
                    }
                }
            }
            return Optional.empty();
        }
        if (id instanceof KernelId.CacheKey k) {
            return cache.lookup(k.key()).flatMap(e -> e.metadata().localSourceTree());
        }
        return Optional.empty();
    }
}
