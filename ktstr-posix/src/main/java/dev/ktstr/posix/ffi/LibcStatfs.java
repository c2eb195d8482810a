package dev.ktstr.posix.ffi;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;

/**
 * The libc calls jnr-posix lacks: {@code statfs(2)} and {@code openat(2)}. jnr-ffi implements
 * this interface with a class it generates at run time in its own class loader, which is why the
 * interface is public and its package is opened (not exported) in {@code module-info.java}.
 */
public interface LibcStatfs {
    /** {@code int statfs(const char *path, struct statfs *buf)}; 0 on success, -1 and errno on failure. */
    int statfs(CharSequence path, @Out Pointer buf);

    /**
     * {@code int openat(int dirfd, const char *path, int flags, mode_t mode)}: the lock file is
     * opened relative to a descriptor of its directory, so a {@code .locks} swapped for a symbolic
     * link after it was checked cannot redirect the create. The descriptor, or -1 and errno.
     */
    int openat(int dirfd, CharSequence path, int flags, int mode);
}
