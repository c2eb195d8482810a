package dev.ktstr.tck.memory;

import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.tck.SidecarStoreContract;
import java.util.UUID;

/** The reference store passes the store contract, locked by the lock it names ({@code memory}). */
class InMemorySidecarStoreContractTest extends SidecarStoreContract {

    @Override
    protected SidecarStore newStore() {
        return new InMemorySidecarStore();
    }

    @Override
    protected String newRoot() {
        return "memory-" + UUID.randomUUID();
    }
}
