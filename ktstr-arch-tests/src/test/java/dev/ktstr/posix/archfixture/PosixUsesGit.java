package dev.ktstr.posix.archfixture;

/** Violates "posix depends on api only". */
public class PosixUsesGit {
    public Object bad() {
        return new dev.ktstr.git.JGitCommitProbe();
    }
}
