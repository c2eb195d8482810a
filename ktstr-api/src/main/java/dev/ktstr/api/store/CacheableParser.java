package dev.ktstr.api.store;

/**
 * A {@link SidecarParser} whose results a store may keep in a persistent cache and hand back
 * for an unchanged file instead of parsing it again (the filesystem store's pool index). A
 * store never caches a parser that is not one of these.
 *
 * <p>The contract that makes a cache exact:
 * <ul>
 *   <li>{@link #parse} depends on the bytes alone, not on the location nor on anything else
 *       that can change while the file does not;</li>
 *   <li>{@link #cacheKey} names that function: two parsers with one key give equal results for
 *       equal bytes (put a version in it, and whatever else the result depends on);</li>
 *   <li>{@code decode(encode(v))} equals {@code v}.</li>
 * </ul>
 * A parse that throws is cached as the error it gives ({@link ParseError} or {@link IoError},
 * with the same raw message); errors from reading the file are never cached.
 *
 * @param <T> the parsed type
 */
public interface CacheableParser<T> extends SidecarParser<T> {

    /** {@return the name of what {@link #parse} computes; a cache keeps entries of different keys apart} */
    String cacheKey();

    /**
     * Encodes a parsed value for the cache.
     *
     * @param value a value {@link #parse} returned
     * @return bytes that {@link #decode} turns back into an equal value
     */
    byte[] encode(T value);

    /**
     * The value {@link #encode} gave {@code bytes} for.
     *
     * @param bytes a cache entry's bytes
     * @return the decoded value, equal to the one encoded
     * @throws Exception when the bytes are not what {@code encode} wrote (the cache then parses the file)
     */
    T decode(byte[] bytes) throws Exception;
}
