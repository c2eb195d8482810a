package dev.ktstr.api.layout;

import java.util.Optional;

/** Run-directory naming: {@code {kernel}-{project_commit}} with {@code unknown} for missing parts. */
public final class RunDirs {
    private RunDirs() {
    }

    /**
     * The leaf name, e.g. {@code 6.14.2-abc1234-dirty}, {@code 6.14.2-unknown},
     * {@code unknown-unknown}. An empty part counts as missing. The sentinel appears only in the
     * directory name; the sidecar's fields stay empty.
     *
     * @param kernel        the probed kernel version, empty when unknown
     * @param projectCommit the probed project commit, empty when unknown
     * @return the run directory's leaf name
     */
    public static String dirName(Optional<String> kernel, Optional<String> projectCommit) {
        return key(kernel, projectCommit).dirName();
    }

    /**
     * The run key of the two probes' results.
     *
     * @param kernel        the probed kernel version, empty when unknown
     * @param projectCommit the probed project commit, empty when unknown
     * @return the key, with an empty string for each missing part
     */
    public static RunKey key(Optional<String> kernel, Optional<String> projectCommit) {
        return new RunKey(kernel.orElse(""), projectCommit.orElse(""));
    }
}
