package dev.ktstr.report.matrix;

import dev.ktstr.report.GauntletRow;
import dev.ktstr.report.text.RustFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A dimension a matrix or a trend can group sidecars by. */
public enum Axis {
    /** The test (scenario) name. */
    TEST("test"),
    /** The kernel version; {@link #NONE} when not recorded. */
    KERNEL("kernel"),
    /** The scheduler under test. */
    SCHEDULER("scheduler"),
    /** The topology label. */
    TOPOLOGY("topology"),
    /** The work type. */
    WORK_TYPE("work-type"),
    /** The project commit; {@link #NONE} when not recorded. */
    PROJECT_COMMIT("project-commit"),
    /** The kernel commit; {@link #NONE} when not recorded. */
    KERNEL_COMMIT("kernel-commit"),
    /** Where the run came from (e.g. {@code local}, {@code ci}); {@link #NONE} when not recorded. */
    RUN_SOURCE("run-source"),
    /** The active flags, joined; {@link #NONE} when there are none. */
    FLAGS("flags"),
    /** The run directory (or store run) a sidecar was read from. */
    RUN("run");

    /** What a sidecar without a value of an optional dimension shows. */
    public static final String NONE = "(none)";

    private final String cliName;

    Axis(String cliName) {
        this.cliName = cliName;
    }

    /**
     * The name on the command line ({@code --rows}, {@code --cols}, {@code --by}).
     *
     * @return the lower-case, hyphenated name
     */
    public String cliName() {
        return cliName;
    }

    /**
     * The axis named {@code name} (case-insensitive; {@code work_type} is accepted too).
     *
     * @param name the name as typed
     * @return the axis, or empty when no axis has that name
     */
    public static Optional<Axis> parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(a -> a.cliName.equals(n)).findFirst();
    }

    /**
     * Every name, for messages.
     *
     * @return the command-line names of all axes, comma-separated, in declaration order
     */
    public static String names() {
        return Arrays.stream(values()).map(Axis::cliName).collect(Collectors.joining(", "));
    }

    /**
     * The value of this axis for {@code row}, read from {@code run}; {@link #NONE} when absent.
     *
     * @param row the sidecar's row
     * @param run the name of the run the row was read from (used by {@link #RUN})
     * @return the row's value on this axis
     */
    public String value(GauntletRow row, String run) {
        return switch (this) {
            case TEST -> row.scenario();
            case KERNEL -> row.kernelVersion().orElse(NONE);
            case SCHEDULER -> row.scheduler();
            case TOPOLOGY -> row.topology();
            case WORK_TYPE -> row.workType();
            case PROJECT_COMMIT -> row.commit().orElse(NONE);
            case KERNEL_COMMIT -> row.kernelCommit().orElse(NONE);
            case RUN_SOURCE -> row.runSource().orElse(NONE);
            case FLAGS -> row.flags().isEmpty() ? NONE
                    : row.flags().stream().sorted(RustFormat::compareUtf8).collect(Collectors.joining("|"));
            case RUN -> run;
        };
    }
}
