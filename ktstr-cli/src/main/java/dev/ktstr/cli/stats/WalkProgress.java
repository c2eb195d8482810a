package dev.ktstr.cli.stats;

import java.io.PrintWriter;

/**
 * A run counter repainted in place on stderr during long walks, shown only when the process has
 * a console (Java 17 cannot test stderr alone; a console means both ends are a terminal), so
 * redirected or piped output never carries progress. Same rule as {@code dev.ktstr.cli.Progress},
 * which this package cannot use without a package cycle (the root command names this package).
 */
final class WalkProgress implements AutoCloseable {
    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private long count;
    private int painted;

    WalkProgress(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    static WalkProgress onTerminal(PrintWriter err, String label) {
        return new WalkProgress(err, label, System.console() != null);
    }

    void step() {
        count++;
        if (enabled) {
            String text = count + " " + label;
            err.print("\r" + text + " ".repeat(Math.max(0, painted - text.length())));
            err.flush();
            painted = text.length();
        }
    }

    /** Erases the counter so that what follows starts on a clean line. */
    @Override
    public void close() {
        if (enabled && painted > 0) {
            err.print("\r" + " ".repeat(painted) + "\r");
            err.flush();
            painted = 0;
        }
    }
}
