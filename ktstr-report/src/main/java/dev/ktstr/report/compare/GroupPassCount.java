package dev.ktstr.report.compare;

import java.util.List;
import java.util.Optional;

/**
 * A line of the per-group pass-count block: passes and totals of one
 * (scenario, topology, work type, flags) group on each side.
 */
public record GroupPassCount(String scenario, String topology, String workType, List<String> flags,
        Optional<Counts> a, Optional<Counts> b) {
    /**
     * Copies the lists; the record is immutable.
     *
     * @param scenario the test name
     * @param topology the topology label
     * @param workType the work type
     * @param flags the active flags (copied)
     * @param a side A's counts; empty when the group has no row on side A
     * @param b side B's counts; empty when the group has no row on side B
     */
    public GroupPassCount {
        flags = List.copyOf(flags);
    }

    /** Passing and observed trials. */
    public record Counts(int passes, int total) {
        String text() {
            return passes + "/" + total;
        }
    }
}
