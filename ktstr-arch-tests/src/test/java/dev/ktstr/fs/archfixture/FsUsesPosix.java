package dev.ktstr.fs.archfixture;

/** Violates "fs depends on api only". */
public class FsUsesPosix {
    public Object bad() {
        return new dev.ktstr.posix.FlockRunLock();
    }
}
