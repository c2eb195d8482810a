package dev.ktstr.api.store;

/**
 * Turns the bytes of one sidecar file into a value. Anything it throws makes that file a
 * {@link ParseError} with the exception's message as the raw error; the walk goes on.
 *
 * @param <T> the parsed type
 */
@FunctionalInterface
public interface SidecarParser<T> {

    /**
     * Parses {@code bytes}, read from {@code location}.
     *
     * @throws Exception when the content is not an acceptable sidecar
     */
    T parse(String location, byte[] bytes) throws Exception;
}
