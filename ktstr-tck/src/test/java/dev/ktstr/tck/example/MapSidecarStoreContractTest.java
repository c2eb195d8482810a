package dev.ktstr.tck.example;

import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.tck.SidecarStoreContract;
import java.util.UUID;

/** README's minimal store passes the whole contract (locked by the default in-memory lock). */
class MapSidecarStoreContractTest extends SidecarStoreContract {

    @Override
    protected SidecarStore newStore() {
        return new MapSidecarStore();
    }

    @Override
    protected String newRoot() {
        return "map-" + UUID.randomUUID();
    }
}
