package dev.ktstr.host;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.kernel.KernelCache;
import dev.ktstr.api.kernel.KernelId;
import dev.ktstr.api.kernel.KernelMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel a sidecar describes (formerly the API's {@code KernelIdentity}), derived from {@code KTSTR_KERNEL}: its version (the
 * {@code {kernel}} part of the run directory and the {@code kernel_version} field) and the
 * source directory whose commit becomes {@code kernel_commit}.
 *
 * <p>Nothing here throws for bad input: unset variables, unreadable files, malformed or
 * partial {@code metadata.json} and a cache root that cannot be derived all give empty.
 * Neither result is memoized (upstream re-reads on every write).
 */
final class KernelIdentities {

    /** Where a built kernel tree records its release string. */
    static final String KERNEL_RELEASE = "include/config/kernel.release";

    private KernelIdentities() {
    }

    /**
     * The kernel version named by {@code KTSTR_KERNEL}.
     * <ul>
     *   <li>a directory: {@code metadata.json}'s {@code version} if that file reads and parses,
     *       else the trimmed {@code include/config/kernel.release} if non-empty, else empty;</li>
     *   <li>a version: itself, without touching the cache;</li>
     *   <li>a cache key: the {@code version} of that cache entry;</li>
     *   <li>a range or git source, or unset: empty.</li>
     * </ul>
     *
     * <p>This follows upstream's code, not its documentation: when {@code metadata.json} parses
     * with {@code "version": null} (every local build stores that), the result is empty and
     * {@code kernel.release} is NOT consulted; the fallback applies only when the file is
     * missing or does not parse. Upstream's doc comment promises the fallback in both cases.
     */
    static Optional<String> detectVersion(Env env) {
        Optional<KernelId> id = KernelId.fromEnv(env);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try {
            return detectVersion(id.get(), env);
        } catch (KtstrException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> detectVersion(KernelId id, Env env) {
        if (id instanceof KernelId.Directory d) {
            Path dir = Path.of(d.raw());
            Optional<KernelMetadata> meta = KernelCacheView.readMetadata(dir);
            if (meta.isPresent()) {
                return meta.get().version();
            }
            return readRelease(dir);
        }
        if (id instanceof KernelId.Version v) {
            return Optional.of(v.version());
        }
        if (id instanceof KernelId.CacheKey k) {
            return KernelCacheView.open(env).lookup(k.key()).flatMap(e -> e.metadata().version());
        }
        return Optional.empty();
    }

    private static Optional<String> readRelease(Path dir) {
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(KERNEL_RELEASE));
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            String v = KernelId.trimWhiteSpace(text);
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The kernel source directory named by {@code KTSTR_KERNEL}, to probe for
     * {@code kernel_commit}.
     * <ul>
     *   <li>a directory: the {@code source_tree_path} of its {@code metadata.json} when that
     *       parses as a {@code local} source that recorded one (a cache entry of a local
     *       build), else the directory itself (missing or bad metadata, tarball or git
     *       entry);</li>
     *   <li>a version or cache key: looked up in the kernel cache, see
     *       {@link #resolveSourceDir(KernelId, KernelCacheView)}; a cache root that cannot be
     *       derived gives empty;</li>
     *   <li>a range or git source, or unset: empty.</li>
     * </ul>
     */
    static Optional<Path> resolveSourceDir(Env env) {
        Optional<KernelId> id = KernelId.fromEnv(env);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (id.get() instanceof KernelId.Directory d) {
                Path dir = Path.of(d.raw());
                return Optional.of(KernelCacheView.readMetadata(dir).flatMap(KernelMetadata::localSourceTree).orElse(dir));
            }
            if (id.get() instanceof KernelId.Version || id.get() instanceof KernelId.CacheKey) {
                return resolveSourceDir(id.get(), KernelCacheView.open(env));
            }
            return Optional.empty();
        } catch (KtstrException | InvalidPathException e) {
            return Optional.empty();
        }
    }

    /**
     * The directory {@code stats compare} resolves {@code --*-kernel-commit} revspecs in: the
     * trimmed, non-empty {@code KTSTR_KERNEL} taken as a path whatever it looks like (a version
     * or cache key is not looked up in the cache, as upstream), replaced by the
     * {@code source_tree_path} its {@code metadata.json} records when it is a cache entry of a
     * {@code local} build. Empty when the variable is unset, blank or not a usable path.
     *
     * <p>Unlike {@link #resolveSourceDir(Env)}, which serves {@code kernel_commit} at write time,
     * this never consults the kernel cache.
     */
    static Optional<Path> revspecRepositoryDir(Env env) {
        Optional<String> raw = env.get(KernelId.ENV).map(KernelId::trimWhiteSpace).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        Path dir;
        try {
            dir = Path.of(raw.get());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.of(KernelCacheView.readMetadata(dir).flatMap(KernelMetadata::localSourceTree).orElse(dir));
    }

    /**
     * The source directory for a version or cache key, from {@code cache}. Only {@code local}
     * entries that recorded a {@code source_tree_path} count: tarball and git entries have no
     * source tree left to probe.
     * <ul>
     *   <li>version {@code v}: first the tarball-shaped entries
     *       ({@link KernelCacheView#tarballEntries}), then every valid entry newest first whose
     *       {@code version} is {@code v};</li>
     *   <li>cache key: that entry only;</li>
     *   <li>anything else: empty.</li>
     * </ul>
     */
    static Optional<Path> resolveSourceDir(KernelId id, KernelCacheView cache) {
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
