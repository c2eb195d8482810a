package dev.ktstr.tck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ktstr.api.spi.RunLock;
import dev.ktstr.api.spi.SidecarStore;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar on the module path: module {@code dev.ktstr.tck} (automatic), exporting its
 * two packages and providing the memory store and lock, as the JDK derives them from the
 * jar's manifest and {@code META-INF/services}.
 */
class MemoryModuleIT {

    @Test
    void thePackagedJarIsModuleDevKtstrTckProvidingTheMemoryStoreAndLock() {
        Path jar = Path.of(System.getProperty("ktstr.tck.jar", "target/ktstr-tck.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged jar " + jar);
        ModuleDescriptor d = ModuleFinder.of(jar).findAll().stream().findFirst()
                .orElseThrow(() -> new AssertionError("no module in " + jar)).descriptor();
        assertEquals("dev.ktstr.tck", d.name(), "module name (Automatic-Module-Name)");
        assertTrue(d.isAutomatic(), "automatic module");
        assertEquals(Set.of("dev.ktstr.tck", "dev.ktstr.tck.memory"), d.packages(), "packages");
        Set<String> provided = d.provides().stream()
                .map(p -> p.service() + "=" + String.join(",", p.providers())).collect(Collectors.toSet());
        assertEquals(Set.of(SidecarStore.class.getName() + "=" + InMemorySidecarStore.class.getName(),
                RunLock.class.getName() + "=" + InMemoryRunLock.class.getName()), provided, "provides");
    }
}
