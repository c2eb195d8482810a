package dev.ktstr.api.store;

/**
 * Turns the bytes of one sidecar file into a value. An {@link java.io.IOException} makes that
 * file an {@link IoError} (the bytes are not text: upstream's {@code read_to_string} fails there
 * too); anything else it throws makes it a {@link ParseError} with the exception's message as
 * the raw error. Either way the walk goes on.
 *
 * @param <T> the parsed type
 */
@FunctionalInterface
public interface SidecarParser<T> {

    /**
     * Parses {@code bytes}, read from {@code location}.
     *
     * @param location where the file lives, for messages
     * @param bytes    the file's whole content
     * @return the parsed value, not null
     * @throws Exception when the content is not an acceptable sidecar
     */
    T parse(String location, byte[] bytes) throws Exception;
}
