package dev.ktstr.api.codec;

/**
 * The bytes are not UTF-8. Upstream fails such a file while reading it into a string, before
 * parsing, and counts it as an I/O error rather than a parse error; callers that keep the two
 * apart should do the same.
 */
public class SidecarEncodingException extends SidecarParseException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for the first invalid byte.
     *
     * @param line   1-based line of the invalid byte
     * @param column bytes of that line consumed when it was found, in serde's convention
     */
    public SidecarEncodingException(int line, int column) {
        super("stream did not contain valid UTF-8", line, column, "");
    }
}
