package dev.ktstr.report.matrix;

import dev.ktstr.report.GauntletRow;
import dev.ktstr.report.text.RustFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** A dimension a matrix or a trend can group sidecars by. */
public enum Axis {
    TEST("test"),
    KERNEL("kernel"),
    SCHEDULER("scheduler"),
    TOPOLOGY("topology"),
    WORK_TYPE("work-type"),
    PROJECT_COMMIT("project-commit"),
    KERNEL_COMMIT("kernel-commit"),
    RUN_SOURCE("run-source"),
    FLAGS("flags"),
    /** The run directory (or store run) a sidecar was read from. */
    RUN("run");

    /** What a sidecar without a value of an optional dimension shows. */
    public static final String NONE = "(none)";

    private final String cliName;

    Axis(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line ({@code --rows}, {@code --cols}, {@code --by}). */
    public String cliName() {
        return cliName;
    }

    /** The axis named {@code name} (case-insensitive; {@code work_type} is accepted too). */
    public static Optional<Axis> parse(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(a -> a.cliName.equals(n)).findFirst();
    }

    /** Every name, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(Axis::cliName).collect(Collectors.joining(", "));
    }

    /** The value of this axis for {@code row}, read from {@code run}; {@link #NONE} when absent. */
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
