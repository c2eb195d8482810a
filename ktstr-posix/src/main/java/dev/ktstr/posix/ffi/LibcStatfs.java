package dev.ktstr.posix.ffi;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;

/**
 * The libc calls jnr-posix lacks: {@code statfs(2)} and {@code openat(2)}. jnr-ffi implements
 * this interface with a class it generates at run time in its own class loader, which is why the
 * interface is public and its package is opened (not exported) in {@code module-info.java}.
 */
public interface LibcStatfs {
    /**
     * {@code int statfs(const char *path, struct statfs *buf)}: the filesystem a path is on.
     *
     * @param path the path to ask about, passed as a C string
     * @param buf memory for one {@code struct statfs}, filled by the call
     * @return 0 on success; -1 on failure, with the cause in errno
     */
    int statfs(CharSequence path, @Out Pointer buf);

    /**
     * {@code int openat(int dirfd, const char *path, int flags, mode_t mode)}: the lock file is
     * opened relative to a descriptor of its directory, so a {@code .locks} swapped for a symbolic
     * link after it was checked cannot redirect the create.
     *
     * @param dirfd an open descriptor of the directory {@code path} is relative to
     * @param path the file name, relative to {@code dirfd}
     * @param flags the {@code O_*} flags, e.g. {@code O_CREAT|O_RDWR|O_CLOEXEC|O_NOFOLLOW}
     * @param mode the permission bits of a created file, before the umask
     * @return the new descriptor; -1 on failure, with the cause in errno
     */
    int openat(int dirfd, CharSequence path, int flags, int mode);
}
