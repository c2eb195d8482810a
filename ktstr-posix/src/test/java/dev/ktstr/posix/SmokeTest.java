package dev.ktstr.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.spi.RunLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @Test
    void loads(@TempDir Path dir) throws Exception {
        FlockRunLock l = new FlockRunLock();
        assertEquals(Optional.empty(), l.unavailableReason());
        System.err.println("module " + FlockRunLock.class.getModule() + " fs " + NativePosix.get().fsType(dir.toString()));
        try (RunLock.Held h = l.acquire(dir.resolve(".locks/x.lock"), RunLock.Mode.EXCLUSIVE, Duration.ofSeconds(1))) {
            System.err.println(h + " " + l.holders(h.lockFile()));
        }
    }
}
