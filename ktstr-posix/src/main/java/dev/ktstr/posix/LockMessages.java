package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock.Holder;
import dev.ktstr.api.spi.RunLock.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The texts of lock failures, worded as upstream words them so operators see one message shape. */
final class LockMessages {
    /** Remediation of the three-argument acquire, which has no caller-chosen words. */
    static final String GENERIC_REMEDIATION =
            "Another process holds this lock (see holders); wait for it to finish or kill it, then retry.";

    private LockMessages() {
    }

    static String flockOp(Mode mode) {
        return mode == Mode.EXCLUSIVE ? "LOCK_EX" : "LOCK_SH";
    }

    /**
     * {@code flock <op> on <context> timed out after <timeout> (lockfile <path>, holders: <list>).}
     * plus {@code " " + remediation} when there is one.
     */
    static String timeout(String op, String context, Duration timeout, Path lockFile, List<Holder> holders,
                          String remediation) {
        String text = op + " on " + context + " timed out after " + rustDebug(timeout)
                + " (lockfile " + lockFile + ", holders: " + LockHolders.format(holders) + ").";
        return remediation.isEmpty() ? text : text + " " + remediation;
    }

    /**
     * A duration as Rust's {@code {:?}} prints it: {@code 30s}, {@code 1.5s}, {@code 250ms},
     * {@code 10µs}, {@code 0ns} — the largest unit with a non-zero integer part, and every
     * significant fractional digit.
     */
    static String rustDebug(Duration d) {
        long secs = d.getSeconds();
        int nanos = d.getNano();
        if (secs > 0) {
            return decimal(Long.toString(secs), nanos, 9) + "s";
        }
        if (nanos >= 1_000_000) {
            return decimal(Integer.toString(nanos / 1_000_000), nanos % 1_000_000, 6) + "ms";
        }
        if (nanos >= 1_000) {
            return decimal(Integer.toString(nanos / 1_000), nanos % 1_000, 3) + "µs";
        }
        return nanos + "ns";
    }

    private static String decimal(String integer, int fraction, int digits) {
        if (fraction == 0) {
            return integer;
        }
        String f = String.format("%0" + digits + "d", fraction).replaceAll("0+$", "");
        return integer + "." + f;
    }
}
