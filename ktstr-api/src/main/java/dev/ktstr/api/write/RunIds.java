package dev.ktstr.api.write;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code timestamp} and {@code run_id} as upstream writes them: {@code YYYY-MM-DDTHH:MM:SSZ}
 * (UTC, whole seconds, read per sidecar) and {@code {YYYYMMDDTHHMMSSZ}-{n}}, where the stamp is
 * taken once, at the first run id, and {@code n} counts run ids from 0.
 */
public final class RunIds {

    private static final RunIds PROCESS = new RunIds(Clock.systemUTC());
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final AtomicLong counter = new AtomicLong();
    private volatile String stamp;

    /**
     * A generator with its own stamp and counter (tests, or several logical runs in one process).
     *
     * @param clock read for every {@link #timestamp()} and for the stamp at the first run id
     */
    public RunIds(Clock clock) {
        this.clock = clock;
    }

    /** {@return the process-wide generator: one stamp and one counter per process, as upstream} */
    public static RunIds processWide() {
        return PROCESS;
    }

    /** {@return the current time as a sidecar {@code timestamp}; before the epoch reads as the epoch} */
    public String timestamp() {
        return TIMESTAMP.format(clamp(clock.instant()));
    }

    /** {@return the next run id, {@code {stamp}-{n}}; thread-safe, each call a new {@code n}} */
    public String nextRunId() {
        String s = stamp;
        if (s == null) {
            synchronized (this) {
                if (stamp == null) {
                    stamp = STAMP.format(clamp(clock.instant()));
                }
                s = stamp;
            }
        }
        return s + "-" + counter.getAndIncrement();
    }

    private static Instant clamp(Instant t) {
        return t.isBefore(Instant.EPOCH) ? Instant.EPOCH : t;
    }
}
