package dev.ktstr.report;

import dev.ktstr.api.KtstrException;

/** A report cannot be produced from the given sidecars or options; the message says why. */
public class ReportException extends KtstrException {
    private static final long serialVersionUID = 1L;

    /**
     * A report error.
     *
     * @param message what went wrong, as shown to the operator
     */
    public ReportException(String message) {
        super(message);
    }
}
