package dev.ktstr.api.write;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A warning printed at most once per instance; the process-wide one goes to standard error. */
public final class OneShotWarning {

    /**
     * Upstream's unknown-commit warning, verbatim ({@code {kernel}} and {@code target/ktstr/} are
     * literal text).
     */
    public static final String UNKNOWN_COMMIT = "ktstr: WARNING: project commit unavailable (cwd not in a git repo,"
            + " or HEAD unreadable); runs at this kernel overwrite each other in target/ktstr/{kernel}-unknown/."
            + " Set KTSTR_SIDECAR_DIR=<unique-path> per run, or run from inside a git repo with at least one commit.";

    private static final OneShotWarning UNKNOWN_COMMIT_PROCESS = new OneShotWarning(line -> {
        System.err.println(line); // stderr failures are ignored, as upstream
    });

    private final AtomicBoolean fired = new AtomicBoolean();
    private final Consumer<String> sink;

    /**
     * A warning that sends its one line to {@code sink} (tests, embedding with a logger).
     *
     * @param sink receives the line the first time {@link #emit} is called; not null
     */
    public OneShotWarning(Consumer<String> sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** {@return the process-wide unknown-commit warning gate, printing to standard error} */
    public static OneShotWarning processWideUnknownCommit() {
        return UNKNOWN_COMMIT_PROCESS;
    }

    /**
     * Sends {@code line} if nothing was sent through this instance yet.
     *
     * @param line the warning text, without a line terminator
     * @return true when it was sent now, false when an earlier call already sent one
     */
    public boolean emit(String line) {
        if (!fired.compareAndSet(false, true)) {
            return false;
        }
        sink.accept(line);
        return true;
    }
}
