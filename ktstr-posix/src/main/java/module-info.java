/**
 * The {@code flock(2)} {@link dev.ktstr.api.spi.RunLock} (name {@code flock}), through
 * jnr-posix: the same lock the Rust tool takes, so Java and Rust writers exclude each other.
 * Exports nothing; reach it through {@link dev.ktstr.api.Providers}.
 *
 * <p>Module-path notes. jnr-posix, jnr-ffi, jnr-constants and jffi ship no descriptor; they
 * run as automatic modules (their Automatic-Module-Name), which read every module and
 * export and open all their packages. This module requires the three it names in code, and
 * ASM's modules, which jnr-ffi generates its native stubs with but, being automatic, cannot
 * require itself. jffi's native stub sits in a second jar without packages; jffi finds it as a
 * class-loader resource (no package, so not encapsulated) and extracts it to a temporary file,
 * on the module path as on the class path.
 *
 * <p>{@code opens dev.ktstr.posix.ffi}: jnr-ffi implements {@code LibcStatfs} (the
 * {@code statfs(2)} and {@code openat(2)} binding) with a class it generates at run time in its
 * own class loader, that is in an unnamed module. That class must link against the interface,
 * and a package opened to a module counts as exported to it at run time. {@code opens} (not
 * {@code exports}) keeps the package out of any compile-time API; it holds only that interface.
 *
 * <p>Also provides the portable {@code nio} lock (negative priority), which does NOT
 * interoperate with {@code flock(2)} holders; see {@code NioRunLock}.
 *
 * @provides dev.ktstr.api.spi.RunLock
 */
module dev.ktstr.posix {
    requires dev.ktstr.api;
    requires org.jnrproject.posix;
    requires org.jnrproject.ffi;
    requires org.jnrproject.constants;
    // jnr-ffi is an automatic module and cannot require ASM, which it generates its native
    // stubs with: without these lines nothing resolves ASM on the module path unless the
    // application adds --add-modules, and flock is refused ("NoClassDefFoundError: ClassVisitor").
    requires org.objectweb.asm;
    requires org.objectweb.asm.commons;
    requires org.objectweb.asm.tree;
    requires org.objectweb.asm.tree.analysis;
    requires org.objectweb.asm.util;

    opens dev.ktstr.posix.ffi;

    provides dev.ktstr.api.spi.RunLock with dev.ktstr.posix.FlockRunLock, dev.ktstr.posix.NioRunLock;
}
