package dev.ktstr.git.archfixture;

/** Violates "git depends on api only". */
public class GitUsesFs {
    public Object bad() {
        return new dev.ktstr.fs.FsSidecarStore();
    }
}
