package dev.ktstr.host;

import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import dev.ktstr.api.kernel.KernelCache;
import dev.ktstr.api.kernel.KernelMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Read-only view of upstream's kernel cache: {@code <root>/<key>/{<image>, vmlinux?,
 * metadata.json}}. Parsing ({@link KernelCache#parseMetadata}) and key rules live in the API;
 * every filesystem read is here. Resolving the root does not touch the filesystem; lookups never
 * throw.
 */
final class KernelCacheView {

    private final Path root;

    private KernelCacheView(Path root) {
        this.root = root;
    }

    static KernelCacheView at(Path root) {
        return new KernelCacheView(root);
    }

    /** The cache at {@link #root(Env)}. */
    static KernelCacheView open(Env env) {
        return new KernelCacheView(root(env));
    }

    Path root() {
        return root;
    }

    /**
     * The cache root: {@code KTSTR_CACHE_DIR} when non-empty (verbatim), else
     * {@code $XDG_CACHE_HOME/ktstr/kernels} when non-empty, else {@code $HOME/.cache/ktstr/kernels}.
     *
     * @throws KtstrException when no root can be derived ({@code HOME} unset, empty, {@code /}
     *     or relative)
     */
    static Path root(Env env) {
        Optional<String> explicit = env.nonEmpty(KernelCache.CACHE_DIR_ENV);
        if (explicit.isPresent()) {
            return toPath(explicit.get(), KernelCache.CACHE_DIR_ENV);
        }
        Optional<String> xdg = env.nonEmpty("XDG_CACHE_HOME");
        if (xdg.isPresent()) {
            return toPath(xdg.get(), "XDG_CACHE_HOME").resolve("ktstr").resolve("kernels");
        }
        Optional<String> home = env.get("HOME");
        if (home.isEmpty()) {
            throw new KtstrException("Cannot locate the kernel cache: HOME is not set. Set KTSTR_CACHE_DIR "
                    + "or XDG_CACHE_HOME to a cache directory.");
        }
        String h = home.get();
        if (h.isEmpty()) {
            throw new KtstrException("Cannot locate the kernel cache: HOME is empty. Set HOME, KTSTR_CACHE_DIR "
                    + "or XDG_CACHE_HOME to a cache directory.");
        }
        if (h.equals("/")) {
            throw new KtstrException("Cannot locate the kernel cache: HOME is '/', which would put the cache "
                    + "at /.cache/ktstr/kernels. Set KTSTR_CACHE_DIR or XDG_CACHE_HOME to a cache directory.");
        }
        Path p = toPath(h, "HOME");
        if (!p.isAbsolute()) {
            throw new KtstrException("Cannot locate the kernel cache: HOME is the relative path '" + h
                    + "'. Set HOME to an absolute path, or set KTSTR_CACHE_DIR or XDG_CACHE_HOME.");
        }
        return p.resolve(".cache").resolve("ktstr").resolve("kernels");
    }

    private static Path toPath(String value, String variable) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new KtstrException("Cannot locate the kernel cache: " + variable + " is not a usable path ('"
                    + value + "': " + e.getReason() + "). Fix or unset " + variable + ".", e);
        }
    }

    /**
     * The entry named {@code key}: the key is valid, {@code <root>/<key>} is a directory, its
     * {@code metadata.json} parses and the image file it names exists. Otherwise empty.
     */
    Optional<KernelCache.Entry> lookup(String key) {
        if (!KernelCache.isValidKey(key)) {
            return Optional.empty();
        }
        Path dir;
        try {
            dir = root.resolve(key);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return entry(key, dir);
    }

    /**
     * Every valid entry, newest {@code built_at} first (ties keep listing order). Dot-names,
     * non-directories and corrupt entries are left out. An unreadable or missing root gives an
     * empty list.
     */
    List<KernelCache.Entry> list() {
        List<KernelCache.Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path child : dir) {
                Path name = child.getFileName();
                if (name == null || name.toString().startsWith(".") || !Files.isDirectory(child)) {
                    continue;
                }
                entry(name.toString(), child).ifPresent(entries::add);
            }
        } catch (IOException | RuntimeException e) {
            // As upstream: a root that cannot be listed is an empty cache for the probes.
            return List.of();
        }
        entries.sort(Comparator.comparing((KernelCache.Entry e) -> e.metadata().builtAt()).reversed());
        return List.copyOf(entries);
    }

    private static Optional<KernelCache.Entry> entry(String key, Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Optional<KernelMetadata> meta = readMetadata(dir);
        if (meta.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (!Files.exists(dir.resolve(meta.get().imageName()))) {
                return Optional.empty();
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.of(new KernelCache.Entry(key, dir, meta.get()));
    }

    /**
     * {@code <dir>/metadata.json} parsed, or empty when it is missing, unreadable, not UTF-8,
     * malformed, truncated, or does not match the schema.
     */
    static Optional<KernelMetadata> readMetadata(Path dir) {
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(KernelCache.METADATA_FILE));
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(KernelCache.parseMetadata(text));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Entries whose key is {@code {version}-tarball-{arch}-kc<8 lowercase hex>}, newest first. */
    List<KernelCache.Entry> tarballEntries(String version, String arch) {
        String prefix = KernelCache.tarballKeyPrefix(version, arch);
        List<KernelCache.Entry> out = new ArrayList<>();
        for (KernelCache.Entry e : list()) {
            if (e.key().startsWith(prefix) && isHex8(e.key().substring(prefix.length()))) {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean isHex8(String s) {
        if (s.length() != 8) {
            return false;
        }
        for (int i = 0; i < 8; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
