package dev.ktstr.api;

/**
 * Unchecked failure of the ktstr-java API family. Messages say what failed, on which file or
 * provider, and what to do about it.
 */
public class KtstrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, where, and what to do about it
     */
    public KtstrException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that caused it.
     *
     * @param message what failed, where, and what to do about it
     * @param cause   the underlying failure, kept for the stack trace
     */
    public KtstrException(String message, Throwable cause) {
        super(message, cause);
    }
}
