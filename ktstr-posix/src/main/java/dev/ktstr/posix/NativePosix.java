package dev.ktstr.posix;

import dev.ktstr.posix.ffi.LibcStatfs;
import java.util.Optional;
import java.util.OptionalLong;
import jnr.constants.platform.Errno;
import jnr.constants.platform.OpenFlags;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * The native calls of the flock provider, loaded once per process: {@code open}, {@code flock},
 * {@code close} through jnr-posix, {@code statfs} through a jnr-ffi binding of libc.
 */
final class NativePosix {
    static final int LOCK_SH = 1;
    static final int LOCK_EX = 2;
    static final int LOCK_NB = 4;

    /** {@code struct statfs} is 120 bytes on 64-bit Linux; room to spare for other ABIs. */
    private static final int STATFS_BUFFER_BYTES = 256;

    private static final class Holder {
        static final Loaded LOADED = load();
    }

    private record Loaded(NativePosix posix, String failure) {
    }

    final POSIX posix;
    private final LibcStatfs libc;
    private final Runtime runtime;
    final int openFlags;
    final int dirFlags;
    final int ewouldblock;

    private NativePosix(POSIX posix, LibcStatfs libc) {
        this.posix = posix;
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        // Upstream's flags (no O_TRUNC) plus O_NOFOLLOW: a symbolic link planted at the lock file
        // fails the open (ELOOP) instead of making this process create or lock its target.
        this.openFlags = OpenFlags.O_CREAT.intValue() | OpenFlags.O_RDWR.intValue() | OpenFlags.O_CLOEXEC.intValue()
                | OpenFlags.O_NOFOLLOW.intValue();
        // The lock file's directory, opened to anchor openat: a directory, never through a link.
        this.dirFlags = OpenFlags.O_RDONLY.intValue() | OpenFlags.O_DIRECTORY.intValue()
                | OpenFlags.O_NOFOLLOW.intValue() | OpenFlags.O_CLOEXEC.intValue();
        this.ewouldblock = Errno.EWOULDBLOCK.intValue();
    }

    private static Loaded load() {
        try {
            if (!jnr.ffi.Platform.getNativePlatform().getOS().equals(jnr.ffi.Platform.OS.LINUX)) {
                return new Loaded(null, "flock provider supports Linux only (this is "
                        + System.getProperty("os.name") + "): /proc/locks and the statfs deny-list are Linux facts");
            }
            POSIX posix = POSIXFactory.getNativePOSIX();
            if (!posix.isNative()) {
                return new Loaded(null, "jnr-posix has no native POSIX here (pure-Java fallback cannot flock)");
            }
            LibcStatfs libc = LibraryLoader.create(LibcStatfs.class).load("c");
            NativePosix loaded = new NativePosix(posix, libc);
            loaded.posix.getpid(); // force the native binding now, not at the first lock
            return new Loaded(loaded, null);
        } catch (Throwable e) { // LinkageError, UnsatisfiedLinkError, jffi stub extraction failures
            return new Loaded(null, "jnr-posix native loading failed: " + e);
        }
    }

    /** Why the native calls cannot be used here, or empty when they can. */
    static Optional<String> unavailableReason() {
        return Optional.ofNullable(Holder.LOADED.failure());
    }

    /** The loaded native calls; call only when {@link #unavailableReason()} is empty. */
    static NativePosix get() {
        Loaded l = Holder.LOADED;
        if (l.posix() == null) {
            throw new IllegalStateException(l.failure());
        }
        return l.posix();
    }

    /** {@code statfs(path).f_type}, or empty when the call fails. */
    OptionalLong fsType(String path) {
        Pointer buf = Memory.allocateDirect(runtime, STATFS_BUFFER_BYTES, true);
        if (libc.statfs(path, buf) != 0) {
            return OptionalLong.empty();
        }
        // f_type (__fsword_t) is the first field and a C long; magics are 32-bit values.
        long type = runtime.longSize() == 8 ? buf.getLong(0) : buf.getInt(0) & 0xFFFF_FFFFL;
        return OptionalLong.of(type);
    }

    /** {@code openat(dirfd, name, flags, mode)}: the descriptor, or -1 with the errno in {@link #lastFfiErrno()}. */
    int openat(int dirfd, String name, int flags, int mode) {
        return libc.openat(dirfd, name, flags, mode);
    }

    /** The errno saved by the last jnr-ffi call of this thread ({@link #openat}). */
    int lastFfiErrno() {
        return jnr.ffi.LastError.getLastError(runtime);
    }

    /** The last errno of this thread as upstream prints it, e.g. {@code EACCES: Permission denied}. */
    String errnoText() {
        return errnoText(posix.errno());
    }

    /** An errno as upstream prints it, e.g. {@code EACCES: Permission denied}. */
    static String errnoText(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || !e.defined() ? "errno " + errno : e.name() + ": " + e.description();
    }

    /** The symbolic name of an errno ({@code EACCES}), or empty when unknown. */
    static String errnoName(int errno) {
        Errno e = Errno.valueOf(errno);
        return e == null || !e.defined() ? "" : e.name();
    }
}
