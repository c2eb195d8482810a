package dev.ktstr.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each built jar's module descriptor declares: exports, provides, uses, and the services files. */
class ModuleDescriptorTest {

    private static final Set<String> IMPLEMENTATIONS = Set.of("dev.ktstr.fs", "dev.ktstr.git", "dev.ktstr.posix",
            "dev.ktstr.host", "dev.ktstr.pg");

    private final List<ProjectModules.Built> modules = ProjectModules.find();

    @Test
    void everyModuleIsFound() {
        assertEquals(ProjectModules.EXPECTED, modules.stream().map(ProjectModules.Built::name).collect(Collectors.toList()));
    }

    @Test
    void everyModuleButTheKitHasADescriptor() {
        for (ProjectModules.Built m : modules) {
            assertEquals(m.name().equals(ProjectModules.AUTOMATIC), m.descriptor().isAutomatic(), m.name());
        }
    }

    @Test
    void implementationModulesExportNothingAndProvideTheirSpi() {
        Map<String, Set<String>> spiOf = Map.of("dev.ktstr.fs", Set.of("dev.ktstr.api.spi.SidecarStore"),
                "dev.ktstr.git", Set.of("dev.ktstr.api.spi.CommitProbe"),
                "dev.ktstr.posix", Set.of("dev.ktstr.api.spi.RunLock"),
                "dev.ktstr.host", Set.of("dev.ktstr.api.spi.HostProbe"),
                "dev.ktstr.pg", Set.of("dev.ktstr.api.spi.SidecarStore", "dev.ktstr.api.spi.RunLock"));
        int checked = 0;
        for (ProjectModules.Built m : modules) {
            if (!IMPLEMENTATIONS.contains(m.name())) {
                continue;
            }
            checked++;
            assertFalse(m.descriptor().isAutomatic(), m.name() + " has no module-info");
            assertTrue(m.descriptor().exports().isEmpty(), m.name() + " exports " + m.descriptor().exports());
            // The one allowed exception: a native-binding package opened to jnr-ffi's generated classes.
            assertTrue(m.descriptor().opens().stream().allMatch(o -> o.source().endsWith(".ffi")),
                    m.name() + " opens " + m.descriptor().opens());
            Set<String> services = m.descriptor().provides().stream().map(ModuleDescriptor.Provides::service)
                    .collect(Collectors.toSet());
            assertEquals(spiOf.get(m.name()), services, m.name());
            Set<String> requires = m.descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
                    .collect(Collectors.toSet());
            assertTrue(requires.contains("dev.ktstr.api"), m.name() + " requires " + requires);
            Set<String> ours = requires.stream().filter(r -> r.startsWith("dev.ktstr.") && !r.equals("dev.ktstr.api"))
                    .collect(Collectors.toSet());
            assertEquals(Set.of(), ours, m.name() + " requires another module of ours");
        }
        assertEquals(IMPLEMENTATIONS.size(), checked, "an implementation module was not found");
    }

    /**
     * ktstr-tck is a kit, not an implementation module: the automatic module {@code dev.ktstr.tck}
     * (named by its manifest), exporting its API (the contract classes and the memory providers),
     * providing the memory store and lock from its services files only.
     */
    @Test
    void theKitIsAnAutomaticModuleExportingItsApi() {
        ProjectModules.Built tck = modules.stream().filter(m -> m.name().equals(ProjectModules.AUTOMATIC))
                .findFirst().orElseThrow();
        assertTrue(tck.descriptor().isAutomatic());
        assertFalse(IMPLEMENTATIONS.contains(tck.name()));
        // An automatic module's descriptor lists no exports: it exports every package once resolved.
        assertEquals(Set.of("dev.ktstr.tck", "dev.ktstr.tck.memory"), tck.descriptor().packages());
        Configuration cf = ModuleLayer.boot().configuration().resolve(ModuleFinder.of(tck.location()),
                ModuleFinder.of(), Set.of(tck.name()));
        Module resolved = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getSystemClassLoader())
                .findModule(tck.name()).orElseThrow();
        for (String pkg : tck.descriptor().packages()) {
            assertTrue(resolved.isExported(pkg), pkg + " is not exported");
        }
        Map<String, Set<String>> provides = new TreeMap<>();
        tck.descriptor().provides().forEach(p -> provides.put(p.service(), new TreeSet<>(p.providers())));
        assertEquals(Map.of("dev.ktstr.api.spi.RunLock", Set.of("dev.ktstr.tck.memory.InMemoryRunLock"),
                "dev.ktstr.api.spi.SidecarStore", Set.of("dev.ktstr.tck.memory.InMemorySidecarStore")), provides);
    }

    @Test
    void onlyTheApiModuleUsesServices() {
        for (ProjectModules.Built m : modules) {
            Set<String> uses = m.descriptor().uses();
            if (m.name().equals("dev.ktstr.api")) {
                assertEquals(Set.of("dev.ktstr.api.spi.SidecarStore", "dev.ktstr.api.spi.CommitProbe",
                        "dev.ktstr.api.spi.RunLock", "dev.ktstr.api.spi.HostProbe"), uses);
            } else {
                assertTrue(uses.isEmpty(), m.name() + " uses " + uses);
            }
        }
    }

    @Test
    void cliRequiresNoImplementationModule() {
        ProjectModules.Built cli = modules.stream().filter(m -> m.name().equals("dev.ktstr.cli")).findFirst().orElseThrow();
        Set<String> requires = cli.descriptor().requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        assertTrue(requires.stream().noneMatch(IMPLEMENTATIONS::contains), requires.toString());
    }

    /** provides in module-info and META-INF/services must agree for every provider of every module. */
    @Test
    void bothRegistrationsAgreeForEveryProvider() {
        int checked = 0;
        for (ProjectModules.Built m : modules) {
            Map<String, Set<String>> fromModuleInfo = new TreeMap<>();
            for (ModuleDescriptor.Provides p : m.descriptor().provides()) {
                fromModuleInfo.put(p.service(), new TreeSet<>(p.providers()));
            }
            Map<String, Set<String>> fromServices = new TreeMap<>();
            for (String service : m.serviceFiles()) {
                fromServices.put(service, Registrations.parseServicesFile(
                        m.resource("META-INF/services/" + service).orElseThrow()));
            }
            assertEquals(List.of(), Registrations.mismatches(m.name(), fromModuleInfo, fromServices));
            checked += fromModuleInfo.size();
        }
        // fs, git, posix, host, pg (store and lock), tck (memory store and lock).
        assertTrue(checked >= 8, "expected at least eight providers, checked " + checked);
    }

    @Test
    void mismatchCheckCanFail() {
        List<String> problems = Registrations.mismatches("m",
                Map.of("s.A", Set.of("x.One"), "s.B", Set.of("x.Two")),
                Map.of("s.A", Set.of("x.One", "x.Extra"), "s.C", Set.of("x.Three")));
        assertEquals(List.of(
                "m: s.A: META-INF/services lists [x.Extra] that module-info does not provide",
                "m: s.B is provided in module-info but has no META-INF/services file",
                "m: s.C has a META-INF/services file but no provides in module-info"), problems);
        assertEquals(Set.of("a.B", "c.D"), Registrations.parseServicesFile("# comment\n a.B # trailing\n\nc.D\n"));
    }
}
