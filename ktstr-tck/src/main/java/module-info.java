/**
 * The ktstr provider contract kit: abstract JUnit 5 classes a provider's tests extend
 * ({@link dev.ktstr.tck.SidecarStoreContract}, {@link dev.ktstr.tck.RunLockContract},
 * {@link dev.ktstr.tck.CommitProbeContract}), supplying only the instance under test, and an
 * in-memory reference {@link dev.ktstr.api.spi.SidecarStore} and {@link dev.ktstr.api.spi.RunLock}
 * (both named {@code memory}) that pass them, for tests and embedders.
 *
 * <p>Unlike the implementation modules this one exports its packages: they are its API. The
 * contract package is also opened, so that JUnit can run the inherited test methods whether it
 * sits on the module path or the class path.
 *
 * @provides dev.ktstr.api.spi.SidecarStore
 * @provides dev.ktstr.api.spi.RunLock
 */
module dev.ktstr.tck {
    requires transitive dev.ktstr.api;
    requires transitive org.junit.jupiter.api;

    exports dev.ktstr.tck;
    exports dev.ktstr.tck.memory;

    opens dev.ktstr.tck;

    provides dev.ktstr.api.spi.SidecarStore with dev.ktstr.tck.memory.InMemorySidecarStore;
    provides dev.ktstr.api.spi.RunLock with dev.ktstr.tck.memory.InMemoryRunLock;
}
