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

    private final String reason;
    private final int line;
    private final int column;
    private final String fieldPath;

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

    /** What is wrong, without the position, e.g. {@code missing field `topology`}. */
    public String reason() {
        return reason;
    }

    /** 1-based line of the error. */
    public int line() {
        return line;
    }

    /** Column in serde's convention: bytes of the line consumed when the error was found. */
    public int column() {
        return column;
    }

    /** Where in the document, e.g. {@code stats.cgroups[1].num_workers}; empty at the top level. */
    public String fieldPath() {
        return fieldPath;
    }

    /** The text serde_json would print: {@code <reason> at line L column C}. */
    public String serdeMessage() {
        return reason + " at line " + line + " column " + column;
    }
}
