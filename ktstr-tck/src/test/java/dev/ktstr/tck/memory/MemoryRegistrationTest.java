package dev.ktstr.tck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.Providers;
import dev.ktstr.api.Spi;
import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.SidecarStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The memory providers are registered in {@code META-INF/services} (the class path, and the
 * module path, where the automatic module dev.ktstr.tck provides what they name: see
 * {@code MemoryModuleIT}), are found by name, rank below every real provider, and the store
 * brings its own lock.
 */
class MemoryRegistrationTest {

    @Test
    void servicesFilesNameBoth() throws IOException {
        assertEquals(List.of(InMemorySidecarStore.class.getName()), servicesFile(SidecarStore.class));
        assertEquals(List.of(InMemoryRunLock.class.getName()), servicesFile(RunLock.class));
    }

    @Test
    void foundByNameAndTheStoreBringsItsLock() {
        SidecarStore store = Providers.named(Spi.STORE, "memory");
        assertTrue(store instanceof InMemorySidecarStore, "store 'memory': " + store.getClass());
        assertSame(store, Providers.named(Spi.STORE, "memory"), "one shared instance");
        RunLock lock = Providers.named(Spi.LOCK, store.lockProvider().orElseThrow());
        assertTrue(lock instanceof InMemoryRunLock, "lock 'memory': " + lock.getClass());
    }

    @Test
    void bothRankBelowThePortableNioLock() {
        assertTrue(new InMemorySidecarStore().priority() < -100, "store priority");
        assertTrue(new InMemoryRunLock().priority() < -100, "lock priority");
    }

    private static List<String> servicesFile(Class<?> spi) throws IOException {
        String name = "META-INF/services/" + spi.getName();
        try (InputStream in = InMemorySidecarStore.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError(name + " is missing from the ktstr-tck jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
        }
    }
}
