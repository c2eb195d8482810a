package dev.ktstr.api.read;

import dev.ktstr.api.codec.SidecarCodec;
import dev.ktstr.api.schema.SidecarResult;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A projection of sidecars (see {@link SidecarReader#pool(String, boolean, CachedProjection, dev.ktstr.api.spi.PoolQuery)})
 * whose results a store may cache across processes: a name, the function, the class that
 * defines it, and how a projected record is kept in the cache (by default the sidecar JSON
 * codec; a projection that keeps a few fields can give a compact codec of its own).
 *
 * <p>The cache key is made of the name, the build of this API (its codec), the build of
 * {@code owner} and the build of the decoder's class (the jar or class file each was loaded
 * from: size and modification time), so a rebuilt projection or codec never reads an older
 * build's entries. The function must depend on its argument alone, and
 * {@code decoder.decode(encoder.apply(function.apply(s)))} must equal {@code function.apply(s)}.
 *
 * @param name     what the projection keeps, stable across runs (e.g. {@code list-values.dimensions})
 * @param function the projection
 * @param owner    the class whose code the function is (e.g. the report class it is a method of)
 * @param encoder  a projected record as bytes
 * @param decoder  the record {@code encoder} gave the bytes for
 */
public record CachedProjection(String name, UnaryOperator<SidecarResult> function, Class<?> owner,
        Function<SidecarResult, byte[]> encoder, Decoder decoder) {

    /** Turns cached bytes back into a projected record. */
    @FunctionalInterface
    public interface Decoder {
        /**
         * Decodes what the projection's encoder wrote.
         *
         * @param bytes a cache entry's bytes, as the encoder gave them
         * @return the projected record the encoder was given
         * @throws Exception when the bytes are not what the encoder wrote (the file is then parsed)
         */
        SidecarResult decode(byte[] bytes) throws Exception;
    }

    /**
     * A projection with its own cache codec.
     *
     * @param name     what the projection keeps, stable across runs; not null
     * @param function the projection; not null
     * @param owner    the class whose code the function is; not null
     * @param encoder  a projected record as bytes; not null
     * @param decoder  the record {@code encoder} gave the bytes for; not null
     * @throws NullPointerException when any argument is null
     */
    public CachedProjection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
    }

    /**
     * A projection cached as sidecar JSON (the codec's own bytes).
     *
     * @param name     what the projection keeps, stable across runs (e.g. {@code list-values.dimensions})
     * @param function the projection; must depend on its argument alone
     * @param owner    the class whose code the function is (its build is part of the cache key)
     */
    public CachedProjection(String name, UnaryOperator<SidecarResult> function, Class<?> owner) {
        this(name, function, owner, SidecarCodec::write, SidecarCodec::read);
    }
}
