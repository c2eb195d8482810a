package dev.ktstr.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ktstr.api.spi.RunLock.Holder;
import dev.ktstr.api.spi.RunLock.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockMessagesTest {

    @Test
    void durationsReadAsRustDebugPrintsThem() {
        assertEquals("30s", LockMessages.rustDebug(Duration.ofSeconds(30)));
        assertEquals("60s", LockMessages.rustDebug(Duration.ofSeconds(60)));
        assertEquals("1.5s", LockMessages.rustDebug(Duration.ofMillis(1500)));
        assertEquals("1.000000001s", LockMessages.rustDebug(Duration.ofSeconds(1, 1)));
        assertEquals("100ms", LockMessages.rustDebug(Duration.ofMillis(100)));
        assertEquals("2.5ms", LockMessages.rustDebug(Duration.ofNanos(2_500_000)));
        assertEquals("7µs", LockMessages.rustDebug(Duration.ofNanos(7000)));
        assertEquals("1.001µs", LockMessages.rustDebug(Duration.ofNanos(1001)));
        assertEquals("999ns", LockMessages.rustDebug(Duration.ofNanos(999)));
        assertEquals("0ns", LockMessages.rustDebug(Duration.ZERO));
    }

    @Test
    void timeoutTextWithAndWithoutRemediation() {
        Path lock = Path.of("/c/.locks/k.lock");
        assertEquals("flock LOCK_SH on cache entry \"k\" timed out after 10s (lockfile /c/.locks/k.lock, holders:"
                        + " <none recorded>).",
                LockMessages.timeout("flock " + LockMessages.flockOp(Mode.SHARED), "cache entry \"k\"",
                        Duration.ofSeconds(10), lock, List.of(), ""));
        assertEquals("flock LOCK_EX on x timed out after 30s (lockfile /c/.locks/k.lock, holders:   pid=7 cmd=a\n"
                        + "  pid=8 cmd=b). Do this.",
                LockMessages.timeout("flock " + LockMessages.flockOp(Mode.EXCLUSIVE), "x", Duration.ofSeconds(30),
                        lock, List.of(new Holder(7, "a"), new Holder(8, "b")), "Do this."));
    }
}
