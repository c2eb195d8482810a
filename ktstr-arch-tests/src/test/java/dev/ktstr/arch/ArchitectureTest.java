package dev.ktstr.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The layering rules over the built modules, and proof that each rule can fail: the same
 * rules run over fixture classes that break them (test sources under {@code ..archfixture..}).
 */
class ArchitectureTest {

    private static final Map<String, String> MODULE_OF_CLASS = new HashMap<>();
    private static final JavaClasses PRODUCTION = importProduction();

    private static JavaClasses importProduction() {
        // Import module by module to learn which module built each class, then all together so
        // that dependencies between modules resolve to imported classes.
        ClassFileImporter importer = new ClassFileImporter();
        List<ProjectModules.Built> modules = ProjectModules.find();
        for (ProjectModules.Built m : modules) {
            for (JavaClass c : importer.importLocations(List.of(location(m.location())))) {
                if (!c.getSimpleName().equals("module-info")) {
                    MODULE_OF_CLASS.put(c.getName(), m.name());
                }
            }
        }
        List<Location> locations = modules.stream().map(m -> location(m.location())).collect(Collectors.toList());
        return importer.importLocations(locations).that(new com.tngtech.archunit.base.DescribedPredicate<JavaClass>("production classes") {
            @Override
            public boolean test(JavaClass c) {
                return MODULE_OF_CLASS.containsKey(c.getName());
            }
        });
    }

    private static Location location(Path p) {
        if (Files.isDirectory(p)) {
            return Location.of(p);
        }
        try (JarFile jar = new JarFile(p.toFile())) {
            return Location.of(jar);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open " + p, e);
        }
    }

    private static String moduleOf(JavaClass c) {
        return MODULE_OF_CLASS.getOrDefault(c.getName(), "<no module>");
    }

    /** Guard: a rule over an empty import passes vacuously, so make sure the import found the project. */
    @Test
    void importFoundEveryModule() {
        assertTrue(PRODUCTION.size() >= 15, "only " + PRODUCTION.size() + " classes imported");
        Map<String, Long> perModule = MODULE_OF_CLASS.values().stream()
                .collect(Collectors.groupingBy(m -> m, java.util.TreeMap::new, Collectors.counting()));
        assertEquals(ProjectModules.EXPECTED, List.copyOf(perModule.keySet()));
    }

    @TestFactory
    List<DynamicTest> rulesHoldForTheProject() {
        return ArchitectureRules.all(ArchitectureTest::moduleOf).entrySet().stream()
                .map(e -> DynamicTest.dynamicTest(e.getKey(), () -> e.getValue().check(PRODUCTION)))
                .collect(Collectors.toList());
    }

    /** Each rule, run over production classes plus fixtures that violate it, must report a violation. */
    @TestFactory
    List<DynamicTest> everyRuleCanFail() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("dev.ktstr.arch.archfixture",
                "dev.ktstr.api.archfixture", "dev.ktstr.fs.archfixture", "dev.ktstr.git.archfixture",
                "dev.ktstr.posix.archfixture", "dev.ktstr.host.archfixture", "dev.ktstr.pg.archfixture", "dev.ktstr.tck.archfixture",
                "dev.ktstr.report.archfixture", "dev.ktstr.cli.archfixture");
        assertTrue(fixtures.size() >= 12, "fixtures not found: " + fixtures.size());
        // Fixtures pretend to belong to the module their package names, except the stray one.
        Map<String, ArchRule> rules = ArchitectureRules.all(c -> c.getPackageName().startsWith("dev.ktstr.arch")
                ? "dev.ktstr.cli" : c.getPackageName().replaceAll("^(dev\\.ktstr\\.[a-z]+).*", "$1"));
        return rules.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            AssertionError err = assertThrows(AssertionError.class, () -> e.getValue().check(fixtures));
            assertTrue(err.getMessage().contains("archfixture"), err.getMessage());
        })).collect(Collectors.toList());
    }
}
