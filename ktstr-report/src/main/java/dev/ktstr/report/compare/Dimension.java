package dev.ktstr.report.compare;

import java.util.List;

/** A filterable dimension of the pool, in upstream's canonical order. */
public enum Dimension {
    KERNEL("kernel"),
    SCHEDULER("scheduler"),
    TOPOLOGY("topology"),
    WORK_TYPE("work-type"),
    PROJECT_COMMIT("project-commit"),
    KERNEL_COMMIT("kernel-commit"),
    RUN_SOURCE("run-source"),
    FLAGS("flags");

    private final String cliName;

    Dimension(String cliName) {
        this.cliName = cliName;
    }

    /** The name printed in "slicing dimensions" / "pairing on" and used in flag names. */
    public String cliName() {
        return cliName;
    }

    /** Every dimension not in {@code slicing}, canonical order. */
    public static List<Dimension> pairing(List<Dimension> slicing) {
        return java.util.Arrays.stream(values()).filter(d -> !slicing.contains(d)).toList();
    }
}
