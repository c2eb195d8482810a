package dev.ktstr.posix.ffi;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Out;

/**
 * The one libc call jnr-posix lacks: {@code statfs(2)}. jnr-ffi implements this interface
 * with a class it generates at run time in its own class loader, which is why the interface is
 * public and its package is opened (not exported) in {@code module-info.java}.
 */
public interface LibcStatfs {
    /** {@code int statfs(const char *path, struct statfs *buf)}; 0 on success, -1 and errno on failure. */
    int statfs(CharSequence path, @Out Pointer buf);
}
