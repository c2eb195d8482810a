package dev.ktstr.git;

import dev.ktstr.api.spi.CommitProbe;
import dev.ktstr.tck.CommitProbeContract;

/** The JGit probe passes the commit-probe contract, against repositories made by the git command. */
class JGitCommitProbeContractTest extends CommitProbeContract {

    @Override
    protected CommitProbe newProbe() {
        return new JGitCommitProbe();
    }
}
