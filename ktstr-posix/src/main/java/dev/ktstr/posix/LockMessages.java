package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock.Holder;
import dev.ktstr.api.store.IoErrorText;
import dev.ktstr.api.spi.RunLock.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The texts of lock failures, worded as upstream words them so operators see one message shape. */
final class LockMessages {
    /** Remediation of the three-argument acquire, which has no caller-chosen words. */
    static final String GENERIC_REMEDIATION =
            "Another process holds this lock (see holders); wait for it to finish or kill it, then retry.";

    /** ELOOP opening a lock file: ktstr opens it without following links. */
    private static final String LOCK_IS_LINK =
            "the lock file is a symbolic link, which ktstr never creates nor follows: remove the link";

    private LockMessages() {
    }

    /**
     * One line of cause and remedy for an errno met while creating or opening a lock file, or
     * empty when there is no better text than the errno's own: the project's wording
     * ({@link IoErrorText}), except for {@code ELOOP}, which on a lock file means the file itself
     * is a link. {@code EACCES} is left to the caller, which knows who owns the file.
     */
    static String causeAndRemedy(String errnoName) {
        if (errnoName.equals("ELOOP")) {
            return LOCK_IS_LINK;
        }
        return IoErrorText.causeAndRemedyOfErrno(errnoName).orElse("");
    }

    /** {@link #causeAndRemedy(String)} for the reason text of a Java file-system exception. */
    static String causeAndRemedyForReason(String reason) {
        if (reason != null && reason.contains("Too many levels of symbolic links")) {
            return LOCK_IS_LINK;
        }
        return IoErrorText.causeAndRemedy(reason).orElse("");
    }

    /** {@code uid N (name)}, or {@code uid N} when the name is unknown. */
    static String uidText(int uid, String name) {
        return name == null || name.isEmpty() ? "uid " + uid : "uid " + uid + " (" + name + ")";
    }

    /** EACCES on an existing lock file owned by another user. */
    static String ownedByOther(String uidText) {
        return "permission denied: the lock file is owned by " + uidText
                + ", run as that user or remove the stale lock file";
    }

    /** EACCES creating a lock file in a directory this user cannot write. */
    static String dirNotWritable(Path dir, String uidText) {
        return "permission denied: cannot create it in " + dir + " (owned by " + uidText
                + "), run as that user or make the directory writable";
    }

    /** The lock directory is a symbolic link. */
    static String lockDirIsSymlink(Path dir, String target) {
        return "lock directory " + dir + " is a symbolic link (to " + target + "); ktstr creates it as a plain"
                + " directory and does not follow a link there: remove the link";
    }

    /** The lock directory is something other than a directory. */
    static String lockDirNotDirectory(Path dir) {
        return "lock directory " + dir + " is not a directory (a file is in the way): remove it and ktstr"
                + " recreates it as a directory";
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
