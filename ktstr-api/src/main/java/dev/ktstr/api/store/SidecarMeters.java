package dev.ktstr.api.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * The Micrometer meters of the sidecar write and read paths, all named under {@code ktstr.}:
 * <ul>
 *   <li>{@value #WRITES} (counter; tags {@code outcome} = {@code ok}, {@code error},
 *       {@code refused}, and {@code path} = {@code default}, {@code override});</li>
 *   <li>{@value #WRITE_DURATION} (timer; tag {@code outcome}): the whole write, lock wait included;</li>
 *   <li>{@value #LOCK_WAIT} (timer): time spent acquiring the run lock;</li>
 *   <li>{@value #PRE_CLEAR_REMOVED} (counter): files removed by pre-clear;</li>
 *   <li>{@value #READ_WALKED}, {@value #READ_PARSE_ERRORS}, {@value #READ_IO_ERRORS} (counters):
 *       files walked by collect/pool and how many were rejected or unreadable.</li>
 * </ul>
 */
public final class SidecarMeters {

    /** Counter of sidecar writes, tagged {@code outcome} and {@code path}. */
    public static final String WRITES = "ktstr.sidecar.writes";
    /** Timer of whole sidecar writes, lock wait included, tagged {@code outcome}. */
    public static final String WRITE_DURATION = "ktstr.sidecar.write.duration";
    /** Timer of the time spent acquiring the run lock. */
    public static final String LOCK_WAIT = "ktstr.sidecar.lock.wait";
    /** Counter of files removed by run pre-clears. */
    public static final String PRE_CLEAR_REMOVED = "ktstr.sidecar.preclear.removed";
    /** Counter of sidecar files walked by collect and pool reads. */
    public static final String READ_WALKED = "ktstr.sidecar.read.walked";
    /** Counter of walked sidecar files the parser rejected. */
    public static final String READ_PARSE_ERRORS = "ktstr.sidecar.read.parse.errors";
    /** Counter of walked sidecar files that could not be read. */
    public static final String READ_IO_ERRORS = "ktstr.sidecar.read.io.errors";

    private final MeterRegistry registry;

    /**
     * Meters recording on {@code registry}; each meter is registered on first use.
     *
     * @param registry where to record; not null (see {@link #orGlobal} for the global default)
     */
    public SidecarMeters(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    /**
     * Meters on {@code registry}, or on Micrometer's global registry when it is null.
     *
     * @param registry where to record, or null for {@code Metrics.globalRegistry}
     * @return the meters
     */
    public static SidecarMeters orGlobal(MeterRegistry registry) {
        return new SidecarMeters(registry != null ? registry : io.micrometer.core.instrument.Metrics.globalRegistry);
    }

    /** {@return the registry these meters record on} */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Counts one write and records its duration.
     *
     * @param outcome     {@code ok}, {@code error} or {@code refused}
     * @param defaultPath true on the default path, false under the {@code KTSTR_SIDECAR_DIR} override
     * @param took        the whole write, lock wait included
     */
    public void write(String outcome, boolean defaultPath, Duration took) {
        Counter.builder(WRITES).description("sidecar writes by outcome").tag("outcome", outcome)
                .tag("path", defaultPath ? "default" : "override").register(registry).increment();
        Timer.builder(WRITE_DURATION).description("sidecar write time, lock wait included").tag("outcome", outcome)
                .register(registry).record(took);
    }

    /**
     * Records how long the run lock took to acquire.
     *
     * @param waited the time from asking for the lock to holding it
     */
    public void lockWait(Duration waited) {
        Timer.builder(LOCK_WAIT).description("time waiting for the run lock").register(registry).record(waited);
    }

    /**
     * Counts files removed by a pre-clear.
     *
     * @param removed how many files the pre-clear removed, 0 or more
     */
    public void preClearRemoved(int removed) {
        Counter.builder(PRE_CLEAR_REMOVED).description("files removed by run pre-clear").register(registry)
                .increment(removed);
    }

    /**
     * Counts a walk's files by bucket.
     *
     * @param walked      files that matched the sidecar-name predicate
     * @param parseErrors of those, files the parser rejected
     * @param ioErrors    of those, files that could not be read
     */
    public void read(int walked, int parseErrors, int ioErrors) {
        Counter.builder(READ_WALKED).description("sidecar files walked").register(registry).increment(walked);
        Counter.builder(READ_PARSE_ERRORS).description("sidecar files rejected by the parser").register(registry)
                .increment(parseErrors);
        Counter.builder(READ_IO_ERRORS).description("sidecar files that could not be read").register(registry)
                .increment(ioErrors);
    }
}
