package dev.ktstr.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What each built jar's module descriptor declares: exports, provides, uses, and the services files. */
class ModuleDescriptorTest {

    private static final Set<String> IMPLEMENTATIONS = Set.of("dev.ktstr.fs", "dev.ktstr.git", "dev.ktstr.posix");

    private final List<ProjectModules.Built> modules = ProjectModules.find();

    @Test
    void everyModuleIsFound() {
        assertEquals(ProjectModules.EXPECTED, modules.stream().map(ProjectModules.Built::name).collect(Collectors.toList()));
    }

    @Test
    void implementationModulesExportNothingAndProvideTheirSpi() {
        Map<String, String> spiOf = Map.of("dev.ktstr.fs", "dev.ktstr.api.spi.SidecarStore",
                "dev.ktstr.git", "dev.ktstr.api.spi.CommitProbe", "dev.ktstr.posix", "dev.ktstr.api.spi.RunLock");
        for (ProjectModules.Built m : modules) {
            if (!IMPLEMENTATIONS.contains(m.name())) {
                continue;
            }
            assertTrue(m.descriptor().exports().isEmpty(), m.name() + " exports " + m.descriptor().exports());
            // The one allowed exception: a native-binding package opened to jnr-ffi's generated classes.
            assertTrue(m.descriptor().opens().stream().allMatch(o -> o.source().endsWith(".ffi")),
                    m.name() + " opens " + m.descriptor().opens());
            Set<String> services = m.descriptor().provides().stream().map(ModuleDescriptor.Provides::service)
                    .collect(Collectors.toSet());
            assertEquals(Set.of(spiOf.get(m.name())), services, m.name());
        }
    }

    @Test
    void onlyTheApiModuleUsesServices() {
        for (ProjectModules.Built m : modules) {
            Set<String> uses = m.descriptor().uses();
            if (m.name().equals("dev.ktstr.api")) {
                assertEquals(Set.of("dev.ktstr.api.spi.SidecarStore", "dev.ktstr.api.spi.CommitProbe",
                        "dev.ktstr.api.spi.RunLock"), uses);
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
        assertTrue(checked >= 3, "expected at least the three SPI providers, checked " + checked);
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
