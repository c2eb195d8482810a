package dev.ktstr.tck.memory;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.tck.RunLockContract;
import java.util.UUID;

/** The reference lock passes the lock contract. */
class InMemoryRunLockContractTest extends RunLockContract {

    private final String root = "memory-" + UUID.randomUUID();

    @Override
    protected RunLock newLock() {
        return new InMemoryRunLock();
    }

    @Override
    protected RunRef newRun() {
        return new RunRef(root, "6.14.2-" + UUID.randomUUID());
    }
}
