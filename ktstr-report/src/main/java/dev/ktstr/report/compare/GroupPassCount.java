package dev.ktstr.report.compare;

import java.util.List;
import java.util.Optional;

/**
 * A line of the per-group pass-count block: passes and totals of one
 * (scenario, topology, work type, flags) group on each side.
 */
public record GroupPassCount(String scenario, String topology, String workType, List<String> flags,
        Optional<Counts> a, Optional<Counts> b) {
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
