package dev.ktstr.api;

/**
 * Unchecked failure of the ktstr-java API family. Messages say what failed, on which file or
 * provider, and what to do about it.
 */
public class KtstrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KtstrException(String message) {
        super(message);
    }

    public KtstrException(String message, Throwable cause) {
        super(message, cause);
    }
}
