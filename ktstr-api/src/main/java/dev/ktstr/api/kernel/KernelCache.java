package dev.ktstr.api.kernel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.ktstr.api.env.Env;
import dev.ktstr.api.KtstrException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.math.BigInteger;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Read-only view of upstream's kernel cache: {@code <root>/<key>/{<image>, vmlinux?,
 * metadata.json}}. Resolving the root does not touch the filesystem; lookups never throw.
 * <p>Reading the cache moved to the host probe ({@link dev.ktstr.api.spi.HostProbe}, the
 * {@code linux} provider in {@code dev.ktstr.host}): the methods that touch the filesystem
 * ({@link #at}, {@link #open}, {@link #root(Env)}, {@link #lookup}, {@link #list},
 * {@link #readMetadata}, {@link #tarballEntries}) are deprecated for removal and nothing in the
 * API calls them. Parsing ({@link #parseMetadata}), key rules and naming stay here.
 */
public final class KernelCache {

    /** Explicit cache root, used verbatim (no {@code kernels} suffix). */
    public static final String CACHE_DIR_ENV = "KTSTR_CACHE_DIR";
    /** The metadata file of a cache entry. */
    public static final String METADATA_FILE = "metadata.json";

    private static final String TMP_DIR_PREFIX = ".tmp-";
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One cache entry whose metadata parsed and whose image file exists. */
    public record Entry(String key, Path dir, KernelMetadata metadata) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    private final Path root;

    private KernelCache(Path root) {
        this.root = root;
    }

    /** A cache rooted at {@code root}. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static KernelCache at(Path root) {
        return new KernelCache(Objects.requireNonNull(root, "root"));
    }

    /** The cache at {@link #root(Env)}. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static KernelCache open(Env env) {
        return new KernelCache(root(env));
    }

    /** The cache root this view reads. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Path root() {
        return root;
    }

    /**
     * The cache root: {@code KTSTR_CACHE_DIR} when non-empty (verbatim), else
     * {@code $XDG_CACHE_HOME/ktstr/kernels} when non-empty, else {@code $HOME/.cache/ktstr/kernels}.
     *
     * <p>Upstream refuses a non-UTF-8 {@code KTSTR_CACHE_DIR}; Java decodes the environment
     * itself and cannot see invalid bytes, so that check has no counterpart here.
     *
     * @throws KtstrException when no root can be derived ({@code HOME} unset, empty, {@code /}
     *     or relative)
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Path root(Env env) {
        Optional<String> explicit = env.nonEmpty(CACHE_DIR_ENV);
        if (explicit.isPresent()) {
            return toPath(explicit.get(), CACHE_DIR_ENV);
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
     * True when {@code key} may name a cache entry: not blank, no {@code /}, {@code \}, NUL or
     * {@code ..}, not {@code .}, and not starting with {@code .tmp-}.
     */
    public static boolean isValidKey(String key) {
        return !key.isBlank() && key.indexOf('/') < 0 && key.indexOf('\\') < 0 && key.indexOf('\0') < 0
                && !key.equals(".") && !key.contains("..") && !key.startsWith(TMP_DIR_PREFIX);
    }

    /**
     * The entry named {@code key}: the key is valid, {@code <root>/<key>} is a directory, its
     * {@code metadata.json} parses and the image file it names exists. Otherwise empty.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public Optional<Entry> lookup(String key) {
        if (!isValidKey(key)) {
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
     * Every valid entry, newest {@code built_at} first (ties keep listing order). Dot-names
     * ({@code .locks}, {@code .tmp-*}), non-directories and corrupt entries are left out. An
     * unreadable or missing root gives an empty list.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            for (Path child : dir) {
                Path name = child.getFileName();
                if (name == null || name.toString().startsWith(".") || !Files.isDirectory(child)) {
                    continue;
                }
                entry(name.toString(), child).ifPresent(entries::add);
            }
        } catch (IOException | RuntimeException e) {
            // As upstream: a root that cannot be listed (missing, unreadable, or failing mid-way)
            // is an empty cache for the probes.
            return List.of();
        }
        entries.sort(Comparator.comparing((Entry e) -> e.metadata().builtAt()).reversed());
        return List.copyOf(entries);
    }

    private static Optional<Entry> entry(String key, Path dir) {
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
        return Optional.of(new Entry(key, dir, meta.get()));
    }

    /**
     * {@code <dir>/metadata.json} parsed, or empty when it is missing, unreadable, not UTF-8,
     * malformed, truncated, or does not match the schema.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Optional<KernelMetadata> readMetadata(Path dir) {
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(METADATA_FILE));
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return Optional.of(parseMetadata(text));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Parses {@code metadata.json} text the way upstream's deserializer does: required keys
     * {@code source, arch, image_name, built_at, has_vmlinux, vmlinux_stripped}; optional keys
     * may be absent or {@code null}; unknown keys are ignored; a duplicate key, a wrong type, an
     * unknown {@code source.type} or trailing content is an error.
     *
     * @throws KtstrException whose message starts {@code metadata.json malformed},
     *     {@code metadata.json truncated} or {@code metadata.json schema drift}
     */
    public static KernelMetadata parseMetadata(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            KernelMetadata meta = readTop(p);
            if (p.nextToken() != null) {
                throw new KtstrException("metadata.json malformed: trailing characters at "
                        + p.currentLocation().offsetDescription());
            }
            return meta;
        } catch (JsonEOFException e) {
            throw new KtstrException("metadata.json truncated: " + e.getOriginalMessage(), e);
        } catch (JsonParseException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new KtstrException("metadata.json schema drift: " + e.getOriginalMessage(), e);
            }
            throw new KtstrException("metadata.json malformed: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new KtstrException("metadata.json malformed: " + e.getMessage(), e);
        }
    }

    private static KernelMetadata readTop(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new JsonEOFException(p, null, "empty input");
        }
        if (t != JsonToken.START_OBJECT) {
            throw drift("expected an object, found " + t);
        }
        String version = null;
        KernelMetadata.Source source = null;
        String arch = null;
        String imageName = null;
        String configHash = null;
        String builtAt = null;
        String kconfigHash = null;
        Boolean hasVmlinux = null;
        Boolean stripped = null;
        Long size = null;
        Long mtime = null;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "version" -> version = optString(p, v, name);
                case "source" -> source = readSource(p, v);
                case "arch" -> arch = string(p, v, name);
                case "image_name" -> imageName = string(p, v, name);
                case "config_hash" -> configHash = optString(p, v, name);
                case "built_at" -> builtAt = string(p, v, name);
                case "ktstr_kconfig_hash" -> kconfigHash = optString(p, v, name);
                case "has_vmlinux" -> hasVmlinux = bool(v, name);
                case "vmlinux_stripped" -> stripped = bool(v, name);
                case "source_vmlinux_size" -> size = optInteger(p, v, name, true);
                case "source_vmlinux_mtime_secs" -> mtime = optInteger(p, v, name, false);
                default -> skip(p, v);
            }
        }
        if (t == null) {
            throw new JsonEOFException(p, null, "unexpected end of input inside the top-level object");
        }
        require(source, "source");
        require(arch, "arch");
        require(imageName, "image_name");
        require(builtAt, "built_at");
        require(hasVmlinux, "has_vmlinux");
        require(stripped, "vmlinux_stripped");
        return new KernelMetadata(version, source, arch, imageName, configHash, builtAt, kconfigHash, hasVmlinux,
                stripped, size, mtime);
    }

    private static KernelMetadata.Source readSource(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            throw drift("source: expected an object with a \"type\" tag, found " + t);
        }
        String type = null;
        String sourceTreePath = null;
        String gitHash = null;
        String ref = null;
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "type" -> type = string(p, v, "source.type");
                case "source_tree_path" -> sourceTreePath = optString(p, v, "source.source_tree_path");
                case "git_hash" -> gitHash = optString(p, v, "source.git_hash");
                case "ref" -> ref = optString(p, v, "source.ref");
                default -> skip(p, v);
            }
        }
        if (k == null) {
            throw new JsonEOFException(p, null, "unexpected end of input inside \"source\"");
        }
        if (type == null) {
            throw drift("source: missing field `type`");
        }
        switch (type) {
            case "tarball":
                return KernelMetadata.Tarball.INSTANCE;
            case "git":
                return new KernelMetadata.GitSource(gitHash, ref);
            case "local":
                return new KernelMetadata.LocalSource(sourceTreePath, gitHash);
            default:
                throw drift("source: unknown variant `" + type + "`, expected one of `tarball`, `git`, `local`");
        }
    }

    private static String string(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw drift(field + ": expected a string, found " + t);
        }
        return p.getText();
    }

    private static String optString(JsonParser p, JsonToken t, String field) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : string(p, t, field);
    }

    private static Boolean bool(JsonToken t, String field) {
        if (t == JsonToken.VALUE_TRUE) {
            return Boolean.TRUE;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return Boolean.FALSE;
        }
        throw drift(field + ": expected a boolean, found " + t);
    }

    private static Long optInteger(JsonParser p, JsonToken t, String field, boolean unsigned) throws IOException {
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw drift(field + ": expected an integer, found " + t);
        }
        BigInteger v = p.getBigIntegerValue();
        if (unsigned) {
            if (v.signum() < 0 || v.compareTo(U64_MAX) > 0) {
                throw drift(field + ": " + v + " is out of range for u64");
            }
            return v.longValue();
        }
        if (v.bitLength() > 63) {
            throw drift(field + ": " + v + " is out of range for i64");
        }
        return v.longValue();
    }

    private static void skip(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            throw new JsonEOFException(p, null, "unexpected end of input");
        }
        p.skipChildren();
    }

    private static void require(Object value, String field) {
        if (value == null) {
            throw drift("missing field `" + field + "`");
        }
    }

    private static KtstrException drift(String what) {
        return new KtstrException("metadata.json schema drift: " + what);
    }

    /**
     * The Rust target architecture name of this JVM's host ({@code x86_64}, {@code aarch64},
     * ...), which upstream writes in cache keys and in {@code arch}.
     */
    public static String hostArch() {
        String a = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            case "ppc64le" -> "powerpc64";
            default -> a;
        };
    }

    /**
     * The tarball-shaped key of {@code version} without its kconfig suffix:
     * {@code {version}-tarball-{arch}-kc}. Upstream completes it with the CRC32 of the
     * {@code ktstr.kconfig} compiled into that ktstr binary.
     */
    public static String tarballKeyPrefix(String version, String arch) {
        return version + "-tarball-" + arch + "-kc";
    }

    /**
     * Entries whose key is {@code {version}-tarball-{arch}-kc<8 lowercase hex>}, newest first.
     *
     * <p>Upstream looks up exactly one key, suffixed with the kconfig hash built into that ktstr
     * binary. A Java process cannot know which ktstr build filled the cache, so it accepts any
     * well-formed kconfig suffix; the ktstr release of upstream commit 25abb9c uses
     * {@code c0bd848c}.
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public List<Entry> tarballEntries(String version, String arch) {
        String prefix = tarballKeyPrefix(version, arch);
        List<Entry> out = new ArrayList<>();
        for (Entry e : list()) {
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
