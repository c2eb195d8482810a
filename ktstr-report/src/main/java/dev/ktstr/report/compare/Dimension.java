package dev.ktstr.report.compare;

import java.util.List;

/** A filterable dimension of the pool, in upstream's canonical order. */
public enum Dimension {
    /** The kernel version (exact or {@code major.minor} prefix). */
    KERNEL("kernel"),
    /** The scheduler. */
    SCHEDULER("scheduler"),
    /** The topology label. */
    TOPOLOGY("topology"),
    /** The work type. */
    WORK_TYPE("work-type"),
    /** The project commit. */
    PROJECT_COMMIT("project-commit"),
    /** The kernel commit. */
    KERNEL_COMMIT("kernel-commit"),
    /** Where the run came from. */
    RUN_SOURCE("run-source"),
    /** The active flags (a filter requires all of its flags). */
    FLAGS("flags");

    private final String cliName;

    Dimension(String cliName) {
        this.cliName = cliName;
    }

    /**
     * The name printed in "slicing dimensions" / "pairing on" and used in flag names.
     *
     * @return the lower-case, hyphenated name
     */
    public String cliName() {
        return cliName;
    }

    /**
     * Every dimension not in {@code slicing}, canonical order.
     *
     * @param slicing the dimensions the sides differ on
     * @return the remaining dimensions, which rows are paired on
     */
    public static List<Dimension> pairing(List<Dimension> slicing) {
        return java.util.Arrays.stream(values()).filter(d -> !slicing.contains(d)).toList();
    }
}
