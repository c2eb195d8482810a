package dev.ktstr.fs;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.SidecarStore;
import dev.ktstr.tck.SidecarStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filesystem store passes the store contract of ktstr-tck. Its runs are locked with a real
 * file lock on {@code {root}/.locks/{run}.lock} (the fcntl test double: the flock provider lives in
 * ktstr-posix, which this module must not depend on), so every root holds the {@code .locks}
 * directory a real run root holds.
 */
class FsSidecarStoreContractTest extends SidecarStoreContract {

    @TempDir
    Path roots;

    private int next;

    @Override
    protected SidecarStore newStore() {
        return new FsSidecarStore();
    }

    @Override
    protected String newRoot() throws Exception {
        return Files.createDirectory(roots.resolve("runs-root-" + next++)).toString();
    }

    @Override
    protected RunLock lockFor(SidecarStore store) {
        return new FcntlRunLockTestDouble();
    }
}
