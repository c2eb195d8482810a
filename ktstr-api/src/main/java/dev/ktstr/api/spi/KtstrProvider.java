package dev.ktstr.api.spi;

import java.util.Optional;

/**
 * What every provider of every SPI tells the lookup about itself.
 *
 * <p>Each SPI states its thread-safety; every provider instance is shared by the whole process.
 *
 * <p>A provider class must have a public no-argument constructor (or a public static
 * {@code provider()} method on the module path) and must be registered twice: {@code provides}
 * in its {@code module-info.java} and a {@code META-INF/services} entry for the class path.
 */
public interface KtstrProvider extends AutoCloseable {

    /** {@return the short, stable name used for explicit selection ({@code ktstr.store=fs})} */
    String name();

    /**
     * {@return this provider's rank when nothing is chosen explicitly: higher wins} Portable
     * fallbacks use negative values; the default is 0.
     */
    default int priority() {
        return 0;
    }

    /**
     * Why this provider cannot run in this process (missing native library, wrong OS), or
     * empty when it can. Must be cheap and must not throw.
     *
     * @return the reason, for operators; empty when the provider is usable
     */
    default Optional<String> unavailableReason() {
        return Optional.empty();
    }

    /**
     * Releases what the provider holds: connection pools, threads. {@code dev.ktstr.api.Providers}
     * keeps one instance per provider per process and closes it once, from
     * {@code Providers.closeAll()} (the CLI calls it at exit; embedders call it when they are
     * done, or rely on the shutdown hook it registers). Idempotent; must not throw.
     */
    @Override
    default void close() {
    }
}
