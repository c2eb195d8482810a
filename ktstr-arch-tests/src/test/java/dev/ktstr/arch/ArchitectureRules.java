package dev.ktstr.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/** The project's layering rules, shared by the real check and the "can it fail" check. */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    static final String API = "dev.ktstr.api..";
    static final String FS = "dev.ktstr.fs..";
    static final String GIT = "dev.ktstr.git..";
    static final String POSIX = "dev.ktstr.posix..";
    static final String REPORT = "dev.ktstr.report..";
    static final String CLI = "dev.ktstr.cli..";
    static final String HOST = "dev.ktstr.host..";
    static final String PG = "dev.ktstr.pg..";
    static final String TCK = "dev.ktstr.tck..";

    /** Every rule by a stable name; {@code moduleOf} maps a class to the module it was built in. */
    static Map<String, ArchRule> all(Function<JavaClass, String> moduleOf) {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("api depends on nothing of ours", noClasses().that().resideInAPackage(API)
                .should().dependOnClassesThat().resideInAnyPackage(FS, GIT, POSIX, HOST, PG, TCK, REPORT, CLI));
        rules.put("fs depends on api only", implOnlyOnApi(FS, GIT, POSIX, HOST, PG));
        rules.put("git depends on api only", implOnlyOnApi(GIT, FS, POSIX, HOST, PG));
        rules.put("posix depends on api only", implOnlyOnApi(POSIX, FS, GIT, HOST, PG));
        rules.put("host depends on api only", implOnlyOnApi(HOST, FS, GIT, POSIX, PG));
        rules.put("pg depends on api only", implOnlyOnApi(PG, FS, GIT, POSIX, HOST));
        // The kit tests any provider through the SPI: it names none of ours.
        rules.put("tck depends on api only", noClasses().that().resideInAPackage(TCK)
                .should().dependOnClassesThat().resideInAnyPackage(FS, GIT, POSIX, HOST, PG, REPORT, CLI));
        rules.put("report depends on api only", noClasses().that().resideInAPackage(REPORT)
                .should().dependOnClassesThat().resideInAnyPackage(FS, GIT, POSIX, HOST, PG, TCK, CLI));
        rules.put("cli never imports an implementation module", noClasses().that().resideInAPackage(CLI)
                .should().dependOnClassesThat().resideInAnyPackage(FS, GIT, POSIX, HOST, PG, TCK));
        rules.put("only Providers calls ServiceLoader", noClasses()
                .that().doNotHaveFullyQualifiedName("dev.ktstr.api.Providers")
                .should().dependOnClassesThat().belongToAnyOf(ServiceLoader.class));
        rules.put("no package cycles", slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles());
        rules.put("no module cycles", slices().matching("dev.ktstr.(*)..").should().beFreeOfCycles());
        rules.put("package starts with module name", classes().should(startWithModuleName(moduleOf)));
        return rules;
    }

    /** One slice per package of ours (ArchUnit's pattern syntax has no "whole package" capture). */
    private static final SliceAssignment EACH_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            return c.getPackageName().startsWith("dev.ktstr.") ? SliceIdentifier.of(c.getPackageName())
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "each package of dev.ktstr";
        }
    };

    /** {@code self} may use api only: not the other implementations, the kit, report or cli. */
    private static ArchRule implOnlyOnApi(String self, String... others) {
        String[] forbidden = new String[others.length + 3];
        System.arraycopy(others, 0, forbidden, 0, others.length);
        forbidden[others.length] = TCK;
        forbidden[others.length + 1] = REPORT;
        forbidden[others.length + 2] = CLI;
        return noClasses().that().resideInAPackage(self).should().dependOnClassesThat().resideInAnyPackage(forbidden);
    }

    private static ArchCondition<JavaClass> startWithModuleName(Function<JavaClass, String> moduleOf) {
        return new ArchCondition<>("have a package that starts with their module's name") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String module = moduleOf.apply(c);
                String pkg = c.getPackageName();
                boolean ok = pkg.equals(module) || pkg.startsWith(module + ".");
                events.add(new SimpleConditionEvent(c, ok,
                        c.getName() + " is in module " + module + " but in package " + pkg));
            }
        };
    }
}
