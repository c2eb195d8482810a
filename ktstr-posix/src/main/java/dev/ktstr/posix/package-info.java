/**
 * Run lock over real {@code flock(2)}, remote-filesystem refusal and lock-holder reports, and
 * the portable {@code nio} lock for platforms where jnr-posix cannot load. Not exported; the
 * providers are {@link dev.ktstr.posix.FlockRunLock} and {@link dev.ktstr.posix.NioRunLock},
 * found through {@link dev.ktstr.api.Providers}.
 */
package dev.ktstr.posix;
