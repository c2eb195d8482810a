package dev.ktstr.cli.progress;

import java.io.PrintWriter;

/**
 * A counter for long walks, repainted in place with {@code \r} on standard error. It shows only
 * when the process has a console ({@link System#console()} non-null: Java 17 cannot test
 * standard error alone, and a console means both ends are a terminal), so piped or redirected
 * output never gets progress noise. Not thread-safe; one walk at a time.
 */
public final class Progress implements AutoCloseable {
    private static final long REPAINT_NANOS = 100_000_000L;

    private final PrintWriter err;
    private final String label;
    private final boolean enabled;
    private long count;
    private long lastPaint;
    private int painted;

    /**
     * @param err     where to paint (standard error)
     * @param label   what is counted, e.g. {@code files checked}
     * @param enabled whether to paint at all
     */
    public Progress(PrintWriter err, String label, boolean enabled) {
        this.err = err;
        this.label = label;
        this.enabled = enabled;
    }

    /** A counter on {@code err} that paints only when the process has a console. */
    public static Progress onTerminal(PrintWriter err, String label) {
        return new Progress(err, label, System.console() != null);
    }

    /** Whether this counter paints. */
    public boolean enabled() {
        return enabled;
    }

    /** Counts one item; repaints at most ten times a second. */
    public void step() {
        count++;
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (painted == 0 || now - lastPaint >= REPAINT_NANOS) {
            lastPaint = now;
            String text = count + " " + label;
            err.print("\r" + text + " ".repeat(Math.max(0, painted - text.length())));
            err.flush();
            painted = text.length();
        }
    }

    /** Items counted so far. */
    public long count() {
        return count;
    }

    /** Erases the counter line, so that what follows starts on a clean line. */
    @Override
    public void close() {
        erase();
    }

    /**
     * Erases the counter line now, before the block ends: for a diagnostic printed mid-way. The
     * next {@link #step} paints it again.
     */
    public void erase() {
        if (enabled && painted > 0) {
            err.print("\r" + " ".repeat(painted) + "\r");
            err.flush();
            painted = 0;
        }
    }
}
