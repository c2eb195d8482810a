package dev.ktstr.host.archfixture;

/** Violates "host depends on api only". */
public class HostUsesGit {
    public Object bad() {
        return new dev.ktstr.git.JGitCommitProbe();
    }
}
