package dev.ktstr.api.write;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs the pre-clear of a run at most once per canonical run location. The clear runs while
 * the gate's monitor is held: a sibling thread that wants to write into the same run waits
 * until the clear is done, so a fresh sidecar can never be deleted by a clear that started
 * before it was written (the check-then-act race of a set lookup done outside the lock).
 */
public final class PreClearGate {

    private static final PreClearGate PROCESS = new PreClearGate();

    private final Set<String> cleared = new HashSet<>();

    /** A gate of its own (tests, or an embedding that wants per-writer scope). */
    public PreClearGate() {
    }

    /** {@return the process-wide gate: once per canonical run per process, as upstream} */
    public static PreClearGate processWide() {
        return PROCESS;
    }

    /** What a clear does. */
    @FunctionalInterface
    public interface Clear {
        /**
         * Clears the run.
         *
         * @return how many entries it removed
         * @throws IOException when the run cannot be cleared
         */
        int run() throws IOException;
    }

    /**
     * Runs {@code clear} if {@code canonicalRun} has not been cleared through this gate.
     * A failing clear still marks the run: a retry would delete sidecars written since.
     *
     * @param canonicalRun the run's canonical location
     * @param clear        what clears it
     * @return entries removed, 0 when the run was already cleared
     * @throws IOException as {@code clear} throws it
     */
    public synchronized int clearOnce(String canonicalRun, Clear clear) throws IOException {
        if (!cleared.add(canonicalRun)) {
            return 0;
        }
        return clear.run();
    }

    /**
     * Whether {@code canonicalRun} has been cleared through this gate (or a clear of it was tried).
     *
     * @param canonicalRun the run's canonical location
     * @return true once {@link #clearOnce} ran for it
     */
    public synchronized boolean isCleared(String canonicalRun) {
        return cleared.contains(canonicalRun);
    }
}
