package dev.ktstr.api.codec;

import dev.ktstr.api.KtstrException;

/**
 * A sidecar document that upstream's reader would reject too. {@link #serdeMessage()} is worded
 * like serde_json's error ({@code missing field `topology` at line 1 column 17}); positions use
 * serde's convention (1-based line, column = bytes consumed on that line when the error was
 * found). {@link #getMessage()} adds the field path.
 */
public class SidecarParseException extends KtstrException {
    private static final long serialVersionUID = 1L;

    /** What is wrong, without the position. */
    private final String reason;
    /** 1-based line of the error. */
    private final int line;
    /** Bytes of the line consumed when the error was found. */
    private final int column;
    /** Where in the document the error is; empty at the top level. */
    private final String fieldPath;

    /**
     * Creates the exception; the message is serde's text followed by the field path.
     *
     * @param reason    what is wrong, worded like serde_json, e.g. {@code missing field `topology`}
     * @param line      1-based line of the error
     * @param column    bytes of that line consumed when the error was found
     * @param fieldPath where in the document, e.g. {@code stats.cgroups[1].num_workers}; empty at the top level
     */
    public SidecarParseException(String reason, int line, int column, String fieldPath) {
        super(compose(reason, line, column, fieldPath));
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.fieldPath = fieldPath;
    }

    private static String compose(String reason, int line, int column, String fieldPath) {
        String serde = reason + " at line " + line + " column " + column;
        return fieldPath.isEmpty() ? serde : serde + " (in " + fieldPath + ")";
    }

    /** {@return what is wrong, without the position}, e.g. {@code missing field `topology`}. */
    public String reason() {
        return reason;
    }

    /** {@return the 1-based line of the error} */
    public int line() {
        return line;
    }

    /** {@return the column in serde's convention}: bytes of the line consumed when the error was found. */
    public int column() {
        return column;
    }

    /**
     * {@return where in the document the error is}, e.g. {@code stats.cgroups[1].num_workers}; empty at
     * the top level.
     */
    public String fieldPath() {
        return fieldPath;
    }

    /** {@return the text serde_json would print}: {@code <reason> at line L column C}. */
    public String serdeMessage() {
        return reason + " at line " + line + " column " + column;
    }
}
