package dev.ktstr.api.layout;

import java.util.Objects;

/**
 * The identity of one run directory, {@code {kernel}-{project_commit}}. Empty parts stand for
 * "unknown" and are rendered as the literal {@code unknown} in the directory name only.
 *
 * @param kernel        kernel version, or empty when unknown
 * @param projectCommit project commit (7 hex, optional {@code -dirty}), or empty when unknown
 */
public record RunKey(String kernel, String projectCommit) {
    /** The sentinel written in directory names for a part that could not be probed. */
    public static final String UNKNOWN = "unknown";

    /**
     * Checks that neither part is {@code null}.
     *
     * @param kernel        kernel version, or empty when unknown
     * @param projectCommit project commit, or empty when unknown
     */
    public RunKey {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(projectCommit, "projectCommit");
    }

    /** {@return the directory leaf name}, e.g. {@code 6.14.2-abc1234-dirty} or {@code unknown-unknown} */
    public String dirName() {
        return (kernel.isEmpty() ? UNKNOWN : kernel) + "-" + (projectCommit.isEmpty() ? UNKNOWN : projectCommit);
    }

    @Override
    public String toString() {
        return dirName();
    }
}
