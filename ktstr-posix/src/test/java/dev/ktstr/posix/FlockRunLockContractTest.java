package dev.ktstr.posix;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.RunRef;
import dev.ktstr.tck.RunLockContract;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The flock lock passes the lock contract: runs are {@code {root}/.locks/{name}.lock} under a temporary root. */
class FlockRunLockContractTest extends RunLockContract {

    @TempDir
    Path root;

    private int next;

    @Override
    protected RunLock newLock() {
        return new FlockRunLock();
    }

    @Override
    protected RunRef newRun() {
        return new RunRef(root.toString(), "6.14.2-run" + next++);
    }
}
