package dev.ktstr.fs;

import dev.ktstr.api.spi.CommitProbe;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TEST DOUBLE of {@link CommitProbe}: the real probe (JGit, in dev.ktstr.git) is another
 * implementation module, which this one must not depend on. Answers fixed commits.
 */
final class FixedCommitProbeTestDouble implements CommitProbe {
    private final String project;
    private final String kernel;

    FixedCommitProbeTestDouble(String project, String kernel) {
        this.project = project;
        this.kernel = kernel;
    }

    @Override
    public String name() {
        return "fixed-test-double";
    }

    @Override
    public Optional<String> projectCommit(Path start) {
        return project.isEmpty() ? Optional.empty() : Optional.of(project);
    }

    @Override
    public Optional<String> kernelCommit(Path kernelDir) {
        return kernel.isEmpty() ? Optional.empty() : Optional.of(kernel);
    }
}
