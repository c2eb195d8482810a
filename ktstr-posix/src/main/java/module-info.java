/**
 * The {@code flock(2)} {@link dev.ktstr.api.spi.RunLock} (name {@code flock}), through
 * jnr-posix: the same lock the Rust tool takes, so Java and Rust writers exclude each other.
 * Exports nothing; reach it through {@link dev.ktstr.api.Providers}.
 *
 * @provides dev.ktstr.api.spi.RunLock
 */
module dev.ktstr.posix {
    requires dev.ktstr.api;
    requires org.jnrproject.posix;

    provides dev.ktstr.api.spi.RunLock with dev.ktstr.posix.FlockRunLock;
}
