package dev.ktstr.api.kernel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.ktstr.api.KtstrException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.math.BigInteger;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The rules of upstream's kernel cache ({@code <root>/<key>/{<image>, vmlinux?, metadata.json}}),
 * without touching it: the entry shape, which keys are valid, how {@code metadata.json} parses
 * and how tarball keys are named. Reading the cache is the host probe's
 * ({@link dev.ktstr.api.spi.HostProbe}; the {@code linux} provider in {@code dev.ktstr.host}), so
 * ktstr-api reads no file of it.
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

    private KernelCache() {
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
}
