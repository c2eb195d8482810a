package dev.ktstr.api.kernel;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ktstr.api.KtstrException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

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
    /**
     * {@code metadata.json} bound as serde reads it: no coercion between JSON types (a number is
     * not a string, {@code 1} is not {@code true}, {@code 1.5} is not an integer), a duplicate
     * key or trailing content is an error, unknown keys are ignored.
     */
    private static final ObjectReader METADATA = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .withCoercionConfigDefaults(c -> {
                for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
                        CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
                        CoercionInputShape.EmptyString}) {
                    c.setCoercion(shape, CoercionAction.Fail);
                }
            })
            .build()
            .readerFor(MetadataJson.class);

    /** The keys of {@code metadata.json} (snake_case on disk); absent and {@code null} read as {@code null}. */
    private record MetadataJson(String version, SourceJson source, String arch, String imageName, String configHash,
            String builtAt, String ktstrKconfigHash, Boolean hasVmlinux, Boolean vmlinuxStripped,
            BigInteger sourceVmlinuxSize, BigInteger sourceVmlinuxMtimeSecs) {
    }

    /** The tagged {@code source} object. */
    private record SourceJson(String type, String sourceTreePath, String gitHash, String ref) {
    }

    /**
     * One cache entry whose metadata parsed and whose image file exists.
     *
     * @param key      the entry's directory name, a {@linkplain #isValidKey valid key}
     * @param dir      the entry's directory, {@code <root>/<key>}
     * @param metadata its parsed {@code metadata.json}
     */
    public record Entry(String key, Path dir, KernelMetadata metadata) {
        /**
         * Checks that no component is {@code null}.
         *
         * @param key      the entry's directory name
         * @param dir      the entry's directory
         * @param metadata its parsed {@code metadata.json}
         */
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
     *
     * @param key a candidate directory name under the cache root
     * @return whether upstream would accept it as an entry key
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
     * @param json the whole text of one {@code metadata.json}
     * @return the parsed metadata
     * @throws KtstrException whose message starts {@code metadata.json malformed},
     *     {@code metadata.json truncated} or {@code metadata.json schema drift}
     */
    public static KernelMetadata parseMetadata(String json) {
        if (json.isBlank()) {
            throw new KtstrException("metadata.json truncated: empty input");
        }
        MetadataJson m;
        try {
            m = METADATA.readValue(json);
        } catch (IOException e) {
            throw failure(e);
        }
        require(m.source(), "source");
        require(m.arch(), "arch");
        require(m.imageName(), "image_name");
        require(m.builtAt(), "built_at");
        require(m.hasVmlinux(), "has_vmlinux");
        require(m.vmlinuxStripped(), "vmlinux_stripped");
        return new KernelMetadata(m.version(), source(m.source()), m.arch(), m.imageName(), m.configHash(),
                m.builtAt(), m.ktstrKconfigHash(), m.hasVmlinux(), m.vmlinuxStripped(),
                u64(m.sourceVmlinuxSize(), "source_vmlinux_size"),
                i64(m.sourceVmlinuxMtimeSecs(), "source_vmlinux_mtime_secs"));
    }

    /**
     * The error for a failed read. Databind wraps a parser's exception met inside an object
     * (with the path to it), so the cause is looked at first: end of input is truncation, a
     * syntax error is malformed text (a duplicate key is schema drift, as serde words it), a
     * value of the wrong type is schema drift.
     */
    private static KtstrException failure(IOException e) {
        Throwable cause = e;
        while (cause.getCause() instanceof IOException inner && cause instanceof DatabindException
                && !(cause instanceof MismatchedInputException)) {
            cause = inner;
        }
        if (cause instanceof JsonEOFException eof) {
            return new KtstrException("metadata.json truncated: " + eof.getOriginalMessage(), e);
        }
        if (cause instanceof MismatchedInputException mismatch) {
            if (mismatch.getOriginalMessage().startsWith("Trailing token")) {
                return new KtstrException("metadata.json malformed: trailing characters at "
                        + mismatch.getLocation().offsetDescription(), e);
            }
            return new KtstrException("metadata.json schema drift: " + mismatch(mismatch), e);
        }
        if (cause instanceof JsonParseException parse) {
            String what = parse.getOriginalMessage() == null ? "" : parse.getOriginalMessage();
            return new KtstrException("metadata.json " + (what.startsWith("Duplicate field") ? "schema drift: "
                    : "malformed: ") + what, e);
        }
        if (cause instanceof DatabindException bind) {
            return new KtstrException("metadata.json schema drift: " + bind.getOriginalMessage(), e);
        }
        return new KtstrException("metadata.json malformed: " + cause.getMessage(), e);
    }

    private static KernelMetadata.Source source(SourceJson s) {
        if (s.type() == null) {
            throw drift("source: missing field `type`");
        }
        switch (s.type()) {
            case "tarball":
                return KernelMetadata.Tarball.INSTANCE;
            case "git":
                return new KernelMetadata.GitSource(s.gitHash(), s.ref());
            case "local":
                return new KernelMetadata.LocalSource(s.sourceTreePath(), s.gitHash());
            default:
                throw drift("source: unknown variant `" + s.type() + "`, expected one of `tarball`, `git`, `local`");
        }
    }

    /** {@code field: expected <type>, found <token>} of a value of the wrong JSON type. */
    private static String mismatch(MismatchedInputException e) {
        String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                : String.valueOf(r.getIndex())).collect(Collectors.joining("."));
        Class<?> t = e.getTargetType();
        String expected = t == String.class ? "a string" : t == Boolean.class ? "a boolean"
                : t == BigInteger.class ? "an integer" : "an object";
        JsonToken found = e.getProcessor() instanceof JsonParser p ? p.currentToken() : null;
        return (field.isEmpty() ? "" : field + ": ") + "expected " + expected
                + (found == null ? "" : ", found " + found.name().toLowerCase(Locale.ROOT));
    }

    private static Long u64(BigInteger v, String field) {
        if (v != null && (v.signum() < 0 || v.bitLength() > 64)) {
            throw drift(field + ": " + v + " is out of range for u64");
        }
        return v == null ? null : v.longValue();
    }

    private static Long i64(BigInteger v, String field) {
        if (v != null && v.bitLength() > 63) {
            throw drift(field + ": " + v + " is out of range for i64");
        }
        return v == null ? null : v.longValue();
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
     *
     * @return the architecture name; an unknown {@code os.arch} is returned lower-cased as is
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
     *
     * @param version the kernel version, e.g. {@code 6.14.2}
     * @param arch    the Rust architecture name, e.g. {@code x86_64} (see {@link #hostArch})
     * @return the key prefix, e.g. {@code 6.14.2-tarball-x86_64-kc}
     */
    public static String tarballKeyPrefix(String version, String arch) {
        return version + "-tarball-" + arch + "-kc";
    }
}
