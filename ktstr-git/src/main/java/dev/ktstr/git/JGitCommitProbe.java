package dev.ktstr.git;

import dev.ktstr.api.spi.CommitProbe;
import java.nio.file.Path;
import java.util.Optional;

/** JGit commit probe (first draft: registration only; the probes are the probe issue). */
public final class JGitCommitProbe implements CommitProbe {
    @Override
    public String name() {
        return "jgit";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Optional<String> projectCommit(Path start) {
        throw new UnsupportedOperationException("JGitCommitProbe.projectCommit is not implemented yet");
    }

    @Override
    public Optional<String> kernelCommit(Path kernelDir) {
        throw new UnsupportedOperationException("JGitCommitProbe.kernelCommit is not implemented yet");
    }
}
