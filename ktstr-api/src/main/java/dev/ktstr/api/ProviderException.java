package dev.ktstr.api;

/** No usable provider, an ambiguous choice, or an explicit choice that cannot be honoured. */
public final class ProviderException extends KtstrException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the SPI, the providers tried and why each was refused, and the module to add
     */
    public ProviderException(String message) {
        super(message);
    }
}
